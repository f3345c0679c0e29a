-- E0310: two source tables merged into the same target table
pipeline p { }

source eu postgres {
  dsn       = env("EU_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

source us postgres {
  dsn       = env("US_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table eu.public.orders {
  id bigint primary key
}

table us.public.orders {
  id bigint primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge eu.public.orders into dw.public.orders { }

merge us.public.orders into dw.public.orders { }
