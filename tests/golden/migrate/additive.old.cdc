pipeline shop { }

source app postgres {
  dsn       = env("APP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.customers, public.legacy]
}

table app.public.orders {
  id        bigint primary key
  status    varchar(20)
  amount    numeric(10,2)
  note      text
  qty       integer
  placed    timestamptz
}

table app.public.customers {
  id     bigint primary key
  email  varchar(100)
}

table app.public.legacy {
  id  bigint primary key
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://stage/shop/")
}

target pg postgres {
  dsn = env("PG_DSN")
}

target my mysql {
  dsn    = env("MY_DSN")
  flavor = mariadb
}

target lake s3 {
  path = "s3://lake/shop/"
}

merge app.public.* into dw.shop.* { }
merge app.public.orders into dw.shop.orders {
  distkey = id
  sortkey = (placed)
}
merge app.public.* into pg.shop.* { }
merge app.public.* into my.shop.* { }
merge app.public.orders into lake.shop.orders { }
