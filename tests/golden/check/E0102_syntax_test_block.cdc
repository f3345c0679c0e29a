-- E0102: a test block with a misspelled change kind
pipeline p { }

test "new order" {
  given shop.public.orders {
    upsert { id = 1 }
  }
}
