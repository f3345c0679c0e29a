-- E0102: a transform step that is neither an assignment, drop, rename nor filter
pipeline p { }

transform shop.public.orders {
  amount_usd := amount * 1.08
}
