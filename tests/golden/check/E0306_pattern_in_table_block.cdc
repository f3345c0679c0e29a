-- E0306: a table block declares one table; a pattern is not allowed there
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}

table shop.public.order_% {
  id bigint primary key
}
