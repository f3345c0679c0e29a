-- E0405: arguments with invalid constant values: sha2 bits, date parts, units, encodings, regexps, flags
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
  a = sha2(status, 128)
  b = EXTRACT(fortnight FROM created_at)
  c = date_trunc('days', created_at)
  d = encode(status::bytea, 'base32')
  e = regexp_replace(status, '([a-z', 'x')
  f = regexp_like(status, '^a', 'x')
  g = date_part('yeer', created_at)
}
