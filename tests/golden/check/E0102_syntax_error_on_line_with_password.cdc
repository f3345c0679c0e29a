-- E0102: a syntax error on a line holding a DSN password; the password must not print
pipeline p { }

source shop postgres {
  dsn       = "postgres://cdcc:syntax-s3cr3t@db/shop";
  heartbeat = 1m
  tables    = [public.orders]
}
