-- fmt: comments inside a multi-line list or expression, and after a closing brace
pipeline p {}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.customers]
  -- the orders
  -- and who placed them
}

table shop.public.orders {
  id     bigint primary key
  amount numeric(12,2)
}

table shop.public.customers {
  id bigint primary key
}

quality shop.public.orders {
  require amount >= 0 AND amount < 1000000 else quarantine
  -- never negative
  -- and not absurd
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.* into dw.public.* {}  -- every table
