-- OK: a clean pipeline using every kind of block, a schema lock and test data from a file: no diagnostics
pipeline shop_orders {
  description = "orders and customers into the warehouse and the lake"
  schema_lock = "OK_complete_pipeline.lock.json"
}

source shop postgres {
  dsn         = env("SHOP_DSN")
  slot        = "cdcc_shop"
  publication = "cdcc_shop"
  snapshot    = initial
  heartbeat   = 1m
  tables      = [public.*]
  exclude     = [public.audit_log]
}

table shop.public.orders {
  id          bigint primary key
  customer_id bigint not null
  amount      numeric(12,2)
  status      text
  email       text
  created_at  timestamptz
}

quality shop.public.* {
  require has_id: id IS NOT NULL else fail
}

quality shop.public.orders {
  require positive: amount >= 0                        else quarantine
  require known_status: status IN ('new', 'paid', 'shipped') else quarantine
  warn    email LIKE '%@%'
}

transform shop.public.orders {
  amount_usd = amount * 1.08
  email      = sha2(lower(email), 256)
  _op        = op()
  _commit_ts = commit_time()
  filter status <> 'test'
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/", region = "us-east-1", iam_role = env("COPY_ROLE"))
  batch { rows = 50000  interval = 10s }
}

target lake s3 {
  path      = "s3://acme-lake/raw/"
  format    = jsonl
  partition = hourly
}

merge shop.public.* into dw.analytics.* {
  deletes = soft(_deleted)
}

merge shop.public.orders into dw.analytics.orders {
  distkey = customer_id
  sortkey = compound(created_at)
}

merge shop.public.* into lake.raw.* { }

test "a paid order" {
  given shop.public.orders {
    insert { id = 1, customer_id = 7, amount = 10.00, status = 'new', email = 'a@example.com' }
    update { id = 1, status = 'paid' }
  }
  given shop.public.customers from "OK_complete_pipeline.customers.jsonl"
  expect dw.analytics.orders {
    row { id = 1, customer_id = 7, status = 'paid' }
  }
}

test "negative amounts are quarantined" {
  given shop.public.orders {
    insert { id = 2, customer_id = 7, amount = -1.00, status = 'new' }
  }
  expect quarantine shop.public.orders {
    row positive { id = 2 }
  }
}

test "rows without id stop the pipeline" {
  given shop.public.orders {
    snapshot { customer_id = 7 }
  }
  expect failure has_id
}
