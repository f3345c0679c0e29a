-- E0609: a transform that drops every column leaves the target table with none
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.events]
}

table shop.public.events {
  id    bigint primary key
  body  text
}

transform shop.public.events {
  drop id, body
}

target lake s3 {
  path = "s3://lake/raw/"
}

merge shop.public.events into lake.raw.events { }
