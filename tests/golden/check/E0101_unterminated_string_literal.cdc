-- E0101: a single-quoted string literal in a rule that does not end on its line
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  status text
}

quality shop.public.orders {
  require status IN ('new', 'paid) else quarantine
}
