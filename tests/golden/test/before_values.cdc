-- before(col) in tests: the column's value from the test's earlier changes of that key,
-- NULL when there are none; on an update it is the value before the update.
pipeline before_values {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id     integer primary key
  status text
}

quality s.public.t {
  warn not_rewound: NOT (before(status) = 'shipped' AND status = 'new')
}

transform s.public.t {
  prev_status = before(status)
  _op         = op()
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.hist.t {
  mode = append
}

test "before() gives the value before each change" {
  given s.public.t {
    insert { id = 1, status = 'new' }
    update { id = 1, status = 'shipped' }
    update { id = 1, status = 'delivered' }
    delete { id = 1 }
  }
  expect dw.hist.t {
    row { id = 1, status = 'new', prev_status = NULL, _op = 'I' }
    row { id = 1, status = 'shipped', prev_status = 'new', _op = 'U' }
    row { id = 1, status = 'delivered', prev_status = 'shipped', _op = 'U' }
    row { id = 1, status = NULL, prev_status = 'delivered', _op = 'D' }
  }
}
