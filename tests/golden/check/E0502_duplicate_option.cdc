-- E0502: an option set twice in a source and in a nested batch block
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
  heartbeat = 30s
}

table shop.public.orders {
  id bigint primary key
}

target dw postgres {
  dsn   = env("DW_DSN")
  batch { rows = 1000  rows = 2000 }
}

merge shop.public.orders into dw.public.orders { }
