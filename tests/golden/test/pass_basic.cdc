-- Passing tests: inserts, a partial update, a snapshot, op()/commit_time()/txid()/
-- source_position()/table_name() values, and comparisons of numbers, timestamps,
-- booleans and NULL in expected rows; several tests in one file.
pipeline basic {
  description = "cdcc test: passing cases"
}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.items]
  heartbeat = off
}

table s.public.items {
  id       bigint primary key
  name     text
  price    numeric(10,2)
  weight   double precision
  active   boolean
  added_at timestamptz
  born     date
}

transform s.public.items {
  _op     = op()
  _commit = commit_time()
  _tx     = txid()
  _pos    = source_position()
  _table  = table_name()
  _now    = now()
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.items into dw.public.items {}

test "an insert and a partial update" {
  given s.public.items {
    insert {
      id       = 1
      name     = 'apple'
      price    = 1.50
      weight   = 0.25
      active   = TRUE
      added_at = '2024-05-01 12:00:00+02'
      born     = date '2024-05-01'
    }
    update { id = 1, price = 2.00 }
  }
  expect dw.public.items {
    row {
      id       = 1
      name     = 'apple'
      price    = 2
      weight   = 0.250
      active   = 'yes'
      added_at = '2024-05-01 10:00:00+00'
      born     = '2024-05-01'
      _op      = 'U'
      _commit  = '2024-01-01 00:00:02+00'
      _tx      = 2
      _pos     = 'pass_basic.cdc:50'
      _table   = 'public.items'
      _now     = '2024-01-01 00:00:02+00'
    }
  }
}

test "snapshot rows" {
  given s.public.items {
    snapshot { id = 1, name = 'pear' }
    snapshot { id = 2, price = 10 * 2 }
  }
  expect dw.public.items {
    row { id = 2, name = NULL, price = 20.00, _op = 'S', _tx = 2 }
    row {
      id      = 1
      name    = 'pear'
      price   = NULL
      weight  = NULL
      active  = NULL
      _op     = 'S'
      _tx     = 1
      _commit = '2024-01-01 01:00:01+01'
    }
  }
}

test "numbers compare by value" {
  given s.public.items {
    insert { id = 9223372036854775807, price = -99999999.99, weight = 1e-3 }
  }
  expect dw.public.items {
    row { id = 9223372036854775807, price = -99999999.990, weight = 0.001, active = NULL }
  }
}
