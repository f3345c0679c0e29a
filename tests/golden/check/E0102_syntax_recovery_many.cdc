-- E0102: one run reports every syntax error, in several blocks
pipeline p {
  description "x"
}

source shop postgres {
  dsn = env("SHOP_DSN")
  tables = [public.orders
}

table shop.public.orders {
  id bigint primary key
  amount numeric(12,
}

quality shop.public.orders {
  require amount > 0 else
}

transform shop.public.orders {
  x = (amount + 1
  y = 2
}
