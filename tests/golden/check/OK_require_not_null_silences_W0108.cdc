-- no W0108: a require ... IS NOT NULL rule (fail, quarantine or drop) makes the key column not null
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

quality shop.public.customers {
  require email IS NOT NULL else quarantine
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.customers into dw.public.customers {
  key = (tenant_id, email)
}
