-- E0602: merge keys a transform dropped or renamed, a key that never existed, and a dropped primary key
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.customers]
}

table shop.public.orders {
  id        bigint primary key
  tenant_id int not null
  order_no  text not null
}

table shop.public.customers {
  id    bigint primary key
  email text
}

transform shop.public.orders {
  drop tenant_id
  rename order_no to order_number
}

transform shop.public.customers {
  drop id
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders {
  key = (tenant_id, order_no, ordr_id)
}

merge shop.public.customers into dw.public.customers { }
