-- fmt: test blocks: given changes, expected rows, quarantined rows and failures
pipeline p {}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  amount numeric(12,2)
  status text
}

quality shop.public.orders {
  require positive: amount >= 0          else quarantine
  require has_status: status IS NOT NULL else fail
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders {}

test "orders flow" {
  given shop.public.orders {
    insert { id = 1, amount = 10.00, status = 'new' }
    update { id = 1, status = 'paid' }
    delete { id = 1 }
    snapshot { id = 2, amount = 5.00, status = 'new' }
  }
  expect dw.public.orders {
    row { id = 2, amount = 5.00, status = 'new' }
  }
}

test quarantine_and_failure {
  given shop.public.orders {
    insert { id = 3, amount = -1.00, status = 'new' }
    insert { id = 4, amount = 1.00 }
  }
  expect quarantine shop.public.orders {
    row positive { id = 3 }
  }
  expect failure has_status
  expect dw.public.orders {}
}
