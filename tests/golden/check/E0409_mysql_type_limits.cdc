-- E0409: numeric wider than MySQL DECIMAL (65 digits, 30 after the point), one made by a transform
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id    bigint primary key
  big   numeric(70,2)
  frac  numeric(40,31)
  price numeric(30,2)
}

transform shop.public.orders {
  precise = price::numeric(66,2)
}

target archive mysql {
  dsn = env("ARCHIVE_DSN")
}

merge shop.public.orders into archive.shop.orders { }
