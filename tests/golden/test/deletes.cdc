-- Deletes on merging routes: hard, soft (_deleted), soft(col) and ignore, each into its
-- own target.  A soft delete keeps the row and sets the flag; the columns computed from
-- the change event alone (op(), commit_time(), txid()) take the delete's values; a later
-- insert of the key clears the flag.  A delete of a key never inserted changes nothing.
pipeline deletes {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id   integer primary key
  name text
}

transform s.public.t {
  upper_name = upper(name)
  _op        = op()
  _at        = commit_time()
  _tx        = txid()
  origin     = 'shop'
}

target hard_dw postgres {
  dsn = env("DW_DSN")
}

target soft_dw postgres {
  dsn = env("DW_DSN")
}

target flag_dw mysql {
  dsn = env("MY_DSN")
}

target keep_dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into hard_dw.public.t {}

merge s.public.t into soft_dw.public.t {
  deletes = soft
}

merge s.public.t into flag_dw.app.t {
  deletes = soft(is_gone)
}

merge s.public.t into keep_dw.public.t {
  deletes = ignore
}

test "deletes in every mode" {
  given s.public.t {
    insert { id = 1, name = 'a' }
    insert { id = 2, name = 'b' }
    insert { id = 3, name = 'c' }
    delete { id = 1 }
    delete { id = 3 }
    insert { id = 3, name = 'c2' }
    delete { id = 9 }
  }
  expect hard_dw.public.t {
    row { id = 2, name = 'b', upper_name = 'B', _op = 'I' }
    row { id = 3, name = 'c2', upper_name = 'C2', _op = 'I', _tx = 6 }
  }
  expect soft_dw.public.t {
    row {
      id         = 1
      name       = 'a'
      upper_name = 'A'
      _op        = 'D'
      _at        = '2024-01-01 00:00:04+00'
      _tx        = 4
      origin     = 'shop'
      _deleted   = TRUE
    }
    row { id = 2, name = 'b', upper_name = 'B', _op = 'I', _deleted = FALSE }
    row { id = 3, name = 'c2', upper_name = 'C2', _op = 'I', _tx = 6, _deleted = FALSE }
  }
  expect flag_dw.app.t {
    row { id = 1, name = 'a', _op = 'D', _tx = 4, is_gone = TRUE }
    row { id = 2, name = 'b', is_gone = FALSE }
    row { id = 3, name = 'c2', _tx = 6, is_gone = FALSE }
  }
  expect keep_dw.public.t {
    row { id = 1, name = 'a', upper_name = 'A', _op = 'I', _tx = 1 }
    row { id = 2, name = 'b', _op = 'I' }
    row { id = 3, name = 'c2', _op = 'I', _tx = 6 }
  }
}

test "a soft-deleted row expected as live" {
  given s.public.t {
    insert { id = 1, name = 'a' }
    delete { id = 1 }
  }
  expect soft_dw.public.t {
    row { id = 1, _deleted = FALSE }
  }
  expect hard_dw.public.t {
    row { id = 1 }
  }
}
