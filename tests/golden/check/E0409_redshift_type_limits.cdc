-- E0409: numeric and varchar wider than Redshift holds (char(n) is VARCHAR(4n) there, so char(5000) fits)
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
