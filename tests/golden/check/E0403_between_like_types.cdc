-- E0403: BETWEEN bounds that cannot be compared, LIKE and ILIKE on non-text
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
  require amount BETWEEN 0 AND 'max'::text
  require created_at NOT BETWEEN ship_date AND 10
  require qty LIKE '1%'
  require status ILIKE payload
}
