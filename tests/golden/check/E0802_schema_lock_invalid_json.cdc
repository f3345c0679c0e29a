-- E0802: the schema lock is not valid JSON (a trailing comma); the message gives line and column
pipeline p {
  schema_lock = "E0802_schema_lock_invalid_json.lock.json"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}
