-- E0802: the lock's source kind differs from the pipeline's, and another source's column has an unknown type
pipeline p {
  schema_lock = "E0802_schema_lock_disagrees_with_pipeline.lock.json"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}

source crm postgres {
  dsn       = env("CRM_DSN")
  heartbeat = 1m
  tables    = [public.*]
}
