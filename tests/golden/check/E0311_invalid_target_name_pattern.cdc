-- E0311: target name parts with '%' or two '*', and a pattern merged into one fixed table name
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

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.stg_% { }

merge shop.public.customers into dw.*_*.customers { }

merge shop.public.* into dw.analytics.all_tables { }
