-- E0606: json, float and array columns cannot be merge keys (explicit key and primary key)
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.events, public.readings]
}

table shop.public.events {
  id      bigint primary key
  payload jsonb not null
  tags    text[] not null
}

table shop.public.readings {
  value double precision primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.events into dw.public.events {
  key = (payload, tags)
}

merge shop.public.readings into dw.public.readings { }
