-- E0408: CASE branches, IN list items, CASE operands and coalesce() arguments without a common type
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
  a = CASE WHEN paid THEN amount ELSE 'unpaid' || status END
  b = CASE WHEN paid THEN created_at WHEN qty > 1 THEN qty END
  c = coalesce(ship_date, qty)
  d = CASE status WHEN 1 THEN 'one' END
  e = greatest(amount, created_at)
}

quality shop.public.orders {
  require status IN ('new', 'paid', 3)
}
