-- W0109: quality conditions that do not depend on the row
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  amount numeric(12,2)
}

quality shop.public.orders {
  require TRUE
  require 1 = 2 else quarantine
  warn    'a' LIKE 'b%'
  require amount > 0 OR TRUE
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
