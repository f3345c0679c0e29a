-- cdcc ddl --migrate-from LOCK: the pipeline compiled against an older schema lock
pipeline locked {
  schema_lock = "from_lock.lock.json"
}

source app postgres {
  dsn       = env("APP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}

target pg postgres {
  dsn = env("PG_DSN")
}

merge app.public.* into pg.app.* { }
