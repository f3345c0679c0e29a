-- E0305: table paths with too few or too many parts for postgres and dynamodb sources, and a target path
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [orders, public.customers]
}

source carts dynamodb {
  tables = [prod.carts]
}

table shop.orders {
  id bigint primary key
}

table shop.public.customers {
  id bigint primary key
}

table carts.prod.carts {
  cart_id text primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.customers into dw.customers { }
