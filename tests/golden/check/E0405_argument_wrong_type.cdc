-- E0405: function arguments of types the function does not accept
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
  a = lower(qty)
  b = round(status)
  c = date_trunc('day', status)
  d = length(tags)
  e = json_extract_path_text(qty, 'a')
  f = substring(status, 'x'::text)
}
