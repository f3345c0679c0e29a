-- E0410: interval in Redshift and MySQL, time with time zone in MySQL
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id        bigint primary key
  lead_time interval
  cutoff    timetz
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
}

target archive mysql {
  dsn = env("ARCHIVE_DSN")
}

merge shop.public.orders into dw.public.orders { }

merge shop.public.orders into archive.shop.orders { }
