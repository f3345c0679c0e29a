-- W0107: quoted column names work in key, distkey and sortkey ("Line No"); a key other than the primary key warns
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.order_items]
}

table shop.public.order_items {
  id          bigint primary key
  "Line No"   int not null
  "Ship Date" date
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
}

merge shop.public.order_items into dw.public.order_items {
  key     = (id, "Line No")
  distkey = "Line No"
  sortkey = ("Ship Date")
}
