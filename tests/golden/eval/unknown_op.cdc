-- An unknown op: error, exit 1.
pipeline eval_bad_input {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id   bigint primary key
  day  date
  note text
  flag boolean
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}
