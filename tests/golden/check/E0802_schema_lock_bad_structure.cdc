-- E0802: the schema lock is JSON but a column lacks its type
pipeline p {
  schema_lock = "E0802_schema_lock_bad_structure.lock.json"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}
