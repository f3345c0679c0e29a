-- E0312: rename onto a column that exists (declared, and made by an earlier step)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id         bigint primary key
  status     text
  state      text
  amount     numeric(12,2)
}

transform shop.public.orders {
  rename status to state
  amount_usd = amount * 1.08
  rename amount to amount_usd
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
