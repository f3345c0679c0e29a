/*
 * postgres_s3_mysql.cdc — retail sales from RDS PostgreSQL straight into RDS MySQL.
 *
 * Replaces (seed 001, "CDC pipeline: PostgreSQL -> S3 -> MySQL"):
 *   RDS PostgreSQL -> AWS DMS replication instance, source and target endpoints and
 *   migration task ("migrate existing data and replicate ongoing changes") -> S3 bucket
 *   (LOAD*.csv full load + timestamped CDC files) -> S3 event -> Lambda (extracts the
 *   file's location) -> AWS Glue job (reads the file, transforms it, writes to MySQL),
 *   with the IAM roles, the public S3 bucket and the CloudWatch log digging in between.
 *   Here the S3 hop disappears: changes go from the WAL to MySQL in one transaction per
 *   batch, with the checkpoint, so a crash never applies a CSV file twice or skips one.
 *   Teams that must keep DMS writing to S3 can use dms_files_to_mysql.cdc instead.
 *
 * The seed's "previous ETL project" data set is not published; the tables below are a
 * typical retail schema of stores and sales lines.
 *
 * Source set-up: the seed sets binlog_format = ROW on the PostgreSQL parameter group,
 * which is a MySQL setting and does nothing there.  What PostgreSQL needs is
 * rds.logical_replication = 1 (wal_level = logical) and a role with REPLICATION and SELECT.
 * Target set-up: a MySQL user with SELECT, INSERT, UPDATE, DELETE, CREATE and ALTER on
 * `retail` and on `cdcc` (the checkpoint and quarantine tables).  Keep both instances out
 * of 0.0.0.0/0: cdcc only needs to reach them from inside the VPC.
 *
 * Run:
 *   export SALES_PG_DSN='host=sales-pg.internal dbname=postgres user=cdcc sslmode=verify-full'
 *   export RETAIL_MYSQL_DSN='mysql://cdcc@retail-mysql.internal:3306/retail?ssl-mode=VERIFY_IDENTITY'
 *   cdcc check postgres_s3_mysql.cdc
 *   cdcc ddl   postgres_s3_mysql.cdc --dialect mysql
 *   cdcc run   postgres_s3_mysql.cdc
 *   (this version of `cdcc run` reads PostgreSQL sources and writes PostgreSQL targets
 *   only: see README.md, Status)
 */

pipeline sales_pg_to_mysql {
  description = "RDS PostgreSQL public.stores/sales -> RDS MySQL retail (replaces DMS -> S3 -> Lambda -> Glue)"
}

source sales postgres {
  dsn         = env("SALES_PG_DSN")
  slot        = "cdcc_sales_mysql"
  publication = "cdcc_sales_mysql"
  snapshot    = initial
  heartbeat   = 1m
  tables      = [public.stores, public.sales]
}

table sales.public.stores {
  store_id   integer primary key
  store_name varchar(100) not null
  city       varchar(64)
  region     varchar(32)
  opened_on  date
}

table sales.public.sales {
  sale_id        bigint primary key
  store_id       integer not null
  product        varchar(120) not null
  category       varchar(64)
  quantity       integer not null
  unit_price     numeric(10,2) not null
  discount_pct   numeric(5,2)
  sold_at        timestamp not null
  customer_email varchar(254)
  payment_type   varchar(16)
}

quality sales.public.stores {
  require store_name_present: trim(store_name) <> '' else quarantine

  -- franchise stores have no sales region
  require region_known: region IS NULL OR upper(region) IN ('NORTH', 'SOUTH', 'EAST', 'WEST') else quarantine
}

quality sales.public.sales {
  -- ranges
  require quantity_positive: quantity > 0 else quarantine
  require price_nonneg: unit_price >= 0   else quarantine
  require discount_range: discount_pct IS NULL OR discount_pct BETWEEN 0 AND 100 else quarantine

  -- dates: the till's clock resets to 1970 after a power cut
  require sold_after_2000: sold_at >= '2000-01-01' else quarantine

  -- codes
  require payment_known: payment_type IS NULL OR lower(payment_type) IN ('cash', 'card', 'voucher', 'mobile') else quarantine
  warn email_shape: customer_email IS NULL OR customer_email LIKE '%_@_%'
}

-- What the Glue job did, as steps applied in order.
transform sales.public.stores {
  store_name = trim(store_name)
  region     = upper(region)
}

transform sales.public.sales {
  product      = trim(product)
  category     = coalesce(lower(trim(category)), 'other')
  payment_type = lower(payment_type)
  discount_pct = coalesce(discount_pct, 0)
  gross_amount = quantity * unit_price
  net_amount   = round(quantity * unit_price * (100 - coalesce(discount_pct, 0)) / 100, 2)
  sale_date    = CAST(sold_at AS date)

  -- the warehouse needs repeat-customer counts, not addresses
  customer_key = md5(lower(trim(customer_email)))
  drop customer_email

  _synced_at = commit_time()
}

target retail mysql {
  dsn        = env("RETAIL_MYSQL_DSN")
  schema     = "cdcc"
  quarantine = "sales_quarantine"
  batch {
    rows     = 10000
    interval = 5s
  }
}

-- The seed replicates deletions, so deletes stay hard (the default, spelled out).
merge sales.public.* into retail.retail.* {
  deletes          = hard
  on_schema_change = add
}

test "sales: inserts, an update and a delete reach MySQL; bad lines are quarantined" {
  given sales.public.stores {
    insert {
      store_id   = 1
      store_name = ' Leeds Central '
      city       = 'Leeds'
      region     = 'north'
      opened_on  = '2015-04-01'
    }
  }
  given sales.public.sales {
    insert {
      sale_id        = 1
      store_id       = 1
      product        = 'Kettle '
      category       = 'Kitchen'
      quantity       = 2
      unit_price     = 25.00
      discount_pct   = 10.00
      sold_at        = '2024-02-10 14:22:00'
      customer_email = 'Sam@Example.com'
      payment_type   = 'CARD'
    }
    insert {
      sale_id      = 2
      store_id     = 1
      product      = 'Toaster'
      quantity     = 1
      unit_price   = 30.00
      sold_at      = '2024-02-10 15:00:00'
      payment_type = 'cash'
    }
    insert {
      sale_id      = 3
      store_id     = 1
      product      = 'Mug'
      category     = 'kitchen'
      quantity     = 0
      unit_price   = 4.50
      sold_at      = '2024-02-10 15:05:00'
      payment_type = 'cash'
    }
    update {
      sale_id      = 2
      store_id     = 1
      product      = 'Toaster'
      quantity     = 2
      unit_price   = 30.00
      sold_at      = '2024-02-10 15:00:00'
      payment_type = 'cash'
    }
    delete { sale_id = 1 }
  }
  expect retail.retail.stores {
    row { store_id = 1, store_name = 'Leeds Central', region = 'NORTH' }
  }
  expect retail.retail.sales {
    row {
      sale_id      = 2
      product      = 'Toaster'
      category     = 'other'
      quantity     = 2
      discount_pct = 0
      gross_amount = 60.00
      net_amount   = 60.00
      sale_date    = '2024-02-10'
      payment_type = 'cash'
    }
  }
  expect quarantine sales.public.sales {
    row quantity_positive { sale_id = 3, quantity = 0 }
  }
}
