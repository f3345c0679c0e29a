-- Test names are printed as written: a bare name bare, a string name in quotes
-- (docs/language.md 13.2 and 15.7); --test selects either.
pipeline test_names {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id integer primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}

test bare_name {
  given s.public.t {
    insert { id = 1 }
  }
  expect dw.public.t {
    row { id = 1 }
  }
}

test "a quoted name" {
  given s.public.t {
    insert { id = 1 }
  }
  expect dw.public.t {
    row { id = 2 }
  }
}
