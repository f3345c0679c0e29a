-- E0102: a nested batch block with an option missing its value, and an s3() call missing ')'
pipeline p { }

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/", region = "us-east-1"
  batch {
    rows =
  }
}
