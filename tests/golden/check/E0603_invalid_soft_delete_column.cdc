-- E0603: soft(col) names a column that already exists with a type other than boolean; a boolean one is fine
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id         bigint primary key
  deleted_at timestamptz
  _deleted   boolean
}

target dw postgres {
  dsn = env("DW_DSN")
}

target archive postgres {
  dsn = env("ARCHIVE_DSN")
}

merge shop.public.orders into dw.public.orders {
  deletes = soft(deleted_at)
}

merge shop.public.orders into archive.public.orders {
  deletes = soft
}
