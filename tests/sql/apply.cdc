/*
 * tests/sql/apply.cdc — the pipeline of the SQL integration test (tests/sql/run.sh).
 *
 * Every kind of route the generated SQL handles, into a PostgreSQL and a MySQL target:
 * hard, soft and ignored deletes, append, a composite key, a nullable key, a table that
 * is all key, soft-delete metadata columns from the change event, every type family,
 * and names with quotes, spaces, unicode and reserved words.  apply.py stages random
 * change batches through the generated statements and compares the tables with what
 * the semantics say they must hold.
 */

pipeline sql_apply {
  description = "integration test of the generated SQL"
}

source src postgres {
  dsn       = env("SRC_DSN")
  heartbeat = 1m
  tables    = [public.accounts, public.items, public.notes, public.events, public.codes, public.tags, public."Order Items"]
}

table src.public.accounts {
  id       bigint primary key
  name     varchar(100) not null
  balance  numeric(12,2)
  ratio    double precision
  note     text
  active   boolean
  opened   date
  updated  timestamptz
  doc      jsonb
  avatar   bytea
}

table src.public.items {
  tenant  integer not null
  sku     varchar(32) not null
  qty     integer
  descr   text
  primary key (tenant, sku)
}

transform src.public.items {
  _op        = op()
  _commit_ts = commit_time()
}

table src.public.notes {
  id    integer primary key
  body  text
}

table src.public.events {
  id    integer primary key
  kind  varchar(20)
  body  text
}

table src.public.codes {
  code   varchar(20)
  label  text
  id     integer primary key
}

table src.public.tags {
  tag  varchar(50) primary key
}

table src.public."Order Items" {
  "select"     integer primary key
  "we""ird"    text
  "naïve col"  varchar(40)
  "Mixed"      numeric(8,3)
  "a`b"        text
}

target pg postgres {
  dsn    = env("PG_DSN")
  schema = "cdcc rt"
}

target my mysql {
  dsn    = env("MY_DSN")
  schema = "cdcc_rt"
  flavor = mariadb
}

merge src.public.* into pg."app data".* { }
merge src.public.* into my.app_data.* { }

merge src.public.items into pg."app data".items {
  deletes = soft
}
merge src.public.items into my.app_data.items {
  deletes = soft
}

merge src.public.notes into pg."app data".notes {
  deletes = ignore
}
merge src.public.notes into my.app_data.notes {
  deletes = ignore
}

merge src.public.events into pg."app data".events {
  mode = append
}
merge src.public.events into my.app_data.events {
  mode = append
}

merge src.public.codes into pg."app data".codes {
  key = (code)
}
merge src.public.codes into my.app_data.codes {
  key = (code)
}
