-- Unlabelled rules are named by their condition text, written as a quoted name in tests
-- (row "qty > 0" { ... }); a failing test prints them the same way, quoted, in its
-- missing and unexpected rows.
pipeline unlabelled_rule_names {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id  integer primary key
  qty integer
}

quality s.public.t {
  require qty > 0           else quarantine
  require "qty" IS NOT NULL else quarantine
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}

test "quarantined by unlabelled rules" {
  given s.public.t {
    insert { id = 1, qty = 0 }
    insert { id = 2, qty = NULL }
  }
  expect quarantine s.public.t {
    row "qty > 0" { id = 1 }
    row "qty > 0" { id = 2 }
  }
}
