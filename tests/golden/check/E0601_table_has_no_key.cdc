-- E0601: a table without a primary key merged without key = (...); append mode and the lake need none
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint not null
  amount numeric(12,2)
}

target dw postgres {
  dsn = env("DW_DSN")
}

target history postgres {
  dsn = env("HISTORY_DSN")
}

target lake s3 {
  path = "s3://acme-lake/"
}

merge shop.public.orders into dw.public.orders { }

merge shop.public.orders into history.public.orders {
  mode = append
}

merge shop.public.orders into lake.raw.orders { }
