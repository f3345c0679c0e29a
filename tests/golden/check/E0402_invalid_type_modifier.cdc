-- E0402: type modifiers out of range or not taken by the type
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id         bigint(20) primary key
  amount     numeric(0,2)
  tax        numeric(5,7)
  code       varchar(0)
  created_at timestamp(9)
  flags      numeric(10,2,1)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
