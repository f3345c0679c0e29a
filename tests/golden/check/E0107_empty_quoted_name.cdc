-- E0107: "" as a column name in a table block, a transform step reference and a tables list
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders, public.""]
}

table shop.public.orders {
  id bigint primary key
  "" text
}

transform shop.public.orders {
  note = ""
}
