-- no W0107: a transform renames the primary key and the merge keys on the new name, which is the same key
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  amount numeric(12,2)
}

transform shop.public.orders {
  rename id to order_id
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders {
  key = (order_id)
}
