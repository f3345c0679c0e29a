-- fmt: comments in every position: file header, between blocks, trailing, inside blocks,
-- before closing braces, and block comments (which nest)
/* a block comment
   /* nested inside */
   still the header */
pipeline shop_orders {
  description = "orders"  -- trailing on an option
}

-- a comment between blocks

source shop postgres {  -- trailing after the opening brace
  dsn       = env("SHOP_DSN")  -- the dsn
  heartbeat = 1m
  -- own-line comment inside a block
  tables = [public.orders]
  -- before the closing brace
}

/* block comment between blocks */
table shop.public.orders {
  id     bigint primary key  /* trailing block comment */
  amount numeric(12,2)
  /* own-line block comment */
  status text
  -- last comment in the table
}

target dw postgres {
  dsn = env("DW_DSN")
}  -- trailing after a one-line block

merge shop.public.orders into dw.public.orders {
  -- only comments in this block
}
-- end of file comment
