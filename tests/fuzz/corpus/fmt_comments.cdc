-- header comment for the file

pipeline shop_orders { description = "demo" }  -- trailing
source shop postgres {
  dsn = env("SHOP_DSN")   -- from env
  slot = "cdcc_shop"
  -- a comment on its own line
  snapshot = initial
  tables = [public.orders, public.customers]

  heartbeat = 1m
  batch { rows = 5  interval = 10s }
  nested {
    a = 1
    bb = 2
  }
}
table shop.public.orders {
  id bigint primary key
  AMOUNT NUMERIC(12,2)
  "Weird Col" text not null
  primary key (id)
}
quality shop.public.* {
  require id is not null else fail
  require nonneg: amount>=0 else quarantine
  warn email like '%@%'
}
transform shop.public.orders {
  x = (a+b)*c
  y = case when a>1 then 'x' else 'y' end
  drop a,b
  /* block
     comment */
  rename c to d
}
test "t1" {
  given shop.public.orders {
    insert { id = 1 amount = 10.00 }
    delete {id=1}
  }
  expect dw.a.orders {
    row { id = 1 }
  }
  expect failure r
}
-- end
