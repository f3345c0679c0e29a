-- E0411: exact arithmetic wider than 38 digits, and literals with too many digits
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
