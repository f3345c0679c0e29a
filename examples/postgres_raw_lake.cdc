/*
 * postgres_raw_lake.cdc — orders from RDS PostgreSQL and web events from Kinesis into the
 * processed layer of an S3 data lake, queried by Athena and Redshift Spectrum.
 *
 * Replaces (seed 004, "Data Platform - Automatic deployment"):
 *   RDS PostgreSQL -> AWS DMS instance (full load + CDC) -> raw bucket (Parquet)
 *   Kinesis Data Firehose (put_to_firehose.py web events) -> raw bucket (JSON)
 *   -> Databricks Spark job (spark-etl.ipynb: adds etl_timestamp, event_date and
 *   source_filename, partitions by event_date) -> processed bucket (Delta)
 *   -> Glue Crawler + Glue Catalog tables -> Athena / Redshift Spectrum external schema.
 *   cdcc writes the processed layer directly from the WAL and the stream; the DMS stack,
 *   the dms-vpc-role, the Databricks cluster and its CDK stack, and the crawler go away.
 *   `cdcc ddl --dialect athena` gives the Glue Catalog tables for Athena and Spectrum.
 *
 * Differences from the seed, on purpose:
 *   - source_filename becomes source_position: there is no intermediate DMS file any
 *     more; the WAL position (orders) or shard:sequence (events) is the lineage pointer.
 *   - the raw layer is not written: it existed to buffer DMS and Firehose output for the
 *     Spark job.  A transform applies to a table in every target it is merged into, so an
 *     untransformed raw copy, if auditors still want one, is a second pipeline file with
 *     its own slot and no transform blocks.
 *   - the lake is JSON Lines (gzip) partitioned by commit day (dt=YYYY-MM-DD), not Delta
 *     partitioned by event_date; event_date is a column for Athena predicates.
 *   - the Firehose producer (put_to_firehose.py) must put to the Kinesis data stream
 *     `web-atomic-events` instead of the delivery stream.
 *
 * Source set-up: rds.logical_replication = 1 on the RDS parameter group, and a role with
 * REPLICATION and SELECT on public.orders (read from Secrets Manager, as the seed's
 * insert script does, but into the environment rather than a .env file in the repo).
 *
 * Run (one file per environment: develop, staging and production use their own buckets):
 *   export ORDERS_PG_DSN='host=orders-db.internal dbname=postgres user=cdcc sslmode=verify-full'
 *   cdcc check postgres_raw_lake.cdc
 *   cdcc ddl   postgres_raw_lake.cdc --dialect athena
 *   cdcc run   postgres_raw_lake.cdc
 *   (this version of `cdcc run` reads PostgreSQL sources and writes PostgreSQL targets
 *   only: see README.md, Status)
 */

pipeline data_lake_processed {
  description = "RDS PostgreSQL public.orders + Kinesis web events -> s3://phtf-production-data-lake-processed"
}

source app postgres {
  dsn         = env("ORDERS_PG_DSN")
  slot        = "cdcc_data_lake"
  publication = "cdcc_data_lake"
  snapshot    = initial  -- DMS's "full load", then CDC
  heartbeat   = 1m
  tables      = [public.orders]
}

source web kinesis {
  stream = "web-atomic-events"
  format = json
  region = "us-east-1"
  start  = trim_horizon
  tables = [atomic_events]
}

-- The four columns insert_to_rds.py creates.
table app.public.orders {
  id           integer primary key
  product_name varchar(100) not null
  price        numeric(10,2) not null
  created_at   timestamp not null
}

-- One JSON object per record, as put_to_firehose.py sends them.
table web.atomic_events {
  event_id   varchar(64) primary key
  event_name varchar(32)
  user_id    varchar(64)
  session_id varchar(64)
  page_url   text
  referrer   text
  user_agent text
  ip_address varchar(45)
  event_ts   timestamptz
}

quality app.public.orders {
  require price_positive: price > 0               else quarantine
  require product_named: trim(product_name) <> '' else quarantine

  -- insert_to_rds.py started in 2023; anything older is a clock or import error
  require created_recent: created_at >= '2023-01-01' else quarantine
}

quality web.atomic_events {
  require event_ts_present: event_ts IS NOT NULL else quarantine
  require event_known: event_name IN ('page_view', 'click', 'add_to_cart', 'checkout', 'purchase') else quarantine
  require url_absolute: page_url IS NULL OR page_url LIKE 'http%' else quarantine

  -- bots and load tests: counted and skipped
  require not_a_bot: user_agent IS NULL OR NOT regexp_like(user_agent, '(bot|crawler|spider|k6|locust)', 'i') else drop
}

-- The Spark job's three columns, for every table of the processed layer.
transform app.public.orders {
  product_name    = trim(product_name)
  etl_timestamp   = now()  -- when cdcc processed the change, as Spark's current_timestamp()
  event_date      = CAST(created_at AS date)
  source_position = source_position()
  _op             = op()
  _commit_ts      = commit_time()
}

transform web.atomic_events {
  -- GDPR: keep the network, not the host: IPv4 addresses keep their /24, IPv6 addresses
  -- (a few percent of the traffic, and hard to truncate reliably when compressed) go
  ip_address = CASE WHEN ip_address LIKE '%:%' THEN NULL ELSE regexp_replace(ip_address, '\.[0-9]+$', '.0') END
  user_id    = pseudonymize(user_id, env('WEB_PSEUDONYM_KEY'))
  page_url   = split_part(page_url, '?', 1)  -- query strings carry e-mail addresses and tokens

  etl_timestamp   = now()
  event_date      = CAST(event_ts AS date)
  source_position = source_position()
}

target processed s3 {
  path        = "s3://phtf-production-data-lake-processed/"
  region      = "us-east-1"
  format      = jsonl
  compression = gzip
  partition   = daily
  quarantine  = "_quarantine"
  batch {
    rows     = 50000
    bytes    = 128MB
    interval = 5m  -- larger files for Athena; the seed's Spark job ran hourly
  }
}

merge app.public.orders into processed.data_lake_processed.orders {
  on_schema_change = add
}

merge web.atomic_events into processed.data_lake_processed.atomic_events {
  -- new event properties should not change the Athena table without review
  on_schema_change = ignore
}

test "orders: full load, then changes, land with the processed-layer columns" {
  given app.public.orders {
    snapshot {
      id           = 1
      product_name = 'Keyboard '
      price        = 49.90
      created_at   = '2024-01-15 08:00:00'
    }
    insert { id = 2, product_name = 'Mouse', price = 19.90, created_at = '2024-01-15 08:00:01' }
    insert { id = 3, product_name = 'Cable', price = 0.00, created_at = '2024-01-15 08:00:02' }
    update { id = 2, product_name = 'Mouse', price = 17.90, created_at = '2024-01-15 08:00:01' }
    delete { id = 1 }
  }
  expect processed.data_lake_processed.orders {
    row { id = 1, product_name = 'Keyboard', price = 49.90, event_date = '2024-01-15', _op = 'S' }
    row { id = 2, product_name = 'Mouse', price = 19.90, event_date = '2024-01-15', _op = 'I' }
    row { id = 2, product_name = 'Mouse', price = 17.90, event_date = '2024-01-15', _op = 'U' }
    row { id = 1, _op = 'D' }
  }
  expect quarantine app.public.orders {
    row price_positive { id = 3, price = 0.00 }
  }
}

test "web events: PII is reduced, bots are dropped, unknown events quarantined" {
  -- events are immutable: the stream only ever carries inserts
  given web.atomic_events {
    insert {
      event_id   = 'e-1'
      event_name = 'page_view'
      user_id    = 'u-42'
      session_id = 's-1'
      page_url   = 'https://shop.example.com/p/9?email=a@b.com'
      referrer   = 'https://google.com/'
      user_agent = 'Mozilla/5.0'
      ip_address = '203.0.113.77'
      event_ts   = '2024-01-15 08:00:00+00'
    }
    insert {
      event_id   = 'e-2'
      event_name = 'page_view'
      session_id = 's-2'
      page_url   = 'https://shop.example.com/'
      user_agent = 'Googlebot/2.1'
      ip_address = '66.249.66.1'
      event_ts   = '2024-01-15 08:00:01+00'
    }
    insert {
      event_id   = 'e-3'
      event_name = 'hover'
      session_id = 's-1'
      page_url   = 'https://shop.example.com/'
      user_agent = 'Mozilla/5.0'
      ip_address = '203.0.113.77'
      event_ts   = '2024-01-15 08:00:02+00'
    }
    insert {
      event_id   = 'e-4'
      event_name = 'click'
      session_id = 's-3'
      page_url   = 'https://shop.example.com/cart'
      user_agent = 'Mozilla/5.0'
      ip_address = '2001:db8::1'
      event_ts   = '2024-01-15 23:59:59+00'
    }
  }
  expect processed.data_lake_processed.atomic_events {
    row {
      event_id   = 'e-1'
      event_name = 'page_view'
      page_url   = 'https://shop.example.com/p/9'
      ip_address = '203.0.113.0'
      event_date = '2024-01-15'
    }
    row {
      event_id   = 'e-4'
      event_name = 'click'
      page_url   = 'https://shop.example.com/cart'
      ip_address = NULL
      event_date = '2024-01-15'
    }
  }
  expect quarantine web.atomic_events {
    row event_known { event_id = 'e-3', event_name = 'hover' }
  }
}
