-- Updates name only the columns that change.  After an insert the others keep their
-- values (rules and transforms see the whole new row); an update of a key the test never
-- inserted leaves them unchanged: rules and filters reading them pass, columns computed
-- from them are not written.
pipeline partial_updates {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id integer primary key
  a  integer
  b  text
  c  numeric(6,2)
}

quality s.public.t {
  require a_present: a IS NOT NULL else quarantine
  require a_positive: a > 0        else quarantine
}

transform s.public.t {
  b_up   = upper(b)
  a_next = a + 1
  filter c <> 0
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}

test "an update keeps the columns it does not name" {
  given s.public.t {
    insert { id = 1, a = 1, b = 'x', c = 1.00 }
    update { id = 1, c = 2.50 }
    update { id = 1, a = 5 }
    insert { id = 2, a = -1, b = 'p', c = 1 }
    update { id = 2, b = 'q' }
  }
  expect dw.public.t {
    row { id = 1, a = 5, b = 'x', c = 2.5, b_up = 'X', a_next = 6 }
  }
  expect quarantine s.public.t {
    row a_positive { id = 2, a = -1, b = 'p', c = 1 }
    row a_positive { id = 2, a = -1, b = 'q', c = 1 }
  }
}

test "an update of a key never inserted" {
  given s.public.t {
    update { id = 7, b = 'z' }
    update { id = 8, a = 2, c = 0 }
  }
  expect dw.public.t {
    row { id = 7, a = NULL, b = 'z', c = NULL, b_up = 'Z', a_next = NULL }
  }
}

test "the later update of that key" {
  given s.public.t {
    update { id = 7, b = 'z' }
    update { id = 7, a = 3 }
  }
  expect dw.public.t {
    row { id = 7, a = 3, b = 'z', c = NULL, b_up = 'Z', a_next = 4 }
  }
}
