pipeline targets { }

source app postgres {
  dsn       = env("APP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table app.public.orders {
  id      bigint primary key
  status  varchar(20)
  placed  timestamptz
}

target pg postgres {
  dsn = env("PG_DSN")
}

target my mysql {
  dsn = env("MY_DSN")
}

target lake s3 {
  path = "s3://lake/v1/"
}

merge app.public.orders into pg.app.orders { }
merge app.public.orders into my.app.orders { }
merge app.public.orders into lake.app.orders { }
