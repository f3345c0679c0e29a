-- Quality rules check inserts, updates and snapshot rows; a delete is applied by key
-- without them (docs/language.md 10.1), even when the delete carries columns a rule
-- would refuse (a source sending the whole old row) or its key breaks a rule.
pipeline deletes_skip_rules {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id     integer primary key
  amount numeric(8,2)
}

quality s.public.t {
  require amount_positive: amount > 0 else quarantine
  require below_limit: id < 100       else drop
  require amount_known: amount IS NOT NULL
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}

test "deletes are not checked" {
  given s.public.t {
    insert { id = 1, amount = 5.00 }
    insert { id = 2, amount = 6.00 }
    insert { id = 3, amount = 7.00 }
    delete { id = 1, amount = -5.00 }
    delete { id = 2, amount = NULL }
    delete { id = 150 }
  }
  expect dw.public.t {
    row { id = 3 }
  }
  expect quarantine s.public.t {}
}
