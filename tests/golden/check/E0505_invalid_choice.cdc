-- E0505: words not among an option's choices (with and without a close match), and deletes
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  snapshot  = inital
  tables    = [public.orders]
}

source app mysql {
  dsn    = env("APP_DSN")
  flavor = percona
  tables = [app.orders]
}

table shop.public.orders {
  id bigint primary key
}

table app.app.orders {
  id bigint primary key
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
  apply   = upsert
}

merge shop.public.orders into dw.public.orders {
  deletes = soft_delete
}

merge app.app.orders into dw.app.orders {
  on_schema_change = evolve
}
