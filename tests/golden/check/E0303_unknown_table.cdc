-- E0303: blocks naming tables that are neither declared nor in a schema lock
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}

table shop.public.orders {
  id bigint primary key
}

quality shop.public.order {
  require id > 0
}

transform shop.public.invoices {
  x = 1
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
