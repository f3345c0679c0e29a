/*
 * rds_mysql_to_redshift.cdc — the `txns` ledger from RDS MySQL into Redshift.
 *
 * Replaces (seed 000, "Change Discovery Capture from SQL and NoSQL to a Data Warehouse",
 * the SQL half):
 *   RDS MySQL -> AWS DMS replication instance + DMS replication task (CDC) -> Redshift,
 *   and with it the DMS endpoints, the DMS VPC role, and the "stop the DMS task before
 *   deleting the stack" step.  The EventBridge-scheduled Lambda that appends txns.csv
 *   to RDS every 5 minutes is the application, not the pipeline: it stays.
 *   The DynamoDB half of seed 000 is dynamodb_to_redshift.cdc.
 *
 * Why `mode = append`: the seed creates `txns` without a primary key or unique constraint
 * and the Lambda appends the same file again and again, so identical rows are legitimate
 * and there is no key to MERGE on (DMS cannot apply UPDATE or DELETE to such a table in
 * Redshift either).  Every change becomes one row of dw.finance.txns, carrying its
 * operation and binlog position: for this insert-only ledger that is exactly the source
 * table, and the rare manual UPDATE or DELETE is kept as history instead of being lost.
 * The seed does not publish txns.csv's columns; the ones below are a card ledger's.
 *
 * Source set-up (RDS parameter group): binlog_format = ROW, binlog_row_image = FULL,
 * binlog_row_metadata = FULL, and binlog retention long enough to survive an outage:
 *   CALL mysql.rds_set_configuration('binlog retention hours', 72);
 * The cdcc user needs REPLICATION SLAVE, REPLICATION CLIENT and SELECT on bank.txns.
 * Credentials come from Secrets Manager through the environment, never from cdk.json.
 *
 * Run:
 *   export RDS_MYSQL_DSN='mysql://cdcc@txns-db.internal:3306/bank?ssl-mode=VERIFY_IDENTITY'
 *   export DW_REDSHIFT_DSN='host=dw.example.us-east-1.redshift.amazonaws.com port=5439 dbname=analytics user=cdcc'
 *   export REDSHIFT_COPY_ROLE_ARN='arn:aws:iam::123456789012:role/redshift-copy-cdc'
 *   cdcc check rds_mysql_to_redshift.cdc
 *   cdcc ddl   rds_mysql_to_redshift.cdc --dialect redshift
 *   cdcc run   rds_mysql_to_redshift.cdc
 *   (this version of `cdcc run` reads PostgreSQL sources and writes PostgreSQL targets
 *   only: see README.md, Status)
 */

pipeline txns_to_redshift {
  description = "RDS MySQL bank.txns (keyless, append-only ledger) -> Redshift finance.txns"
}

source rds mysql {
  dsn       = env("RDS_MYSQL_DSN")
  flavor    = mysql
  server_id = 4201  -- unique among the instance's replicas (read replicas included)
  snapshot  = initial
  heartbeat = 1m
  tables    = [bank.txns]
}

-- No primary key: the table is exactly as the seed's Lambda creates it.
table rds.bank.txns {
  txn_id      bigint
  account_id  bigint
  txn_ts      datetime(6)
  txn_type    varchar(16)
  amount      decimal(12,2)
  currency    char(3)
  merchant    varchar(128)
  card_number varchar(19)
}

quality rds.bank.txns {
  -- null checks (the source table has no NOT NULL constraints at all)
  require txn_id_present: txn_id IS NOT NULL      else quarantine
  require account_present: account_id IS NOT NULL else quarantine
  require txn_ts_present: txn_ts IS NOT NULL      else quarantine
  require amount_nonzero: amount IS NOT NULL AND amount <> 0 else quarantine

  -- codes (the Lambda's CSV mixes upper and lower case; the transform normalises them)
  require currency_iso: currency IS NOT NULL AND regexp_like(currency, '^[A-Za-z]{3}$') else quarantine
  require type_known: lower(txn_type) IN ('purchase', 'refund', 'withdrawal', 'deposit', 'transfer') else quarantine

  -- refunds and withdrawals are negative, the others positive
  require sign_matches_type: (amount < 0) = (lower(txn_type) IN ('refund', 'withdrawal')) else quarantine

  -- review, but load: large transactions are real, just rare
  warn large_amount: abs(amount) < 100000
}

transform rds.bank.txns {
  txn_type = lower(txn_type)
  currency = upper(currency)
  txn_date = CAST(txn_ts AS date)

  -- PCI: keep the last four digits only
  card_last4 = right(card_number, 4)
  drop card_number

  -- change metadata: with no key, (_binlog_pos) is what tells two identical rows apart
  _op         = op()
  _commit_ts  = commit_time()
  _binlog_pos = source_position()
}

target dw redshift {
  dsn        = env("DW_REDSHIFT_DSN")
  staging    = s3("s3://acme-cdc-staging/txns/", region = "us-east-1", iam_role = env("REDSHIFT_COPY_ROLE_ARN"))
  schema     = "cdcc"
  quarantine = "txns_quarantine"
  batch {
    rows     = 50000
    interval = 15s  -- the seed loads every 5 minutes; seconds of lag are fine
  }
}

merge rds.bank.txns into dw.finance.txns {
  mode    = append
  distkey = account_id
  sortkey = (txn_ts)
}

test "ledger rows are appended with their operation; bad rows are quarantined" {
  given rds.bank.txns {
    insert {
      txn_id      = 1
      account_id  = 10
      txn_ts      = '2024-05-01 09:00:00'
      txn_type    = 'PURCHASE'
      amount      = 25.50
      currency    = 'usd'
      merchant    = 'Coffee Co'
      card_number = '4111111111111111'
    }
    -- the Lambda appends the same file again: an identical row is kept, not merged away
    insert {
      txn_id      = 1
      account_id  = 10
      txn_ts      = '2024-05-01 09:00:00'
      txn_type    = 'PURCHASE'
      amount      = 25.50
      currency    = 'usd'
      merchant    = 'Coffee Co'
      card_number = '4111111111111111'
    }
    insert {
      txn_id      = 2
      account_id  = 11
      txn_ts      = '2024-05-01 09:05:00'
      txn_type    = 'refund'
      amount      = -12.00
      currency    = 'USD'
      merchant    = 'Book Shop'
      card_number = '5500005555555559'
    }
    -- a refund with a positive amount: quarantined
    insert {
      txn_id      = 3
      account_id  = 12
      txn_ts      = '2024-05-01 09:10:00'
      txn_type    = 'refund'
      amount      = 12.00
      currency    = 'USD'
      merchant    = 'Book Shop'
      card_number = '5500005555555559'
    }
    update {
      txn_id      = 2
      account_id  = 11
      txn_ts      = '2024-05-01 09:05:00'
      txn_type    = 'refund'
      amount      = -15.00
      currency    = 'USD'
      merchant    = 'Book Shop'
      card_number = '5500005555555559'
    }
    delete {
      txn_id      = 2
      account_id  = 11
      txn_ts      = '2024-05-01 09:05:00'
      txn_type    = 'refund'
      amount      = -15.00
      currency    = 'USD'
      merchant    = 'Book Shop'
      card_number = '5500005555555559'
    }
  }
  expect dw.finance.txns {
    row {
      txn_id     = 1
      account_id = 10
      txn_type   = 'purchase'
      amount     = 25.50
      currency   = 'USD'
      txn_date   = '2024-05-01'
      card_last4 = '1111'
      _op        = 'I'
    }
    row {
      txn_id     = 1
      account_id = 10
      txn_type   = 'purchase'
      amount     = 25.50
      currency   = 'USD'
      txn_date   = '2024-05-01'
      card_last4 = '1111'
      _op        = 'I'
    }
    row {
      txn_id     = 2
      account_id = 11
      txn_type   = 'refund'
      amount     = -12.00
      currency   = 'USD'
      txn_date   = '2024-05-01'
      card_last4 = '5559'
      _op        = 'I'
    }
    row {
      txn_id     = 2
      account_id = 11
      txn_type   = 'refund'
      amount     = -15.00
      currency   = 'USD'
      txn_date   = '2024-05-01'
      card_last4 = '5559'
      _op        = 'U'
    }
    row {
      txn_id     = 2
      account_id = 11
      txn_type   = 'refund'
      amount     = -15.00
      currency   = 'USD'
      txn_date   = '2024-05-01'
      card_last4 = '5559'
      _op        = 'D'
    }
  }
  expect quarantine rds.bank.txns {
    row sign_matches_type { txn_id = 3, txn_type = 'refund', amount = 12.00 }
  }
}
