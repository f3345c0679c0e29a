-- slot, publication, schema and quarantine name database objects that the generated
-- SQL names: literal strings only, never read from the environment
pipeline p { }
source s postgres {
  dsn         = env("SRC_DSN")
  slot        = env("SLOT")
  publication = env("PUB")
  heartbeat   = off
  tables      = [public.t]
}
table s.public.t { id bigint primary key }
target w postgres {
  dsn        = env("DST_DSN")
  schema     = env("RUNTIME_SCHEMA")
  quarantine = env("QUARANTINE")
}
merge s.public.t into w.public.t {}
