-- cdcc ddl --migrate-from: changes a dialect cannot make are errors, each with its reason
pipeline bad { }

source app postgres {
  dsn       = env("APP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.events, public.lines]
}

table app.public.orders {
  id      bigint primary key
  qty     bigint
  code    varchar(10)
  status  varchar(30)
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
  sortkey = (qty)
  encode {
    status = bytedict
  }
}
merge app.public.events into dw.app.events {
  mode = append
}
merge app.public.lines into dw.app.lines {
  key = (order_id)
}
merge app.public.* into pg.app.* { }
merge app.public.lines into pg.app.lines {
  key = (order_id)
}
