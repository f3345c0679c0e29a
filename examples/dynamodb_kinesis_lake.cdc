/*
 * dynamodb_kinesis_lake.cdc — DynamoDB order changes, read from Kinesis, into an S3 JSON
 * lake that Athena queries.
 *
 * Replaces (seed 002, "Sales Data Analysis CDC Capture"):
 *   DynamoDB Streams -> EventBridge Pipe -> Kinesis Data Streams -> Kinesis Data Firehose
 *   -> transformation Lambda (part 1: cast DynamoDB's typed attributes to proper types;
 *   part 2: add the change timestamp and event type) -> S3 JSON files -> Glue Crawler with
 *   a custom JSON classifier -> Glue Data Catalog -> Athena / QuickSight.
 *   cdcc reads the Kinesis stream, runs the Lambda's logic as the transform below, writes
 *   gzip JSON Lines partitioned by hour, and generates the Athena DDL from the declared
 *   columns, so the Firehose delivery stream, the Lambda (and its timeout tuning), the
 *   crawler and the classifier all go away.  Athena and QuickSight stay.
 *
 * Stream set-up: cdcc reads the records of DynamoDB's own Kinesis streaming destination
 *   aws dynamodb enable-kinesis-streaming-destination --table-name orders \
 *       --stream-arn arn:aws:kinesis:us-east-1:123456789012:stream/sales-orders-cdc
 * which replaces the EventBridge Pipe as well.  The Kinesis stream stays, so other
 * consumers (the seed mentions Redshift and MSK) can still read it.
 *
 * Every change is a row in the lake (s3 targets append): an order's history is its rows
 * ordered by _seq, and its current state is the last one whose event_type is not REMOVE.
 *
 * Run:
 *   cdcc check dynamodb_kinesis_lake.cdc
 *   cdcc ddl   dynamodb_kinesis_lake.cdc --dialect athena > orders_changes.sql   # run it in Athena once
 *   cdcc run   dynamodb_kinesis_lake.cdc
 *   (this version of `cdcc run` reads PostgreSQL sources and writes PostgreSQL targets
 *   only: see README.md, Status)
 */

pipeline sales_orders_lake {
  description = "DynamoDB orders via Kinesis (DynamoDB change records) -> s3://acme-sales-lake JSON Lines for Athena"
}

source orders_stream kinesis {
  stream = "sales-orders-cdc"
  format = dynamodb
  region = "us-east-1"
  start  = trim_horizon
  poll   = 1s
  tables = [orders]
}

-- The attributes the mock sales generator writes.  boto3 refuses Python floats, so the
-- generator stores price as a string (S); quantity is a number (N); order_date is an
-- ISO-8601 string.  The Lambda's part 1 cast them; so does the transform below.
table orders_stream.orders {
  order_id     varchar(64) primary key
  customer_id  varchar(64)
  product_name varchar(200)
  category     varchar(64)
  quantity     numeric(10,0)
  price        text
  order_status varchar(16)
  order_date   text
}

quality orders_stream.orders {
  require customer_present: customer_id IS NOT NULL    else quarantine
  require product_present: product_name IS NOT NULL AND trim(product_name) <> '' else quarantine
  require quantity_range: quantity BETWEEN 1 AND 10000 else quarantine

  -- type validations: every value that the transform casts must be castable, so that a
  -- bad item is quarantined instead of stopping the pipeline with a cast error
  require price_decimal: price IS NOT NULL AND regexp_like(price, '^[0-9]{1,8}(\.[0-9]{1,2})?$') else quarantine

  -- "2024-05-01T13:30:00" and "2024-05-01 13:30:00", optionally with fractions
  require order_date_iso: order_date IS NOT NULL AND regexp_like(order_date, '^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}') else quarantine

  warn status_known: order_status IN ('PLACED', 'SHIPPED', 'DELIVERED', 'CANCELLED')
}

transform orders_stream.orders {
  -- Lambda part 1: types
  quantity     = CAST(quantity AS integer)
  price        = CAST(price AS numeric(10,2))
  ordered_at   = CAST(order_date AS timestamp)
  total_amount = quantity * price
  drop order_date

  -- Lambda part 2: the change's time and type, so Athena can rebuild the current state.
  -- commit_time() is the record's ApproximateCreationDateTime: unlike the Lambda's
  -- datetime.now() it is the same when a batch is replayed after a crash.
  event_type = CASE op() WHEN 'I' THEN 'INSERT' WHEN 'U' THEN 'MODIFY' WHEN 'D' THEN 'REMOVE' ELSE 'SNAPSHOT' END
  event_ts   = commit_time()
  _seq       = source_position()
}

target lake s3 {
  path        = "s3://acme-sales-lake/cdc/"
  region      = "us-east-1"
  format      = jsonl
  compression = gzip
  partition   = hourly
  quarantine  = "_quarantine"

  -- the seed's Firehose buffer: 5 MB or 60 s, whichever comes first
  batch {
    bytes    = 5MB
    interval = 60s
  }
}

merge orders_stream.orders into lake.sales.orders_changes {
  on_schema_change = add
}

test "orders: every change lands as a typed, labelled row; bad items are quarantined" {
  given orders_stream.orders {
    insert {
      order_id     = 'o-100'
      customer_id  = 'c-1'
      product_name = 'Desk Lamp'
      category     = 'home'
      quantity     = 5
      price        = '19.99'
      order_status = 'PLACED'
      order_date   = '2024-05-01T13:30:00'
    }
    -- price with a currency sign: not castable, quarantined
    insert {
      order_id     = 'o-101'
      customer_id  = 'c-2'
      product_name = 'Chair'
      category     = 'home'
      quantity     = 1
      price        = '$45.00'
      order_status = 'PLACED'
      order_date   = '2024-05-01T13:31:00'
    }
    -- the seed's demo: quantity changed from 5 to 35
    update {
      order_id     = 'o-100'
      customer_id  = 'c-1'
      product_name = 'Desk Lamp'
      category     = 'home'
      quantity     = 35
      price        = '19.99'
      order_status = 'PLACED'
      order_date   = '2024-05-01T13:30:00'
    }
    delete {
      order_id     = 'o-100'
      customer_id  = 'c-1'
      product_name = 'Desk Lamp'
      category     = 'home'
      quantity     = 35
      price        = '19.99'
      order_status = 'PLACED'
      order_date   = '2024-05-01T13:30:00'
    }
  }
  expect lake.sales.orders_changes {
    row {
      order_id     = 'o-100'
      quantity     = 5
      price        = 19.99
      ordered_at   = '2024-05-01 13:30:00'
      total_amount = 99.95
      event_type   = 'INSERT'
    }
    row {
      order_id     = 'o-100'
      quantity     = 35
      price        = 19.99
      ordered_at   = '2024-05-01 13:30:00'
      total_amount = 699.65
      event_type   = 'MODIFY'
    }
    row {
      order_id     = 'o-100'
      quantity     = 35
      price        = 19.99
      total_amount = 699.65
      event_type   = 'REMOVE'
    }
  }
  expect quarantine orders_stream.orders {
    row price_decimal { order_id = 'o-101', price = '$45.00' }
  }
}
