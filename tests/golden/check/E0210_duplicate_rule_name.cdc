-- E0210: two rules with one name, and two unnamed rules with the same condition
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  amount numeric(12,2)
  email  text
}

quality shop.public.orders {
  require positive: amount > 0       else quarantine
  require positive: amount < 100000  else quarantine
  warn    email LIKE '%@%'
  warn    email LIKE '%@%'
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
