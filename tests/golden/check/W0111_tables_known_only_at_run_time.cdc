-- W0111: a source selecting tables by pattern without a schema lock; only declared tables are checked
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*, sales.order_%]
}

table shop.public.orders {
  id bigint primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.*.* into dw.*.* { }
