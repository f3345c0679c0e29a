-- E0803: the schema lock was written by a newer cdcc (version 2)
pipeline p {
  schema_lock = "E0803_schema_lock_newer_version.lock.json"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}
