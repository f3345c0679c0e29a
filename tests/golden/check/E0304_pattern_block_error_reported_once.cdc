-- E0304: a pattern quality block that fails for three tables is reported once, with a count
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}

table shop.public.orders {
  id bigint primary key
}

table shop.public.customers {
  id bigint primary key
}

table shop.public.invoices {
  id bigint primary key
}

quality shop.public.* {
  require updated_at IS NOT NULL else quarantine
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.* into dw.public.* { }
