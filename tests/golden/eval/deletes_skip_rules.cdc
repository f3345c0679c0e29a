-- Quality rules check inserts, updates and snapshot rows; a delete is applied by key
-- without them (docs/language.md 10.1): every delete here must come out "applied".
pipeline eval_deletes_skip_rules {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id     integer primary key
  amount numeric(8,2)
}

quality s.public.t {
  require below_limit: id < 100       else drop
  require amount_positive: amount > 0 else quarantine
  require amount_known: amount IS NOT NULL
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}
