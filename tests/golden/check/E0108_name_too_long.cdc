-- E0108: a column name of 128 bytes, one more than the limit of 127
pipeline p { }

table shop.public.orders {
  id bigint primary key
  cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc text
}
