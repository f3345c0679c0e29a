-- A NULL in a merge key never matches (here the transform makes the key NULL): each
-- insert or update with a NULL key adds a new row, a delete with one changes nothing;
-- expected rows match NULL with NULL.
pipeline null_keys {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id   integer primary key
  code text
  n    integer
}

transform s.public.t {
  id = nullif(id, 0)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}

test "null keys insert again" {
  given s.public.t {
    insert { id = 1, code = 'a', n = 1 }
    insert { id = 0, code = 'b', n = 2 }
    update { id = 0, n = 3 }
    update { id = 1, n = 4 }
    delete { id = 0 }
  }
  expect dw.public.t {
    row { id = 1, code = 'a', n = 4 }
    row { id = NULL, code = 'b', n = 2 }
    row { id = NULL, code = 'b', n = 3 }
  }
}
