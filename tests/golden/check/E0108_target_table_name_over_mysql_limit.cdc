-- E0108: a target table name built from a pattern (archive_*) that exceeds MySQL's 64 bytes
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id bigint primary key
}

target archive mysql {
  dsn = env("ARCHIVE_DSN")
}

merge shop.public.orders into archive.shop.archive_of_every_order_ever_placed_through_the_web_shop_since_2019_* { }
