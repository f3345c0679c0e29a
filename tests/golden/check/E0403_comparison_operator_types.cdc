-- E0403: comparisons between types that cannot be compared
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

quality shop.public.orders {
  require amount > 'high'::text
  require created_at <> 5
  require paid = 1
  require tags = 'x'::text
  require payload IS DISTINCT FROM qty
}
