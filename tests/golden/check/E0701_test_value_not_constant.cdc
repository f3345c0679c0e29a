-- E0701: test rows take constants: not column references, quoted names, or event functions
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

test "constants only" {
  given shop.public.orders {
    insert { id = 1, amount = id * 2, status = "new", created_at = now() }
    insert { id = 2, amount = 1.50 + 2, status = 'n' || 'ew', created_at = '2024-01-01'::timestamptz }
  }
}
