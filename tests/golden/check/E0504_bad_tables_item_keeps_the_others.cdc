-- E0504: one bad item in a tables list is reported; the other items still capture their tables
pipeline p { }
source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders, 5]
}
table shop.public.orders { id bigint primary key }
target dw postgres { dsn = env("DW_DSN") }
merge shop.public.orders into dw.public.orders { }
