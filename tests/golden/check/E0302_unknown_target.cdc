-- E0302: merges into an unknown target (typo), into a source, and into a name with no match
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id bigint primary key
}

target warehouse postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into warehous.public.orders { }

merge shop.public.orders into shop.public.orders_copy { }

merge shop.public.orders into lake.raw.orders { }
