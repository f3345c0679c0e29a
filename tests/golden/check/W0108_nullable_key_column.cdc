-- W0108: merge key columns that may be NULL (not declared not null, not part of the primary key)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.customers]
}

table shop.public.customers {
  email     text
  tenant_id int not null
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.customers into dw.public.customers {
  key = (tenant_id, email)
}
