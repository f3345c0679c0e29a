-- cdcc ddl --migrate-from: target settings change: the runtime schema moves (the
-- checkpoints must follow), the quarantine table is renamed, the lake moves and turns
-- to CSV (Athena's tables are replaced; the files stay)
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
  dsn    = env("PG_DSN")
  schema = "ops"
}

target my mysql {
  dsn        = env("MY_DSN")
  quarantine = "orders_quarantine"
}

target lake s3 {
  path   = "s3://lake/v2/"
  format = csv
}

merge app.public.orders into pg.app.orders { }
merge app.public.orders into my.app.orders { }
merge app.public.orders into lake.app.orders { }
