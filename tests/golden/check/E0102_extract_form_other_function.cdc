-- E0102: only EXTRACT takes the form f(field FROM value)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id         bigint primary key
  created_at timestamptz
}

transform shop.public.orders {
  yr = date_part(year FROM created_at)
}
