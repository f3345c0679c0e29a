-- E0704: expect quarantine rows name a quarantining rule of the table
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

test "quarantine expectations" {
  given shop.public.orders {
    insert { id = 1, amount = -5.00, status = 'zzz' }
  }
  expect quarantine shop.public.orders {
    row positve { id = 1 }
    row known_status { id = 1 }
    row { id = 1 }
  }
  expect dw.public.orders {
    row positive { id = 1 }
  }
}
