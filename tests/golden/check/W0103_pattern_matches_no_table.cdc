-- W0103: with a complete schema lock, patterns and names that select no table
pipeline p {
  schema_lock = "W0103_pattern_matches_no_table.lock.json"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.order*, public.invoices, sales.*]
}

quality shop.public.orderz* {
  require id > 0
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.* into dw.public.* { }
