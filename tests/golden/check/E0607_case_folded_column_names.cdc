-- E0607: columns that differ only in case are one column in Redshift and in MySQL;
-- PostgreSQL keeps them apart.  Redshift also folds table names (E0310).
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}

table shop.public.orders {
  id        bigint primary key
  "Status"  text
  status    text
}

table shop.public."Orders" {
  id  bigint primary key
}

table shop.public.items {
  id  bigint primary key
}

transform shop.public.items {
  "ID_copy" = id
  id_copy   = id + 1
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
}

target app mysql {
  dsn = env("APP_DSN")
}

target pg postgres {
  dsn = env("PG_DSN")
}

merge shop.public.* into dw.shop.* { }
merge shop.public.orders into app.shop.orders { }
merge shop.public.* into pg.shop.* { }
