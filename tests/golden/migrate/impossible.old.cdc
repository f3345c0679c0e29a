pipeline bad { }

source app postgres {
  dsn       = env("APP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.events, public.lines]
}

table app.public.orders {
  id      bigint primary key
  qty     integer
  code    varchar(10) not null
  status  varchar(20)
}

table app.public.events {
  id    bigint primary key
  kind  text
}

table app.public.lines {
  order_id  bigint not null
  line_no   integer not null
  sku       varchar(20)
  primary key (order_id, line_no)
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://stage/bad/")
}

target pg postgres {
  dsn = env("PG_DSN")
}

merge app.public.* into dw.app.* { }
merge app.public.orders into dw.app.orders {
  sortkey = interleaved(qty, status)
  encode {
    status = bytedict
  }
}
merge app.public.* into pg.app.* { }
