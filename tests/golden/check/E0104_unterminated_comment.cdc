-- E0104: a block comment that is not closed; comments nest, so the inner */ does not close it
pipeline p { }

/* outer comment
   /* inner comment */
source shop postgres {
  dsn    = env("SHOP_DSN")
  tables = [public.orders]
}
