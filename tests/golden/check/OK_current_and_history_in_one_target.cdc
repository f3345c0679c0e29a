-- no E0605: one table merged into a target twice, once as current state and once with mode = append as history
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

merge shop.public.orders into dw.history.orders {
  mode = append
}
