-- fmt: comments inside a multi-line list or expression, and after a closing brace
pipeline p { }

source shop postgres {
  dsn = env("SHOP_DSN")
  heartbeat = 1m
  tables = [
    public.orders,     -- the orders
    public.customers   -- and who placed them
  ]
}

table shop.public.orders { id bigint primary key  amount numeric(12,2) }

table shop.public.customers { id bigint primary key }

quality shop.public.orders {
  require amount >= 0 AND  -- never negative
          amount < 1000000 -- and not absurd
          else quarantine
}

target dw postgres { dsn = env("DW_DSN") }

merge shop.public.* into dw.public.* { }   -- every table
