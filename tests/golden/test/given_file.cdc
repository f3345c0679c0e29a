-- given ... from "file.jsonl": changes from a JSON Lines file, with "position",
-- "commit_time", "txid" and "before" given per line (and the defaults where not), blank
-- and # lines skipped, exact 38-digit numerics and extreme bigints, a jsonb value.
pipeline given_file {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.accounts]
  heartbeat = off
}

table s.public.accounts {
  id      bigint primary key
  balance numeric(38,0)
  rate    numeric(38,37)
  owner   text
  meta    jsonb
  opened  timestamptz
}

transform s.public.accounts {
  _op      = op()
  _pos     = source_position()
  _at      = commit_time()
  _tx      = txid()
  _was     = before(owner)
  plan_key = json_extract_path_text(meta, 'plan')
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.accounts into dw.public.accounts {}

test "changes from a file" {
  given s.public.accounts from "given_file.changes.jsonl"
  given s.public.accounts {
    insert { id = 2, owner = 'carol' }
  }
  expect dw.public.accounts {
    row {
      id       = 9223372036854775807
      balance  = 99999999999999999999999999999999999999
      rate     = 0.1234567890123456789012345678901234567
      owner    = 'alice'
      plan_key = 'gold'
      opened   = '2020-02-29 23:59:59.999999+00'
      _op      = 'I'
      _pos     = 'given_file.changes.jsonl:3'
      _at      = '2024-01-01 00:00:01+00'
      _tx      = 1
      _was     = NULL
    }
    row {
      id       = -9223372036854775808
      balance  = -12345678901234567890123456789012345678
      owner    = NULL
      meta     = '[1, {"plan": null}]'
      plan_key = NULL
      _op      = 'S'
      _pos     = '0/16B3748'
      _at      = '2024-05-01 10:00:00+00'
      _tx      = 77
    }
    row {
      id      = 1
      owner   = 'dave'
      balance = 0
      _op     = 'U'
      _tx     = 1000
      _at     = '2024-01-01 00:00:04+00'
      _pos    = 'given_file.changes.jsonl:8'
      _was    = 'zed'
    }
    row {
      id    = 2
      owner = 'carol'
      _op   = 'I'
      _tx   = 5
      _at   = '2024-01-01 00:00:05+00'
      _pos  = 'given_file.cdc:39'
      _was  = NULL
    }
  }
}
