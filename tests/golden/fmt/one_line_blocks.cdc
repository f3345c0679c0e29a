-- fmt: whole blocks on one line are expanded; a nested block stays on one line if written so
pipeline p { description = "one-liners" }
source shop postgres { dsn = env("SHOP_DSN") heartbeat = 1m tables = [public.orders] }
table shop.public.orders { id bigint primary key amount numeric(12,2) }
quality shop.public.orders { require amount > 0 else quarantine }
transform shop.public.orders { doubled = amount * 2 drop amount }
target dw redshift { dsn = env("DW_DSN") staging = s3("s3://acme-cdc/orders/") batch { rows = 500 interval = 5s } }
target lake s3 { path = "s3://acme-lake/" batch {
  rows = 100000 } }
merge shop.public.orders into dw.public.orders { }
merge shop.public.orders into lake.raw.orders {}
