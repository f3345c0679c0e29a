-- E0405: env() needs a literal name, pseudonymize() a constant key, before() a source column
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id         bigint primary key
  amount     numeric(12,2)
  qty        int
  status     text
  paid       boolean
  payload    jsonb
  tags       text[]
  created_at timestamptz
  ship_date  date
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }

transform shop.public.orders {
  a          = env(status)
  b          = pseudonymize(status, status)
  c          = before(qty + 1)
  amount_usd = amount * 2
  d          = before(amount_usd)
}
