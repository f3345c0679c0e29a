-- E0409: numeric, varchar and char wider than Redshift holds
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id       bigint primary key
  total    numeric(40,2)
  note     varchar(70000)
  code     char(5000)
  ok_wide  numeric(38,10)
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
}

merge shop.public.orders into dw.public.orders { }
