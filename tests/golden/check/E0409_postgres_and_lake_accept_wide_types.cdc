-- E0409: the same wide columns are fine in PostgreSQL, the s3 lake and a files lake, but not in Redshift
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id    bigint primary key
  total numeric(60,2)
  span  interval
}

target pg postgres {
  dsn = env("PG_DSN")
}

target lake s3 {
  path = "s3://acme-lake/orders/"
}

target local files {
  path = "/var/lib/cdcc/lake"
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
}

merge shop.public.orders into pg.public.orders { }

merge shop.public.orders into lake.raw.orders { }

merge shop.public.orders into local.raw.orders { }

merge shop.public.orders into dw.public.orders { }
