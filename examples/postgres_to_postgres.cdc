/*
 * postgres_to_postgres.cdc — an application's PostgreSQL into a reporting PostgreSQL.
 *
 * Replaces: native logical replication (a publication and a subscription) into a
 * reporting database, plus the nightly SQL that masks e-mail addresses, drops rows the
 * application should never have written, and rebuilds the "deleted customers" view that
 * replication cannot give (a replicated DELETE removes the row).  Here the rules run on
 * every change, customers are kept when deleted (soft deletes) with the operation and
 * commit time of their last change, and each batch commits with its checkpoint in the
 * reporting database: a crash never applies a change twice or skips one.
 *
 * Source set-up: wal_level = logical; a role with REPLICATION and SELECT on the tables;
 * cdcc creates the slot and the publication (both named cdcc_app_reporting below) --
 * the publication only if the role owns the tables and may CREATE in the database;
 * otherwise cdcc stops and prints the CREATE PUBLICATION for the tables' owner to run.
 * Target set-up: a role that may CREATE in the database, for the `reporting` schema and
 * the `cdcc` schema (checkpoint and quarantine tables): `cdcc ddl` prints them.
 *
 * Run:
 *   export APP_PG_DSN='host=app-db.internal dbname=app user=cdcc sslmode=verify-full'
 *   export REPORTING_PG_DSN='host=reporting-db.internal dbname=reporting user=cdcc'
 *   cdcc check postgres_to_postgres.cdc
 *   cdcc ddl   postgres_to_postgres.cdc --dialect postgres      # review, then run it once
 *   cdcc run   postgres_to_postgres.cdc
 */

pipeline app_reporting {
  description = "app PostgreSQL public.customers/orders/order_items -> reporting PostgreSQL"
}

source app postgres {
  dsn         = env("APP_PG_DSN")
  slot        = "cdcc_app_reporting"
  publication = "cdcc_app_reporting"
  snapshot    = initial
  heartbeat   = 1m
  tables      = [public.customers, public.orders, public.order_items]
}

table app.public.customers {
  id          bigint primary key
  email       varchar(254) not null
  full_name   text
  country     char(2)
  created_at  timestamptz not null
  preferences jsonb
}

table app.public.orders {
  id          bigint primary key
  customer_id bigint not null
  status      varchar(16) not null
  currency    char(3) not null
  total       numeric(12,2) not null
  placed_at   timestamptz not null
  notes       text
}

table app.public.order_items {
  order_id   bigint not null
  line_no    integer not null
  sku        varchar(32) not null
  quantity   integer not null
  unit_price numeric(10,2) not null
  primary key (order_id, line_no)
}

quality app.public.customers {
  require email_shape: email LIKE '%_@_%' else quarantine
  warn country_code: country IS NULL OR regexp_like(country, '^[A-Z]{2}$')
}

quality app.public.orders {
  require total_nonneg: total >= 0 else quarantine
  require status_known: status IN ('new', 'paid', 'shipped', 'cancelled', 'refunded') else quarantine
  -- test orders from the QA team never reach reporting
  require not_a_test: customer_id <> 0 else drop
}

quality app.public.order_items {
  require quantity_positive: quantity > 0 else quarantine
}

transform app.public.customers {
  -- reporting joins on the address without reading it
  email_hash = sha2(lower(trim(email)), 256)
  drop email
  _op        = op()
  _commit_ts = commit_time()
}

transform app.public.orders {
  placed_date = CAST(placed_at AS date)
  _commit_ts  = commit_time()
}

transform app.public.order_items {
  line_total = quantity * unit_price
}

target reporting postgres {
  dsn = env("REPORTING_PG_DSN")
  batch {
    rows     = 20000
    interval = 5s
  }
}

merge app.public.* into reporting.reporting.* {}

-- deleted customers stay, flagged, with the delete's operation and commit time
merge app.public.customers into reporting.reporting.customers {
  deletes = soft(is_deleted)
}

test "customers: masked, soft-deleted with the delete's metadata" {
  given app.public.customers {
    insert {
      id         = 1
      email      = ' Ann@Example.com '
      full_name  = 'Ann Lee'
      country    = 'GB'
      created_at = '2024-03-01 09:00:00+00'
    }
    insert { id = 2, email = 'not an address', created_at = '2024-03-01 09:05:00+00' }
    delete { id = 1 }
  }
  expect reporting.reporting.customers {
    -- email_hash: sha256 of "ann@example.com"
    row {
      id         = 1
      email_hash = '71d4f55f72fa128dfb468a1a3901507c804b74316488744d769d7f4b16696476'
      full_name  = 'Ann Lee'
      _op        = 'D'
      is_deleted = TRUE
    }
  }
  expect quarantine app.public.customers {
    row email_shape { id = 2 }
  }
}

test "orders and their lines: totals, dates, test orders dropped" {
  given app.public.orders {
    insert {
      id          = 10
      customer_id = 7
      status      = 'paid'
      currency    = 'EUR'
      total       = 42.50
      placed_at   = '2024-03-02 23:30:00+00'
    }
    insert {
      id          = 11
      customer_id = 0
      status      = 'paid'
      currency    = 'EUR'
      total       = 1.00
      placed_at   = '2024-03-02 23:31:00+00'
    }
  }
  given app.public.order_items {
    insert { order_id = 10, line_no = 1, sku = 'MUG-1', quantity = 3, unit_price = 12.50 }
    insert { order_id = 10, line_no = 2, sku = 'BAG-2', quantity = 0, unit_price = 5.00 }
  }
  expect reporting.reporting.orders {
    row { id = 10, status = 'paid', total = 42.50, placed_date = '2024-03-02' }
  }
  expect reporting.reporting.order_items {
    row { order_id = 10, line_no = 1, line_total = 37.50 }
  }
  expect quarantine app.public.order_items {
    row quantity_positive { order_id = 10, line_no = 2 }
  }
}
