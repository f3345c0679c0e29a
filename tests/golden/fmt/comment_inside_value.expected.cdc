-- a comment between the tokens of one value moves after the statement; fmt stays a fixed point
pipeline p {}

source s postgres {
  dsn      = env("D")
  snapshot = initial.*
  -- first part
  slot      = "cdcc_x"
  heartbeat = 1m
  tables    = [public.orders]
}
