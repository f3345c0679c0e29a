-- A change quarantined because a transform step failed has the rule name "transform",
-- and an expect quarantine row names it so (docs/language.md 13.2).
pipeline quarantine_transform {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id    integer primary key
  count integer
}

transform s.public.t {
  per_item = 100 / count
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}

test "a failed step quarantines the change" {
  given s.public.t {
    insert { id = 1, count = 4 }
    insert { id = 2, count = 0 }
  }
  expect dw.public.t {
    row { id = 1, per_item = 25 }
  }
  expect quarantine s.public.t {
    row transform { id = 2, count = 0 }
  }
}
