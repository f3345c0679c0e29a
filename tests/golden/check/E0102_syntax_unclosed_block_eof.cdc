-- E0102: the file ends inside a block
pipeline p { }

source shop postgres {
  dsn    = env("SHOP_DSN")
  tables = [public.orders]
