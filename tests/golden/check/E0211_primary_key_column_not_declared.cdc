-- E0211: primary key (...) names a column the table does not declare (one typo, one absent)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.order_items]
}

table shop.public.order_items {
  order_id bigint not null
  line_no  int not null
  primary key (order_id, line_nr, tenant)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.order_items into dw.public.order_items { }
