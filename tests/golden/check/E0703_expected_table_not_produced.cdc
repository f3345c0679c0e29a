-- E0703: expect names a target table no merge writes (a typo with a suggestion, and the source table)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id         bigint primary key
  amount     numeric(12,2)
  status     text
  created_at timestamptz
}

quality shop.public.orders {
  require positive: amount >= 0 else quarantine
  require known_status: status IN ('new', 'paid') else drop
  require has_id: id IS NOT NULL else fail
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }

test "wrong expectations" {
  given shop.public.orders {
    insert { id = 1, amount = 10.00, status = 'new' }
  }
  expect dw.public.order {
    row { id = 1 }
  }
  expect shop.public.orders {
    row { id = 1 }
  }
}
