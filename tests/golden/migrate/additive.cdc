-- cdcc ddl --migrate-from: what an earlier version of the pipeline (.old.cdc) made, and
-- what this one adds, widens and stops writing
pipeline shop { }

source app postgres {
  dsn       = env("APP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.customers, public.refunds]
}

-- status widened, note dropped, channel (nullable) and region (not null) added
table app.public.orders {
  id        bigint primary key
  status    varchar(40)
  amount    numeric(10,2)
  qty       integer
  placed    timestamptz
  channel   text
  region    varchar(8) not null
}

table app.public.customers {
  id     bigint primary key
  email  varchar(200)
}

-- a new table; legacy is no longer captured
table app.public.refunds {
  id        bigint primary key
  order_id  bigint not null
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
  deletes = soft
  distkey = id
  sortkey = (placed, status)
  encode {
    channel = lzo
    qty     = delta
  }
}
merge app.public.* into pg.shop.* { }
merge app.public.* into my.shop.* { }
merge app.public.orders into lake.shop.orders { }
