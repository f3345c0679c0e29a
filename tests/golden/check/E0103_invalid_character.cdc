-- E0103: characters outside the language ('#', '@', '?') outside strings
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]   # capture orders only
}

table shop.public.orders {
  id     bigint primary key
  amount numeric(12,2)
}

quality shop.public.orders {
  require amount ? 0
}
