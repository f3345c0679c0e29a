-- E0105: a malformed number in an expression (1.2.3, 12abc)
pipeline p { }

transform shop.public.orders {
  x = 1.2.3
  y = 12abc + 1
}
