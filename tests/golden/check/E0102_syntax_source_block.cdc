-- E0102: a source header missing its kind
pipeline p { }

source shop {
  dsn    = env("SHOP_DSN")
  tables = [public.orders]
}
