-- fmt: runs of blank lines collapse to one; blank lines inside blocks are kept; blocks get one blank line between them

pipeline p {}

source shop postgres {
  dsn = env("SHOP_DSN")

  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id bigint primary key

  amount numeric(12,2)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders {}
