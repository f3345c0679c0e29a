-- E0306: the first part of a path names a source or target exactly; it cannot be a pattern
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id bigint primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

quality sh*.public.orders {
  require id > 0
}

merge shop.public.orders into d*.public.orders { }
