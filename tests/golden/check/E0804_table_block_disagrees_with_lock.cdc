-- E0804: a table block whose column types, columns and key differ from the schema lock
pipeline p {
  schema_lock = "E0804_table_block_disagrees_with_lock.lock.json"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}

table shop.public.orders {
  id          int
  customer_id bigint not null
  amount      numeric(10,2)
  coupon      text
  primary key (customer_id)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.* into dw.public.* { }
