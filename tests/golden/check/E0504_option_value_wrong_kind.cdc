-- E0504: option values of the wrong kind, with help where there is an obvious fix
pipeline p {
  description = orders
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 60
  snapshot  = "initial"
  slot      = 42
  tables    = [public.orders, "public.customers"]
}

table shop.public.orders {
  id bigint primary key
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = "s3://acme-cdc/orders/"
  batch   = 1000
}

merge shop.public.orders into dw.public.orders {
  key     = "id"
  distkey = (id, created_at)
}
