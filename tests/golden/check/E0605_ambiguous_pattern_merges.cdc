-- E0605: two pattern merges of equal specificity set an option differently for the same table
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}

table shop.public.order_items {
  id bigint primary key
}

table shop.public.orders {
  id bigint primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.order* into dw.public.* {
  deletes = hard
}

merge shop.public.*items into dw.public.* {
  deletes = ignore
}
