-- The change metadata of cdcc eval: "position", "commit_time" and "txid" given per line
-- or defaulted (stdin:LINE, 2000-01-01 00:00:00+00, NULL); now() is the commit time;
-- "before" gives before(col) on an update, and rules may compare old and new values.
pipeline eval_metadata {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.orders]
  heartbeat = off
}

table s.public.orders {
  id     integer primary key
  status text
}

quality s.public.orders {
  require not_rewound: NOT (before(status) = 'shipped' AND status = 'new') else quarantine
}

transform s.public.orders {
  _op         = op()
  _pos        = source_position()
  _commit     = commit_time()
  _now        = now()
  _tx         = txid()
  _table      = table_name()
  prev_status = before(status)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.orders into dw.public.orders {}
