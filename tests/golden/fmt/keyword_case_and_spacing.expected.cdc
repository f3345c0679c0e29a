-- fmt: keywords in upper and mixed case, types in upper case, irregular spacing
pipeline p {}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.customers]
}

table shop.public.orders {
  id      bigint primary key
  amount  numeric(12,2) not null
  note    varchar(200) null
  tags    text[]
  created double precision
}

table shop.public.customers {
  id    int8 primary key
  email character varying(320)
}

quality shop.public.orders {
  require amount >= 0 else quarantine
  warn note LIKE '%x%'
}

transform shop.public.orders {
  drop tags
  rename note to remark
  filter amount <> 0
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.* into dw.public.* {
  key     = (id)
  deletes = soft(_gone)
}
