-- E0306: test blocks name exact tables; given and expect quarantine take no pattern
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id bigint primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }

test "patterns" {
  given shop.public.* {
    insert { id = 1 }
  }
  expect quarantine shop.public.ord* { }
}
