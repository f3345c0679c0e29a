-- fmt: quoted names keep their quotes; option strings are written with double quotes
pipeline p {
  description = "the ""orders"" pipeline"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public."Order Items", "Sales".orders]
}

table shop.public."Order Items" {
  "Line No"        int primary key
  "Unit ""Price""" numeric(12,2)
}

table shop."Sales".orders {
  id bigint primary key
}

transform shop.public."Order Items" {
  "Total" = "Unit ""Price""" * 2
  rename "Total" to total
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public."Order Items" into dw.public.order_items {
  deletes = soft(_deleted)
}

merge shop."Sales".orders into dw.sales.orders {}
