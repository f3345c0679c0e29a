-- W0107: a merge key that differs from the table's primary key
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.order_items]
}

table shop.public.order_items {
  order_id bigint not null
  line_no  int not null
  sku      text not null
  primary key (order_id, line_no)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.order_items into dw.public.order_items {
  key = (order_id, sku)
}
