-- E0404: require, warn, filter and WHEN need boolean conditions
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
  require amount else quarantine
  warn    status
}

transform shop.public.orders {
  filter qty
  size = CASE WHEN qty THEN 'many' ELSE 'few' END
}
