-- W0110: numeric without (p,s) going to Redshift and MySQL; PostgreSQL keeps it as is
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  amount numeric
}

transform shop.public.orders {
  ratio = amount / 3
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
}

target archive mysql {
  dsn = env("ARCHIVE_DSN")
}

target replica postgres {
  dsn = env("REPLICA_DSN")
}

merge shop.public.orders into dw.public.orders { }

merge shop.public.orders into archive.shop.orders { }

merge shop.public.orders into replica.public.orders { }
