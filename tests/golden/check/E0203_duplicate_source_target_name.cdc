-- E0203: sources and targets share one namespace; two sources and a target named alike
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

source shop mysql {
  dsn    = env("SHOP2_DSN")
  tables = [shop.orders]
}

target shop redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
}
