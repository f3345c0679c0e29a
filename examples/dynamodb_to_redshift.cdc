/*
 * dynamodb_to_redshift.cdc — the DynamoDB `trades` table into Redshift.
 *
 * Replaces (seed 000, "Change Discovery Capture from SQL and NoSQL to a Data Warehouse",
 * the NoSQL half):
 *   DynamoDB Streams -> Lambda (writes each INSERT/MODIFY as a file to S3) -> S3 bucket
 *   -> EventBridge rule every 5 minutes -> Lambda (COPY into Redshift, then delete the
 *   files), with their CloudWatch log groups and the S3 bucket's lifecycle.  cdcc reads the
 *   stream itself, stages each batch for COPY, and MERGEs it: seconds instead of up to 10
 *   minutes, and a file is never deleted before its rows are committed.
 *   The EventBridge-scheduled Lambda that loads trades.json into DynamoDB is the
 *   application, not the pipeline: it stays.  The MySQL half of seed 000 is
 *   rds_mysql_to_redshift.cdc.
 *
 * Deletes — the seed's open question ("determine what to do with deleted DynamoDB records"):
 * its stream Lambda handled INSERT and MODIFY only, so a trade deleted from DynamoDB
 * stayed in Redshift as if it were live.  Hard deletes would fix that, but would also
 * silently rewrite yesterday's P&L and volume reports, and DynamoDB TTL expiry arrives as
 * a delete too.  So this pipeline uses soft deletes: the row stays, `is_deleted` becomes
 * true, and `_commit_ts` says when.  Reports filter `WHERE NOT is_deleted`; audits still
 * see every trade that ever existed.
 *
 * Source set-up: enable the table's stream with view type NEW_AND_OLD_IMAGES.  The first
 * run scans the table (snapshot = initial) and then follows the stream from the point the
 * scan started; the stream keeps 24 hours of changes, so an outage longer than that needs
 * a new snapshot.  AWS credentials come from the instance or task role.
 *
 * Run:
 *   export DW_REDSHIFT_DSN='host=dw.example.us-east-1.redshift.amazonaws.com port=5439 dbname=analytics user=cdcc'
 *   export REDSHIFT_COPY_ROLE_ARN='arn:aws:iam::123456789012:role/redshift-copy-cdc'
 *   cdcc check dynamodb_to_redshift.cdc
 *   cdcc ddl   dynamodb_to_redshift.cdc --dialect redshift
 *   cdcc run   dynamodb_to_redshift.cdc
 *   (this version of `cdcc run` reads PostgreSQL sources and writes PostgreSQL targets
 *   only: see README.md, Status)
 */

pipeline trades_to_redshift {
  description = "DynamoDB trades (stream) -> Redshift markets.trades, soft deletes"
}

source ddb dynamodb {
  tables   = [trades]
  region   = "us-east-1"
  snapshot = initial
  poll     = 1s
}

-- DynamoDB has no schema: these are the attributes trades.json writes.  Numbers (N) are
-- read into the declared numeric types; trade_time is an ISO-8601 string (S) in the items.
table ddb.trades {
  trade_id   varchar(36) primary key  -- partition key
  symbol     varchar(12)
  side       varchar(4)
  quantity   numeric(18,0)
  price      numeric(18,6)
  trader_id  varchar(64)
  venue      varchar(16)
  trade_time text
}

quality ddb.trades {
  -- items are written by a script, not a schema: check every attribute the reports use
  require symbol_present: symbol IS NOT NULL AND symbol <> '' else quarantine
  require trader_present: trader_id IS NOT NULL      else quarantine
  require side_known: upper(side) IN ('BUY', 'SELL') else quarantine

  -- ranges
  require quantity_positive: quantity > 0 else quarantine
  require price_positive: price > 0       else quarantine

  -- type validation before the cast in the transform: a bad string must not stop the load
  require trade_time_iso: trade_time IS NOT NULL AND regexp_like(trade_time, '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9:]{5})$') else quarantine

  warn notional_reasonable: quantity * price < 10000000
}

transform ddb.trades {
  symbol     = upper(trim(symbol))
  side       = upper(side)
  traded_at  = CAST(trade_time AS timestamptz)
  trade_date = CAST(traded_at AS date)
  notional   = quantity * price
  drop trade_time

  _op        = op()
  _commit_ts = commit_time()  -- the stream record's approximate creation time
  _seq       = source_position()  -- shard:sequence of the stream record
}

target dw redshift {
  dsn        = env("DW_REDSHIFT_DSN")
  staging    = s3("s3://acme-cdc-staging/trades/", region = "us-east-1", iam_role = env("REDSHIFT_COPY_ROLE_ARN"))
  schema     = "cdcc"
  quarantine = "trades_quarantine"
  batch {
    rows     = 20000
    interval = 10s
  }
}

merge ddb.trades into dw.markets.trades {
  deletes = soft(is_deleted)
  distkey = symbol
  sortkey = compound(trade_date, traded_at)
}

test "trades: upserts by trade_id, soft deletes, quarantined items" {
  given ddb.trades {
    insert {
      trade_id   = 't-1'
      symbol     = ' aapl'
      side       = 'buy'
      quantity   = 100
      price      = 189.250000
      trader_id  = 'desk-7'
      venue      = 'XNAS'
      trade_time = '2024-05-01T13:30:00.125Z'
    }
    insert {
      trade_id   = 't-2'
      symbol     = 'MSFT'
      side       = 'SELL'
      quantity   = 50
      price      = 411.100000
      trader_id  = 'desk-7'
      venue      = 'XNAS'
      trade_time = '2024-05-01T13:31:00Z'
    }
    insert {
      trade_id   = 't-3'
      symbol     = 'TSLA'
      side       = 'BUY'
      quantity   = 10
      price      = 180.000000
      trader_id  = 'desk-9'
      venue      = 'XNAS'
      trade_time = '2024-05-01T13:32:00Z'
    }
    -- not ISO-8601: quarantined, not cast into an error
    insert {
      trade_id   = 't-4'
      symbol     = 'NVDA'
      side       = 'BUY'
      quantity   = 5
      price      = 900.000000
      trader_id  = 'desk-9'
      venue      = 'XNAS'
      trade_time = '05/01/2024 13:33'
    }
    -- negative quantity: quarantined
    insert {
      trade_id   = 't-5'
      symbol     = 'AMZN'
      side       = 'SELL'
      quantity   = -3
      price      = 180.000000
      trader_id  = 'desk-2'
      venue      = 'XNAS'
      trade_time = '2024-05-01T13:34:00Z'
    }
    -- the seed's "quantity 5 -> 35" style correction
    update {
      trade_id   = 't-2'
      symbol     = 'MSFT'
      side       = 'SELL'
      quantity   = 35
      price      = 411.100000
      trader_id  = 'desk-7'
      venue      = 'XNAS'
      trade_time = '2024-05-01T13:31:00Z'
    }
    delete { trade_id = 't-3' }
  }
  expect dw.markets.trades {
    row {
      trade_id   = 't-1'
      symbol     = 'AAPL'
      side       = 'BUY'
      quantity   = 100
      notional   = 18925.000000
      traded_at  = '2024-05-01 13:30:00.125+00'
      trade_date = '2024-05-01'
      _op        = 'I'
    }
    row {
      trade_id   = 't-2'
      symbol     = 'MSFT'
      side       = 'SELL'
      quantity   = 35
      notional   = 14388.500000
      trade_date = '2024-05-01'
      _op        = 'U'
    }
    -- soft-deleted: the row stays, with is_deleted = true
    row { trade_id = 't-3', symbol = 'TSLA', quantity = 10, _op = 'D' }
  }
  expect quarantine ddb.trades {
    row trade_time_iso { trade_id = 't-4', trade_time = '05/01/2024 13:33' }
    row quantity_positive { trade_id = 't-5', quantity = -3 }
  }
}
