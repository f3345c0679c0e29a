-- E0801: the schema lock file named by the pipeline does not exist
pipeline p {
  schema_lock = "E0801_schema_lock_missing.lock.json"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}
