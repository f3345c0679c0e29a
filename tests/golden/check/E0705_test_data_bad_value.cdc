-- E0705: a test data line whose value does not fit its column (checked like a literal of the column type)
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

test "from a file" {
  given shop.public.orders from "E0705_test_data_bad_value.orders.jsonl"
  expect dw.public.orders { }
}
