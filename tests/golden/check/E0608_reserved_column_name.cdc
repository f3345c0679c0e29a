-- E0608: _cdc_ names belong to the staging tables, in every target (case ignored)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id        bigint primary key
  _cdc_op   text
}

transform shop.public.orders {
  "_CDC_seq" = 1
}

target pg postgres {
  dsn = env("PG_DSN")
}

merge shop.public.orders into pg.shop.orders { }
