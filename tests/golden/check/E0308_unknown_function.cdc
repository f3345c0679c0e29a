-- E0308: unknown functions: a typo (suggestion), an aggregate (note), and a name with no match
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id     bigint primary key
  email  text
  amount numeric(12,2)
}

transform shop.public.orders {
  email_lower = lowercase(email)
  email_hash  = sha256(email)
  total       = sum(amount)
  geo         = geoip_lookup(email)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }
