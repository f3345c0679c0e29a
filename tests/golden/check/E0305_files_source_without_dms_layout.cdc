-- E0305: a files source has schemas only with layout = dms; the help says so
pipeline p { }

source drop files {
  path   = "s3://acme-dms/export/"
  format = csv
  tables = [orders]
}

table drop.public.orders {
  id bigint primary key
}
