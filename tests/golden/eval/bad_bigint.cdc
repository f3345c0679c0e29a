-- A bigint value out of range (12345678901234567890 has 20 digits): error naming the line, column, value and type, exit 1.
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
