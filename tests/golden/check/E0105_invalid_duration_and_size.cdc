-- E0105: numbers followed by letters that are not a unit
pipeline p { }

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/")
  batch {
    rows     = 50000
    bytes    = 64mbytes
    interval = 10sec
  }
}
