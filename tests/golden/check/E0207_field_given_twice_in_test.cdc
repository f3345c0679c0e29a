-- E0207: a test change that gives the same column twice
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  status text
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }

test "status given twice" {
  given shop.public.orders {
    insert { id = 1, status = 'new', status = 'paid' }
  }
}
