-- E0403: AND, OR, NOT and IS TRUE on operands that are not boolean
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
  require paid AND qty
  require status OR paid
  require NOT amount
  require qty IS TRUE
  require status IS NOT FALSE
}
