-- E0507: options that exist but not for this kind of source or target
pipeline p { }

source app mysql {
  dsn       = env("APP_DSN")
  slot      = "cdcc_app"
  heartbeat = 1m
  tables    = [app.orders]
}

source clicks kinesis {
  stream   = "clicks"
  snapshot = never
  tables   = [clicks]
}

table app.app.orders {
  id bigint primary key
}

table clicks.clicks {
  id text primary key
}

target dw postgres {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
}

merge app.app.orders into dw.app.orders {
  distkey = id
}

merge clicks.clicks into dw.web.clicks { }
