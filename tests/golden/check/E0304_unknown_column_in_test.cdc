-- E0304: a test change and an expected row naming columns the table does not have
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

test "unknown columns" {
  given shop.public.orders {
    insert { id = 1, customer_id = 7, amount = 10.00, sattus = 'new' }
  }
  expect dw.public.orders {
    row { id = 1, customer_id = 7, total = 10.00 }
  }
}
