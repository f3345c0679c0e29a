-- E0702: update and delete changes in a test must give every key column
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

test "updates need keys" {
  given shop.public.orders {
    insert { id = 1, amount = 10.00, status = 'new' }
    update { status = 'paid' }
    delete { }
    snapshot { amount = 1.00 }
  }
}
