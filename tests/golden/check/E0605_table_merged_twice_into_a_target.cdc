-- E0605: two merge blocks name the same table exactly and send it to the same target in the same mode
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  amount numeric(12,2)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }

merge shop.public.orders into dw.archive.orders { }
