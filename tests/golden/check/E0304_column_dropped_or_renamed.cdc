-- E0304: a column used after a transform step dropped it, and after a rename
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

transform shop.public.orders {
  drop email
  rename status to order_status
  email_hash = md5(email)
  is_paid    = status = 'paid'
}
