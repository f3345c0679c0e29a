-- E0508: diststyle contradicting distkey, and diststyle key without a distkey
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.customers]
}

table shop.public.orders {
  id          bigint primary key
  customer_id bigint
}

table shop.public.customers {
  id bigint primary key
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
}

merge shop.public.orders into dw.public.orders {
  diststyle = even
  distkey   = customer_id
}

merge shop.public.customers into dw.public.customers {
  diststyle = key
}
