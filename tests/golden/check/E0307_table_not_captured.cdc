-- E0307: blocks naming declared tables the source does not capture (not listed; excluded)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
  exclude   = [public.audit_log]
}

table shop.public.orders {
  id bigint primary key
}

table shop.public.audit_log {
  id bigint primary key
}

table shop.internal.jobs {
  id bigint primary key
}

quality shop.public.audit_log {
  require id > 0
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }

merge shop.internal.jobs into dw.internal.jobs { }
