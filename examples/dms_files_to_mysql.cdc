/*
 * dms_files_to_mysql.cdc — DMS change files in S3 into RDS MySQL, for teams that keep DMS.
 *
 * Replaces (seed 001, "CDC pipeline: PostgreSQL -> S3 -> MySQL", second half only):
 *   S3 event notification -> Lambda (extracts the new file's bucket and key) -> AWS Glue
 *   job (reads the CSV, transforms it, writes it to MySQL), with the Lambda's and the Glue
 *   job's IAM roles and CloudWatch logs.
 * Keeps: the DMS replication instance and task writing to S3 ("migrate existing data and
 *   replicate ongoing changes").  Prefer postgres_s3_mysql.cdc, which drops DMS and the S3
 *   hop too; use this file when DMS must stay (a shared DMS task, an audit trail of raw
 *   change files in S3, or no network path from cdcc to the source database).
 *
 * How the files are read (layout = dms): under the path, DMS writes
 *   public/sales/LOAD00000001.csv ...          full load, read first, in name order
 *   public/sales/20240210-142233123.csv ...     CDC files, read in name (= time) order
 * CDC lines start with the Op column (I, U or D); the other columns follow in the table's
 * column order, so the table block below must list them in the source's order.  Each file
 * is applied once: its name and line number are the source position in the checkpoint.
 *
 * DMS target endpoint settings this relies on: DataFormat=csv, CompressionType=NONE,
 * IncludeOpForFullLoad=false (LOAD files without Op are inserts), TimestampColumnName unset,
 * and the bucket NOT public (the seed unticks "Block all public access"; cdcc signs its
 * requests, so the bucket can stay private with a bucket policy for the cdcc role).
 *
 * Run:
 *   export RETAIL_MYSQL_DSN='mysql://cdcc@retail-mysql.internal:3306/retail?ssl-mode=VERIFY_IDENTITY'
 *   cdcc check dms_files_to_mysql.cdc
 *   cdcc ddl   dms_files_to_mysql.cdc --dialect mysql
 *   cdcc run   dms_files_to_mysql.cdc
 *   (this version of `cdcc run` reads PostgreSQL sources and writes PostgreSQL targets
 *   only: see README.md, Status)
 */

pipeline sales_dms_files_to_mysql {
  description = "DMS CSV change files (s3://acme-dms-sales/cdc/) -> RDS MySQL retail.sales"
}

source dms files {
  path   = "s3://acme-dms-sales/cdc/"
  region = "eu-west-2"
  layout = dms
  format = csv
  poll   = 10s
  tables = [public.sales]
}

-- Column order matters: it is the order of the CSV columns after Op.
table dms.public.sales {
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

quality dms.public.sales {
  require quantity_positive: quantity > 0 else quarantine
  require price_nonneg: unit_price >= 0   else quarantine
  require discount_range: discount_pct IS NULL OR discount_pct BETWEEN 0 AND 100 else quarantine

  -- the till's clock resets to 1970 after a power cut
  require sold_after_2000: sold_at >= '2000-01-01' else quarantine
}

transform dms.public.sales {
  product      = trim(product)
  category     = coalesce(lower(trim(category)), 'other')
  payment_type = lower(payment_type)
  discount_pct = coalesce(discount_pct, 0)
  net_amount   = round(quantity * unit_price * (100 - discount_pct) / 100, 2)
  sale_date    = CAST(sold_at AS date)

  customer_key = md5(lower(trim(customer_email)))
  drop customer_email

  -- which DMS file (and line) the row came from, for tracing a value back to S3
  _dms_file = source_position()
}

target retail mysql {
  dsn        = env("RETAIL_MYSQL_DSN")
  schema     = "cdcc"
  quarantine = "sales_quarantine"
  batch {
    rows     = 10000
    interval = 10s
  }
}

merge dms.public.sales into retail.retail.sales {
  deletes = hard
}

test "DMS I/U/D lines are applied; a zero-quantity line is quarantined" {
  given dms.public.sales {
    snapshot {
      sale_id        = 1
      store_id       = 1
      product        = 'Kettle'
      category       = 'Kitchen'
      quantity       = 2
      unit_price     = 25.00
      discount_pct   = 10.00
      sold_at        = '2024-02-10 14:22:00'
      customer_email = 'sam@example.com'
      payment_type   = 'CARD'
    }
    insert {
      sale_id      = 2
      store_id     = 1
      product      = ' Toaster'
      quantity     = 1
      unit_price   = 30.00
      sold_at      = '2024-02-10 15:00:00'
      payment_type = 'cash'
    }
    insert {
      sale_id      = 3
      store_id     = 1
      product      = 'Mug'
      quantity     = 0
      unit_price   = 4.50
      sold_at      = '2024-02-10 15:05:00'
      payment_type = 'cash'
    }
    update {
      sale_id        = 1
      store_id       = 1
      product        = 'Kettle'
      category       = 'Kitchen'
      quantity       = 3
      unit_price     = 25.00
      discount_pct   = 10.00
      sold_at        = '2024-02-10 14:22:00'
      customer_email = 'sam@example.com'
      payment_type   = 'CARD'
    }
    delete {
      sale_id      = 2
      store_id     = 1
      product      = ' Toaster'
      quantity     = 1
      unit_price   = 30.00
      sold_at      = '2024-02-10 15:00:00'
      payment_type = 'cash'
    }
  }
  expect retail.retail.sales {
    row {
      sale_id      = 1
      product      = 'Kettle'
      category     = 'kitchen'
      quantity     = 3
      discount_pct = 10.00
      net_amount   = 67.50
      sale_date    = '2024-02-10'
      payment_type = 'card'
      customer_key = 'e179e95c00e7718ab4a23840f992ea63'
    }
  }
  expect quarantine dms.public.sales {
    row quantity_positive { sale_id = 3, quantity = 0 }
  }
}
