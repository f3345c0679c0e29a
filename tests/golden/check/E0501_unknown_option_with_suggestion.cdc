-- E0501: misspelled options in pipeline, source, target, batch, s3() and merge blocks, each with a suggestion
pipeline p {
  descripton = "orders"
}

source shop postgres {
  dsn        = env("SHOP_DSN")
  heartbeat  = 1m
  tabels     = [public.orders]
  tables     = [public.orders]
}

table shop.public.orders {
  id bigint primary key
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/", regoin = "us-east-1")
  batch {
    row = 1000
  }
}

merge shop.public.orders into dw.public.orders {
  delets = hard
}
