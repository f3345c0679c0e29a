-- E0403: arithmetic operators on types they do not accept (text + int gets a help line)
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
  label     = status + 1
  half      = paid / 2
  scaled    = payload * 2
  modulo    = created_at % 7
  powered   = status ^ 2
  days_left = ship_date - 'x'::text
}
