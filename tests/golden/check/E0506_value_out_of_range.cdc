-- E0506: numbers, durations, sizes and names outside the range an option allows
pipeline p { }

source shop postgres {
  dsn          = env("SHOP_DSN")
  heartbeat    = 0s
  slot         = "Shop-Slot"
  max_slot_wal = 0MB
  timeout      = 1s
  tables       = [public.orders]
}

source app mysql {
  dsn       = env("APP_DSN")
  server_id = 0
  tables    = [app.orders]
}

table shop.public.orders {
  id bigint primary key
}

table app.app.orders {
  id bigint primary key
}

target dw postgres {
  dsn   = env("DW_DSN")
  batch { rows = 0  interval = 400d }
}

target lake s3 {
  path = "/data/lake"
}

merge shop.public.orders into dw.public.orders { }

merge app.app.orders into lake.app.orders { }
