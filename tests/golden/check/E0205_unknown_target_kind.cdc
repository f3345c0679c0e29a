-- E0205: unknown target kinds: a typo, a source kind used as a target, a kind with no match
pipeline p { }

target dw redshfit {
  dsn = env("DW_DSN")
}

target stream kinesis {
  stream = "orders"
}

target lake snowflake {
  dsn = env("SF_DSN")
}
