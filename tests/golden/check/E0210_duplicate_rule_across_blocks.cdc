-- E0210: a pattern quality block and an exact one define the same rule name for one table
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.customers]
}

table shop.public.orders {
  id bigint primary key
}

table shop.public.customers {
  id bigint primary key
}

quality shop.public.* {
  require has_id: id IS NOT NULL else fail
}

quality shop.public.orders {
  require has_id: id > 0 else quarantine
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.* into dw.public.* { }
