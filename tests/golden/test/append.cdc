-- Appending routes: every applied change adds a row, deletes included (with only the
-- columns the delete carries, the others NULL); one table with two routes in one target
-- (current state and history) and a third in a files lake.
pipeline append_tests {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id     integer primary key
  status text
}

transform s.public.t {
  status_len = length(status)
  _op        = op()
  _tx        = txid()
}

target dw postgres {
  dsn = env("DW_DSN")
}

target lake files {
  path = "/var/lib/lake"
}

merge s.public.t into dw.cur.t {}

merge s.public.t into dw.hist.t_history {
  mode = append
}

merge s.public.t into lake.raw.* {}

test "history keeps every change" {
  given s.public.t {
    insert { id = 1, status = 'new' }
    update { id = 1, status = 'paid' }
    insert { id = 2, status = 'new' }
    delete { id = 1 }
  }
  expect dw.cur.t {
    row { id = 2, status = 'new', status_len = 3, _op = 'I' }
  }
  expect dw.hist.t_history {
    row { id = 1, status = 'new', status_len = 3, _op = 'I', _tx = 1 }
    row { id = 1, status = 'paid', status_len = 4, _op = 'U', _tx = 2 }
    row { id = 2, status = 'new', _op = 'I', _tx = 3 }
    row { id = 1, status = NULL, status_len = NULL, _op = 'D', _tx = 4 }
  }
  expect lake.raw.t {
    row { _tx = 1 }
    row { _tx = 2 }
    row { _tx = 3 }
    row { _tx = 4, _op = 'D' }
  }
}

test "a delete is a row of its own" {
  given s.public.t {
    insert { id = 1, status = 'new' }
    delete { id = 1 }
  }
  expect dw.hist.t_history {
    row { id = 1, _op = 'I' }
  }
}
