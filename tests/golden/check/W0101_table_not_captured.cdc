-- W0101: table blocks for tables no source tables list selects (not listed; excluded)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.customers]
  exclude   = [public.customers]
}

table shop.public.orders {
  id bigint primary key
}

table shop.public.customers {
  id bigint primary key
}

table shop.public.invoices {
  id bigint primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
