-- E0102: a reserved word (end) used as a column name without quotes
pipeline p { }

table shop.public.orders {
  id  bigint primary key
  end timestamptz
}
