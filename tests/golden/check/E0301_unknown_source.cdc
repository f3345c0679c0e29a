-- E0301: table paths starting with an unknown source (typo), a target name, and a name with no match
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

target dw postgres {
  dsn = env("DW_DSN")
}

table shopp.public.orders {
  id bigint primary key
}

quality dw.public.orders {
  require id > 0
}

transform crm.public.contacts {
  x = 1
}
