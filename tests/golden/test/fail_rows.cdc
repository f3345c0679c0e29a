-- Failing target expectations: a missing row with "closest row differs in", a missing
-- row that no row agrees with, unexpected rows, an expect block that must be empty, and
-- the notes about changes that were not applied.
pipeline fail_rows {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id     integer primary key
  status text
  amount numeric(8,2)
  seen   timestamptz
}

quality s.public.t {
  require amount IS NOT NULL else drop
}

transform s.public.t {
  filter status <> 'test'
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}

test "a value differs" {
  given s.public.t {
    insert { id = 1, status = 'new', amount = 5, seen = '2024-03-01 00:00:00+00' }
    insert { id = 2, status = 'test', amount = 1 }
    insert { id = 3, status = 'new' }
  }
  expect dw.public.t {
    row { id = 1, status = 'paid', amount = 5.00, seen = '2024-03-01 01:00:00+00' }
  }
}

test "a missing row and an unexpected one" {
  given s.public.t {
    insert { id = 1, status = 'new', amount = 5 }
    insert { id = 2, status = 'paid', amount = 7 }
  }
  expect dw.public.t {
    row { id = 1 }
    row { id = 4, status = 'lost', amount = 0 }
  }
}

test "the table must be empty" {
  given s.public.t {
    insert { id = 1, status = 'new', amount = 5 }
  }
  expect dw.public.t {}
}

test "one row expected twice" {
  given s.public.t {
    insert { id = 1, status = 'new', amount = 5 }
  }
  expect dw.public.t {
    row { status = 'new' }
    row { id = 1 }
  }
}
