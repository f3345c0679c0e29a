-- Filters (a NULL condition filters too), drop and warn rules, rule order (pattern
-- blocks first; the first broken drop/quarantine rule decides, a broken warn rule lets
-- the row go on), and an error in a filter, which quarantines the row.
pipeline filter_drop_warn {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t, public.u]
  heartbeat = off
}

table s.public.t {
  id    integer primary key
  kind  text
  score integer
}

table s.public.u {
  id integer primary key
}

quality s.public.* {
  require id_small: id < 1000 else drop
}

quality s.public.t {
  warn scored: score IS NOT NULL
  require id_even: id % 2 = 0            else drop
  require kind_known: kind IN ('a', 'b') else quarantine
}

transform s.public.t {
  filter kind <> 'b'
  filter 100 / score > 1
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.* into dw.public.* {}

test "fates of inserts" {
  given s.public.t {
    insert { id = 2, kind = 'a' }
    insert { id = 4, kind = 'a', score = 10 }
    insert { id = 6, kind = 'a', score = 100 }
    insert { id = 8, kind = 'b', score = 1 }
    insert { id = 10, kind = NULL, score = 1 }
    insert { id = 3, kind = 'zzz' }
    insert { id = 1001, kind = 'zzz' }
    insert { id = 12, kind = 'x' }
  }
  given s.public.u {
    insert { id = 1 }
    insert { id = 5000 }
  }
  expect dw.public.t {
    row { id = 4, kind = 'a', score = 10 }
  }
  expect quarantine s.public.t {
    row kind_known { id = 12 }
  }
  expect dw.public.u {
    row { id = 1 }
  }
}

test "what happened to each change" {
  given s.public.t {
    insert { id = 6, kind = 'a', score = 100 }
    insert { id = 8, kind = 'b', score = 1 }
    insert { id = 10, kind = NULL, score = 1 }
    insert { id = 3, kind = 'zzz' }
    insert { id = 1001, kind = 'zzz' }
    insert { id = 12, kind = 'x' }
    insert { id = 14, kind = 'a', score = 0 }
  }
  expect dw.public.t {
    row { id = 6 }
  }
}
