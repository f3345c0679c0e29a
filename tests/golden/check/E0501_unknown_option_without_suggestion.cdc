-- E0501: unknown options with no close name; one is an option of another block
pipeline p {
  owner = "data-platform"
  slot  = "cdcc_p"
}

source shop postgres {
  dsn            = env("SHOP_DSN")
  heartbeat      = 1m
  tables         = [public.orders]
  retention_days = 7
}

table shop.public.orders {
  id bigint primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
