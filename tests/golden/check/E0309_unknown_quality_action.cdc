-- E0309: unknown rule actions: a typo (suggestion) and a word with no match
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  amount numeric(12,2)
}

quality shop.public.orders {
  require amount >= 0   else quarantaine
  require amount < 1e6  else reject
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
