-- E0413: test row values that are no valid value of their column type
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

test "literal values" {
  given shop.public.orders {
    insert { id = 1, amount = 123456789012.345, qty = 'seven', ship_date = '2024-02-30', paid = 'yes please' }
  }
  expect dw.public.orders {
    row { id = 'one', created_at = 'yesterday' }
  }
}
