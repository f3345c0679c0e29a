-- Quarantine expectations: the right rule, an unlabelled rule named by its condition
-- text, an error in a rule's condition (the rule's action applies), a warn rule (the row
-- is kept), a drop rule; then failing ones: the wrong rule, extra quarantined rows (one
-- of them by a failed transform step, rule "transform"), a quarantined row that was
-- expected in a target.
pipeline quarantine_tests {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.orders]
  heartbeat = off
}

table s.public.orders {
  id       bigint primary key
  qty      integer
  amount   numeric(10,2)
  currency char(3)
}

quality s.public.orders {
  require per_unit: amount / qty < 100 else quarantine
  require amount_positive: amount >= 0 else quarantine
  require qty > 0                      else quarantine
  require currency IS NOT NULL         else drop
  warn small: amount < 1000
}

transform s.public.orders {
  cents = CAST(amount * 100 AS integer)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.orders into dw.public.orders {}

test "each row lands where expected" {
  given s.public.orders {
    insert { id = 1, qty = 100, amount = 5000.00, currency = 'USD' }
    insert { id = 2, qty = 1, amount = -1.00, currency = 'USD' }
    insert { id = 3, qty = 0, amount = NULL, currency = 'USD' }
    insert { id = 4, qty = NULL, amount = 1.25, currency = 'EUR' }
    insert { id = 5, qty = 1, amount = 1.00, currency = NULL }
  }
  expect dw.public.orders {
    row { id = 1, cents = 500000 }
    row { id = 4, qty = NULL, cents = 125 }
  }
  expect quarantine s.public.orders {
    row amount_positive { id = 2, amount = -1 }
    row "qty > 0" { id = 3, qty = 0 }
  }
}

test "a division by zero in a condition breaks the rule" {
  given s.public.orders {
    update { id = 6, qty = 0, amount = 0.00 }
  }
  expect quarantine s.public.orders {
    row per_unit { id = 6, qty = 0 }
  }
}

test "wrong rule and an extra row" {
  given s.public.orders {
    insert { id = 1, qty = NULL, amount = -1.00, currency = 'USD' }
    insert { id = 2, qty = 1, amount = -2.00, currency = 'USD' }
    insert { id = 3, qty = 1000000, amount = 99999999.99, currency = 'USD' }
  }
  expect quarantine s.public.orders {
    row per_unit { id = 1 }
  }
}

test "quarantined rows are not applied" {
  given s.public.orders {
    insert { id = 1, qty = 1, amount = -3.00, currency = 'USD' }
  }
  expect dw.public.orders {
    row { id = 1 }
  }
  expect quarantine s.public.orders {}
}
