-- E0108: a column name of 72 bytes is fine in the language but longer than PostgreSQL's 63
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id bigint primary key
  customer_lifetime_value_in_original_currency_before_discounts_and_taxes numeric(12,2)
}

target replica postgres {
  dsn = env("REPLICA_DSN")
}

merge shop.public.orders into replica.public.orders { }
