-- E0413: literals that are no valid value of the type they meet: comparisons, casts, typed literals, IN, BETWEEN
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
  require qty <> 'abc'
  require ship_date > '2024-02-30'
  require created_at < 'now'
  require paid = 'maybe'
  require status IN ('new', 'paid') AND qty IN (1, 'two')
  require ship_date BETWEEN '2024-01-01' AND '2024-13-01'
}

transform shop.public.orders {
  small   = 12345.6::numeric(4,2)
  code    = 'toolong'::char(2)
  day     = date '2024-02-30'
  stamp   = timestamptz 'today'
  id_text = CAST('x1' AS bigint)
}
