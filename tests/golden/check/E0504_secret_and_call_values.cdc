-- E0504: env() and file() arguments, soft() and s3() arguments, sizes and integers
pipeline p { }

source shop postgres {
  dsn          = env(SHOP_DSN)
  heartbeat    = 1m
  max_slot_wal = 100
  tables       = [public.orders]
}

source app mysql {
  dsn       = file("")
  server_id = 12.5
  tables    = [app.orders]
}

table shop.public.orders {
  id bigint primary key
}

table app.app.orders {
  id bigint primary key
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3(region = "us-east-1")
  batch { rows = 10  bytes = 64MB  interval = 10s }
}

target lake s3 {
  path = "s3://acme-lake/"
}

merge shop.public.orders into dw.public.orders {
  deletes = soft(a, b)
}

merge app.app.orders into lake.app.orders {
  key = []
}
