-- fmt: consecutive unary minus signs must not be printed as "--", which starts a comment
pipeline p {}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  amount numeric(12,2)
}

transform shop.public.orders {
  back  = - -amount
  again = - -1
  fine  = -(-amount)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders {}
