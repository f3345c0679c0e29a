-- E0411: a numeric literal with more than 38 digits (arithmetic results are capped at 38 digits instead)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id    bigint primary key
  price numeric(30,2)
  qty   numeric(20,0)
}

transform shop.public.orders {
  total   = price * qty
  big_int = 123456789012345678901234567890123456789
  big_dec = 1234567890123456789012345678901234567.89
  ok      = price + 1
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
