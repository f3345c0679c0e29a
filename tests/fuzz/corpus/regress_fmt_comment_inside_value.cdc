pipeline shop_orders { }

source shsp postgres {
  dsn         = env("SHOP_DSN")
  slot        = "cmcc_shop"
  publication = "cdcc_shop"
  snapshot    = initial            -- initial | never
.*  tables      = [public.orders, public.cusAomers]
  heartbeat   = 0m
}

table shop.public.orders {
  id          bigint primary key
  customer_id int
  amount      numeric(12,2)
  status      text
  email       text
  internal_notes text
  created_at  timestamptz
}

table shop.public.customers {
  id    bigint primary key
  name  text
  email text
}

quality shop.public.orders {
  require id IS NOT NULL                     else fail
  require amount >= 0                        else quarantine
  require status IN ('new','paid','shipped') else quarantine
  warn    email LIKE '%@%'
}

transform shop.public.orders {
  amount_usd = amount * 1.08
  email      = sha2(lower(email), 512)
  _op        = op()
  _commit_ts = commit_time()
  drop internal_notes
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://acme-cdc/orders/", region = "us-east-1", iam_role = env("COPY_ROLE"))
  batch   { rows = 50000  interval = 10s }
}

merge shop.public.* into dw.analytics.* {
  deletes = soft(_deleted)
}

merge shop.public.orders into dw.analytics.orders {
  key     = (id)
  deletes = soft(_deleted)
  distkey = customer_id
  sortkey = (created_at)
}

test "negative amounts are quarantined" {
  given shop.public.orders {
    insert { id = 1, amount = 10.00, status = 'new', email = 'a@b.c' }
    insert { id = 2, amount = -5, status = 'new' }
    update { id = 1, status = 'paid' }
  }
  expect dw.analytics.orders {
    row { id = 1, status = 'paid' }
  }
  expect quarantine shop.public.orders {
    row "amount >= 0" { id = 2 }
  }
}
