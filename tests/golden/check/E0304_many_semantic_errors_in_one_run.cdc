-- E0304 and others: one run reports every semantic error of a file, across all kinds of blocks
pipeline p {
  descripton = "orders"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  snapshot  = sometimes
  tables    = [public.orders]
}

table shop.public.orders {
  id         bigint primary key
  amount     numerc(12,2)
  status     text
  created_at timestamptz
}

quality shop.public.orders {
  require stauts IN ('new', 'paid') else quarantine
  require created_at > 5
  warn    status
}

transform shop.public.orders {
  amount_usd = amount * 'x'
  label      = upper(status, 1)
  day        = date_trunc('dya', created_at)
}

target dw redshift {
  dsn = env("DW_DSN")
  batch { rows = 0 }
}

merge shop.public.orders into dw.public.orders {
  sortkey = (create_at)
}

test "orders" {
  given shop.public.orders {
    update { status = 'paid' }
  }
  expect dw.public.order { }
}
