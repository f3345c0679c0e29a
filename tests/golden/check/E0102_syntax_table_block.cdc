-- E0102: a column without a type in a table block
pipeline p { }

table shop.public.orders {
  id bigint primary key
  status
}
