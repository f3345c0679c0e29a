-- W0102: captured tables that no merge block routes to a target
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.customers]
}

table shop.public.orders {
  id bigint primary key
}

table shop.public.customers {
  id bigint primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
