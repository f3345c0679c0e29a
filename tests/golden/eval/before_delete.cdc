-- before(col) on a delete that carries only the key: the old value comes from
-- "before", so a column computed from before(col) is written, not left out as unchanged.
pipeline eval_before_delete {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.orders]
  heartbeat = off
}

table s.public.orders {
  id     integer primary key
  status text
}

transform s.public.orders {
  last_status = before(status)
  _op         = op()
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.orders into dw.hist.orders {
  mode = append
}
