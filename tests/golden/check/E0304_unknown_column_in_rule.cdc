-- E0304: unknown columns in quality rules (a typo with a suggestion, one without)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id          bigint primary key
  customer_id bigint not null
  amount      numeric(12,2)
  status      text
  email       text
  created_at  timestamptz
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }

quality shop.public.orders {
  require ammount >= 0 else quarantine
  require discount_code IS NULL
}
