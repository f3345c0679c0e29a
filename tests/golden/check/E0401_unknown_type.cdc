-- E0401: unknown type names in a table block (typo with suggestion, no match) and in a cast
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id         bigint primary key
  amount     numerc(12,2)
  tags       hstore
  created_at timestamptz
}

transform shop.public.orders {
  created_day = created_at::dat
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
