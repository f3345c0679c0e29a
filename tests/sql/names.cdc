/*
 * tests/sql/names.cdc — names and settings that are hard to write as SQL, for the
 * golden DDL files (tests/golden/ddl/) and the sqlglot check (tests/sql/check-sqlglot.sh).
 *
 * Quotes, backquotes, spaces, unicode and reserved words in schema, table and column
 * names; every Redshift table setting (diststyle, distkey, compound and interleaved sort
 * keys, encode overrides, apply = delete_insert); a lake path with a quote in it.
 */

pipeline names_test {
  description = "identifier quoting"
}

source src postgres {
  dsn       = env("SRC_DSN")
  heartbeat = 1m
  tables    = [public."Order ""Items""", public."select", public.plain, public.events, public.tags]
}

table src.public."Order ""Items""" {
  "order"       bigint primary key
  "we""ird"     text
  "naïve col"   varchar(40)
  "a`b"         integer
  "from"        jsonb
  "x;--y"       numeric(8,3)
  "Größe"       bytea
}

table src.public."select" {
  "group"  integer not null
  "where"  varchar(10) not null
  "table"  boolean
  primary key ("group", "where")
}

table src.public.plain {
  id       bigint primary key
  status   varchar(16)
  amount   numeric(12,2)
  note     text
  tags     text[]
  placed   timestamptz
}

table src.public.events {
  id    bigint primary key
  kind  varchar(20)
  at    timestamp
}

table src.public.tags {
  tag  varchar(64) primary key
}

target dw redshift {
  dsn     = env("DW_DSN")
  schema  = "cdcc ops"
  staging = s3("s3://stage/it's/", region = "eu-west-1", iam_role = env("DW_ROLE"))
}

target rs2 redshift {
  dsn     = env("DW_DSN")
  apply   = delete_insert
  staging = s3("s3://stage/rs2/")
}

target pgt postgres {
  dsn = env("PG_DSN")
}

target myt mysql {
  dsn = env("MY_DSN")
}

target lake s3 {
  path      = "s3://lake/it's here/"
  partition = hourly
}

merge src.public.* into dw."Sales Data".* { }

merge src.public.plain into dw."Sales Data".plain {
  deletes   = soft("is deleted")
  distkey   = id
  sortkey   = interleaved(placed, status)
  encode {
    note   = lzo
    status = bytedict
  }
}

merge src.public.events into dw."Sales Data".events_history {
  mode      = append
  diststyle = even
  sortkey   = (at, id)
}

merge src.public.plain into rs2.dw.plain {
  deletes = soft
  sortkey = (placed)
}

merge src.public.tags into rs2.dw.tags { }

merge src.public.* into pgt."Sales Data".* { }

merge src.public.* into myt."Sales Data".* { }

merge src.public.plain into lake.sales.plain { }
merge src.public.events into lake.sales.events { }
