-- E0604: distkey and sortkey columns that are not in the merged rows
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id          bigint primary key
  customer_id bigint
  created_at  timestamptz
  internal    text
}

transform shop.public.orders {
  drop internal
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
}

merge shop.public.orders into dw.public.orders {
  distkey = customer
  sortkey = compound(created_at, internal)
}
