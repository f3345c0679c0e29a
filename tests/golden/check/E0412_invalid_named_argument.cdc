-- E0412: named arguments: an unknown name, a name given twice, a positional argument after a named one
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
  a = mask(status, keep => 4)
  b = mask(status, keep_last => 4, keep_last => 2)
  c = mask(s => status, 4)
  d = mask(status, keep_first => 1, mask_char => '#')
}
