/*
 * postgres_redshift_quality.cdc — the shop's OLTP database into Redshift, with data-quality
 * rules, PII masking, enrichment and MERGE.  The flagship example.
 *
 * Replaces (seed 003, "High Level Design"):
 *   RDS PostgreSQL -> AWS DMS replication instance + CDC task -> Parquet files in S3
 *   -> AWS Glue / Spark job (config-driven quality rules and transformations)
 *   -> Redshift staging tables (truncated by `preactions`) -> `postactions` MERGE SQL,
 *   plus the CloudWatch alarms, DMS checkpointing and retry logic around them.
 *
 * What the seed asked for, and where it lives here:
 *   null checks, range checks, type validations  -> quality blocks (quarantine, drop, fail)
 *   enrichment, formatting, derived columns       -> transform blocks
 *   masking / anonymising PII before it lands     -> transform blocks (pseudonymize, mask,
 *                                                    drop); raw PII never reaches S3 staging
 *   MERGE for inserts, updates and deletes        -> merge blocks (one set-based MERGE per
 *                                                    batch, soft deletes, distkey/sortkey)
 *   idempotent loads, checkpointing, retries      -> built in: every batch's MERGE commits with
 *                                                    its checkpoint row (exactly once)
 *   Glue Data Catalog for schema drift            -> on_schema_change = add
 *
 * Source set-up (once, as a superuser on the RDS instance):
 *   rds.logical_replication = 1 in the parameter group (wal_level = logical), and a role
 *   with REPLICATION and SELECT on the tables below.  cdcc creates the slot and the
 *   publication itself.
 *
 * Run:
 *   export SHOP_PG_DSN='host=shop-db.internal dbname=shop user=cdcc sslmode=verify-full'
 *   export DW_REDSHIFT_DSN='host=dw.example.us-east-1.redshift.amazonaws.com port=5439 dbname=analytics user=cdcc'
 *   export REDSHIFT_COPY_ROLE_ARN='arn:aws:iam::123456789012:role/redshift-copy-cdc'
 *   export PII_PSEUDONYM_KEY=...        # from Secrets Manager; rotating it re-keys every pseudonym
 *   cdcc check postgres_redshift_quality.cdc
 *   cdcc ddl   postgres_redshift_quality.cdc --dialect redshift   # review the target DDL
 *   cdcc run   postgres_redshift_quality.cdc
 *   (this version of `cdcc run` reads PostgreSQL sources and writes PostgreSQL targets
 *   only: see README.md, Status)
 */

pipeline shop_to_redshift {
  description = "shop OLTP (RDS PostgreSQL) -> Redshift analytics.shop, with quality rules and PII masking"
}

source shop postgres {
  dsn          = env("SHOP_PG_DSN")
  slot         = "cdcc_shop_dw"
  publication  = "cdcc_shop_dw"
  snapshot     = initial
  heartbeat    = 1m
  max_slot_wal = 32GB

  -- Listed one by one on purpose: the publication holds exactly these tables, and a table
  -- added to the shop schema later (which may carry new PII) is captured only after review.
  -- The quality, transform and merge blocks below still select them with shop.public.*.
  tables = [public.customers, public.products, public.orders, public.order_items, public.payments]
}

/* ---- source tables (no schema lock: declared here) -------------------------------- */

table shop.public.customers {
  id               bigint primary key
  email            text
  full_name        text
  phone            varchar(32)
  country          char(2)
  date_of_birth    date
  marketing_opt_in boolean not null
  password_hash    text
  created_at       timestamptz not null
  updated_at       timestamptz not null
}

table shop.public.products {
  id         bigint primary key
  sku        varchar(32) not null
  name       text not null
  category   varchar(64)
  unit_price numeric(12,2) not null
  active     boolean not null
  created_at timestamptz not null
  updated_at timestamptz not null
}

table shop.public.orders {
  id               bigint primary key
  customer_id      bigint  -- nullable: guest checkouts before 2021
  status           varchar(16) not null
  currency         char(3) not null
  subtotal         numeric(12,2) not null
  tax              numeric(12,2) not null
  shipping         numeric(12,2) not null
  discount         numeric(12,2) not null
  shipping_address text
  shipping_country char(2)
  placed_at        timestamptz
  created_at       timestamptz not null
  updated_at       timestamptz not null
}

table shop.public.order_items {
  order_id   bigint not null
  line_no    integer not null
  product_id bigint not null
  quantity   integer not null
  unit_price numeric(12,2) not null
  created_at timestamptz not null
  updated_at timestamptz not null
  primary key (order_id, line_no)
}

table shop.public.payments {
  id          bigint primary key
  order_id    bigint not null
  method      varchar(16) not null
  amount      numeric(12,2) not null
  card_number varchar(19)
  reference   varchar(64)
  status      varchar(16) not null
  created_at  timestamptz not null
  updated_at  timestamptz not null
}

/* ---- data quality ------------------------------------------------------------------- */

-- Rules for every shop table.  Pattern blocks run before the blocks that name one table.
quality shop.public.* {
  require updated_after_created: updated_at >= created_at else quarantine
  require created_after_launch: created_at >= '2015-01-01 00:00:00+00' else quarantine
  -- clock skew on an app server, not bad data: keep the row, count it
  warn not_in_future: updated_at <= now() + 10m
}

quality shop.public.customers {
  require email_present: email IS NOT NULL AND trim(email) <> '' else quarantine
  require email_format: regexp_like(trim(email), '^[^@ ]+@[^@ ]+\.[^@ ]+$') else quarantine
  require country_iso: country IS NULL OR regexp_like(country, '^[A-Z]{2}$') else quarantine
  warn dob_plausible: date_of_birth IS NULL OR date_of_birth >= '1900-01-01'
}

quality shop.public.products {
  require sku_format: regexp_like(sku, '^[A-Z0-9-]{4,32}$') else quarantine
  require price_nonneg: unit_price >= 0 else quarantine
}

quality shop.public.orders {
  -- A non-positive id means the sequence or the application is broken: stop and page.
  require order_id_valid: id > 0 else fail

  -- references and codes
  require customer_present: customer_id IS NOT NULL else quarantine
  require currency_iso: regexp_like(currency, '^[A-Z]{3}$') else quarantine

  -- the mobile app writes statuses in upper case; the transform below normalises them
  require status_known: lower(status) IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded') else quarantine

  -- amounts
  require amounts_nonneg: subtotal >= 0 AND tax >= 0 AND shipping >= 0 AND discount >= 0 else quarantine
  require discount_le_subtotal: discount <= subtotal else quarantine
  warn large_order: subtotal < 50000
}

quality shop.public.order_items {
  require quantity_positive: quantity > 0    else quarantine
  require item_price_nonneg: unit_price >= 0 else quarantine
  warn bulk_line: quantity <= 1000
}

quality shop.public.payments {
  require payment_amount_positive: amount > 0 else quarantine
  require method_known: method IN ('card', 'paypal', 'bank_transfer', 'gift_card') else quarantine
  require card_number_digits: card_number IS NULL OR regexp_like(card_number, '^[0-9]{12,19}$') else quarantine
  -- QA creates payments with TEST_ references in production; count them and skip them.
  require not_test_payment: reference IS NULL OR NOT starts_with(reference, 'TEST_') else drop
}

/* ---- transformations ---------------------------------------------------------------- */

-- Change metadata on every table: what happened, when it committed, where in the WAL.
transform shop.public.* {
  _op        = op()
  _commit_ts = commit_time()
  _lsn       = source_position()
}

transform shop.public.customers {
  -- keyed HMAC, not a bare hash: a plain sha2 of an e-mail address is reversible by
  -- hashing a list of known addresses.  Same input, same pseudonym: joins still work.
  email_pseudo = pseudonymize(lower(trim(email)), env('PII_PSEUDONYM_KEY'))
  email_domain = lower(split_part(email, '@', 2))
  phone        = mask(phone, 4)
  birth_year   = CAST(extract(year FROM date_of_birth) AS smallint)
  drop email, full_name, date_of_birth, password_hash
}

transform shop.public.products {
  rename name to product_name
  category = coalesce(lower(trim(category)), 'uncategorised')
}

transform shop.public.orders {
  status      = lower(status)
  order_total = subtotal + tax + shipping - discount
  order_date  = CAST(placed_at AS date)
  is_closed   = status IN ('delivered', 'cancelled', 'refunded')
  drop shipping_address
}

transform shop.public.order_items {
  line_total = quantity * unit_price
}

transform shop.public.payments {
  -- PCI: the card number never leaves the source; analysts get the last four digits.
  card_last4 = right(card_number, 4)
  drop card_number
}

/* ---- the warehouse ------------------------------------------------------------------ */

target dw redshift {
  dsn         = env("DW_REDSHIFT_DSN")
  staging     = s3("s3://acme-cdc-staging/shop/", region = "us-east-1", iam_role = env("REDSHIFT_COPY_ROLE_ARN"))
  apply       = merge
  compression = gzip
  schema      = "cdcc"
  quarantine  = "shop_quarantine"
  batch {
    rows     = 100000
    bytes    = 256MB
    interval = 30s
  }
}

-- Defaults for every shop table: keep deleted rows (flagged) so that historical reports
-- do not change under the analysts, and pick up new source columns automatically.
merge shop.public.* into dw.shop.* {
  deletes          = soft(_deleted)
  on_schema_change = add
  sortkey          = (updated_at)
}

-- Per-table overrides: the most specific block wins, option by option.
merge shop.public.customers into dw.shop.customers {
  distkey = id  -- co-located with orders.customer_id
}

merge shop.public.orders into dw.shop.orders {
  distkey = customer_id
  sortkey = compound(order_date, id)
}

merge shop.public.order_items into dw.shop.order_items {
  distkey = order_id
  sortkey = (order_id, line_no)
}

merge shop.public.payments into dw.shop.payments {
  distkey = order_id
}

merge shop.public.products into dw.shop.products {
  diststyle = all  -- small dimension: a copy on every node
}

/* ---- tests -------------------------------------------------------------------------- */

test "orders: clean rows merge, bad rows are quarantined, deletes are soft" {
  given shop.public.orders {
    insert {
      id               = 1001
      customer_id      = 7
      status           = 'PAID'
      currency         = 'USD'
      subtotal         = 120.00
      tax              = 9.60
      shipping         = 5.00
      discount         = 10.00
      shipping_address = '1 Main St, Springfield'
      shipping_country = 'US'
      placed_at        = '2024-03-01 10:00:00+00'
      created_at       = '2024-03-01 10:00:00+00'
      updated_at       = '2024-03-01 10:00:00+00'
    }
    insert {
      id               = 1002
      customer_id      = 8
      status           = 'pending'
      currency         = 'EUR'
      subtotal         = 40.00
      tax              = 0.00
      shipping         = 0.00
      discount         = 0.00
      shipping_country = 'DE'
      placed_at        = '2024-03-01 11:00:00+00'
      created_at       = '2024-03-01 11:00:00+00'
      updated_at       = '2024-03-01 11:00:00+00'
    }
    -- negative tax: quarantined
    insert {
      id          = 1003
      customer_id = 9
      status      = 'paid'
      currency    = 'USD'
      subtotal    = 10.00
      tax         = -1.00
      shipping    = 0.00
      discount    = 0.00
      placed_at   = '2024-03-01 12:00:00+00'
      created_at  = '2024-03-01 12:00:00+00'
      updated_at  = '2024-03-01 12:00:00+00'
    }
    -- unknown status: quarantined
    insert {
      id          = 1004
      customer_id = 9
      status      = 'lost'
      currency    = 'USD'
      subtotal    = 10.00
      tax         = 0.00
      shipping    = 0.00
      discount    = 0.00
      placed_at   = '2024-03-01 12:30:00+00'
      created_at  = '2024-03-01 12:30:00+00'
      updated_at  = '2024-03-01 12:30:00+00'
    }
    -- updated before it was created (a rule from the shop.public.* block): quarantined
    insert {
      id          = 1005
      customer_id = 9
      status      = 'paid'
      currency    = 'USD'
      subtotal    = 10.00
      tax         = 0.00
      shipping    = 0.00
      discount    = 0.00
      placed_at   = '2024-03-01 13:00:00+00'
      created_at  = '2024-03-01 13:00:00+00'
      updated_at  = '2024-03-01 12:59:00+00'
    }
    update {
      id               = 1001
      customer_id      = 7
      status           = 'shipped'
      currency         = 'USD'
      subtotal         = 120.00
      tax              = 9.60
      shipping         = 5.00
      discount         = 10.00
      shipping_address = '1 Main St, Springfield'
      shipping_country = 'US'
      placed_at        = '2024-03-01 10:00:00+00'
      created_at       = '2024-03-01 10:00:00+00'
      updated_at       = '2024-03-02 08:00:00+00'
    }
    delete { id = 1002 }
  }
  expect dw.shop.orders {
    row {
      id          = 1001
      customer_id = 7
      status      = 'shipped'
      order_total = 124.60
      order_date  = '2024-03-01'
      is_closed   = FALSE
      _op         = 'U'
    }
    -- soft delete: the row stays, flagged by the merge's _deleted column
    row {
      id          = 1002
      customer_id = 8
      status      = 'pending'
      order_total = 40.00
      order_date  = '2024-03-01'
      _op         = 'D'
    }
  }
  expect quarantine shop.public.orders {
    row amounts_nonneg { id = 1003, tax = -1.00 }
    row status_known { id = 1004, status = 'lost' }
    row updated_after_created { id = 1005, updated_at = '2024-03-01 12:59:00+00' }
  }
}

test "customers: PII is pseudonymized, masked or dropped before it lands" {
  given shop.public.customers {
    insert {
      id               = 7
      email            = ' Ana.Lopez@Example.com'
      full_name        = 'Ana Lopez'
      phone            = '+14155550123'
      country          = 'US'
      date_of_birth    = '1988-06-15'
      marketing_opt_in = TRUE
      password_hash    = 'x'
      created_at       = '2023-01-05 09:00:00+00'
      updated_at       = '2023-01-05 09:00:00+00'
    }
    insert {
      id               = 8
      email            = 'not-an-email'
      full_name        = 'Bo'
      marketing_opt_in = FALSE
      created_at       = '2023-02-01 09:00:00+00'
      updated_at       = '2023-02-01 09:00:00+00'
    }
    update {
      id               = 7
      email            = ' Ana.Lopez@Example.com'
      full_name        = 'Ana Lopez'
      phone            = '+14155550199'
      country          = 'US'
      date_of_birth    = '1988-06-15'
      marketing_opt_in = FALSE
      password_hash    = 'x'
      created_at       = '2023-01-05 09:00:00+00'
      updated_at       = '2024-01-05 09:00:00+00'
    }
    delete { id = 7 }
  }
  expect dw.shop.customers {
    row {
      id               = 7
      email_domain     = 'example.com'
      phone            = '********0199'
      country          = 'US'
      birth_year       = 1988
      marketing_opt_in = FALSE
      _op              = 'D'
    }
  }
  expect quarantine shop.public.customers {
    row email_format { id = 8, email = 'not-an-email' }
  }
}

test "payments: card numbers never land, QA payments are dropped" {
  given shop.public.payments {
    insert {
      id          = 1
      order_id    = 1001
      method      = 'card'
      amount      = 124.60
      card_number = '4111111111111111'
      reference   = 'ch_1'
      status      = 'captured'
      created_at  = '2024-03-01 10:00:05+00'
      updated_at  = '2024-03-01 10:00:05+00'
    }
    insert {
      id          = 2
      order_id    = 1001
      method      = 'card'
      amount      = 1.00
      card_number = '4111111111111111'
      reference   = 'TEST_smoke'
      status      = 'captured'
      created_at  = '2024-03-01 10:01:00+00'
      updated_at  = '2024-03-01 10:01:00+00'
    }
    insert {
      id         = 3
      order_id   = 1002
      method     = 'cash'
      amount     = 40.00
      status     = 'captured'
      created_at = '2024-03-01 11:00:05+00'
      updated_at = '2024-03-01 11:00:05+00'
    }
  }
  expect dw.shop.payments {
    row {
      id         = 1
      order_id   = 1001
      method     = 'card'
      amount     = 124.60
      card_last4 = '1111'
      status     = 'captured'
      _op        = 'I'
    }
  }
  expect quarantine shop.public.payments {
    row method_known { id = 3, method = 'cash' }
  }
}

test "a non-positive order id stops the pipeline" {
  given shop.public.orders {
    insert {
      id          = 0
      customer_id = 1
      status      = 'paid'
      currency    = 'USD'
      subtotal    = 1.00
      tax         = 0.00
      shipping    = 0.00
      discount    = 0.00
      created_at  = '2024-03-01 10:00:00+00'
      updated_at  = '2024-03-01 10:00:00+00'
    }
  }
  expect failure order_id_valid
}
