-- E0901: an AWS access key written in the file (description, s3() argument) is refused by build
pipeline p {
  description = "uses AKIAIOSFODNN7EXAMPLE for now"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id bigint primary key
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/", iam_role = "AKIAIOSFODNN7EXAMPLE")
}

merge shop.public.orders into dw.public.orders { }
