-- E0208: a column marked primary key and a separate primary key (...) line
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.order_items]
}

table shop.public.order_items {
  order_id bigint primary key
  line_no  int not null
  sku      text
  primary key (order_id, line_no)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.order_items into dw.public.order_items { }
