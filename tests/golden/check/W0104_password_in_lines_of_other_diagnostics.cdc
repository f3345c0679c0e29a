-- W0104: DSN passwords on lines that other diagnostics quote (E0507, E0502, E0501) must stay masked too
pipeline p { }

source clicks kinesis {
  stream = "clicks"
  dsn    = "postgres://cdcc:kinesis-s3cr3t@db/shop"
  tables = [clicks]
}

source shop postgres {
  dsn       = "postgres://cdcc:first-s3cr3t@db/shop"
  dsn       = "postgres://cdcc:second-s3cr3t@db/shop"
  dns       = "postgres://cdcc:typo-s3cr3t@db/shop"
  heartbeat = 1m
  tables    = [public.orders]
}

table clicks.clicks {
  id text primary key
}

table shop.public.orders {
  id bigint primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge clicks.clicks into dw.web.clicks { }

merge shop.public.orders into dw.public.orders { }
