-- E0503: required options missing for each kind of source and target
pipeline p { }

source shop postgres {
  heartbeat = 1m
}

source clicks kinesis {
  tables = [clicks]
}

source drop files {
  tables = [orders]
}

target dw redshift {
  dsn = env("DW_DSN")
}

target lake s3 { }

target replica mysql { }
