-- E0209: two tests with the same name (a quoted and a bare spelling)
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

test "inserts" {
  given shop.public.orders {
    insert { id = 1 }
  }
}

test inserts {
  given shop.public.orders {
    insert { id = 2 }
  }
}
