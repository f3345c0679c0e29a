-- expect failure: met (later changes are not applied and earlier ones are compared), not
-- met, met on another rule than expected, a stop without an expectation, and an error
-- in the condition of a fail rule; an unlabelled fail rule named by its condition text.
pipeline failure_tests {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id  integer primary key
  n   integer
  tag text
}

quality s.public.t {
  require n_present: n IS NOT NULL
  require ratio: 100 / n > 1
  require tag_ok: tag <> 'bad' else quarantine
  require tag IS DISTINCT FROM 'stop'
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}

test "the pipeline stops where expected" {
  given s.public.t {
    insert { id = 1, n = 1 }
    insert { id = 2, n = NULL }
    insert { id = 3, n = 2 }
  }
  expect failure n_present
  expect dw.public.t {
    row { id = 1, n = 1 }
  }
}

test "an error in a fail rule's condition stops the pipeline" {
  given s.public.t {
    insert { id = 1, n = 0 }
  }
  expect failure ratio
  expect dw.public.t {}
}

test "an unlabelled rule stops the pipeline" {
  given s.public.t {
    insert { id = 1, n = 1, tag = 'stop' }
  }
  expect failure "tag IS DISTINCT FROM 'stop'"
}

test "the expected failure does not happen" {
  given s.public.t {
    insert { id = 1, n = 1, tag = 'bad' }
  }
  expect failure n_present
}

test "the pipeline stops on another rule" {
  given s.public.t {
    insert { id = 1, n = 1000 }
  }
  expect failure n_present
}

test "a stop nobody expected" {
  given s.public.t {
    insert { id = 1, n = 1 }
    insert { id = 2 }
    insert { id = 3, n = 1 }
  }
  expect dw.public.t {
    row { id = 1 }
  }
}
