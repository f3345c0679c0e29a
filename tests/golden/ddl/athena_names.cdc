-- cdcc ddl --dialect athena refuses what Athena cannot read: a column whose name is not
-- letters, digits and _, and a column named like a partition column of the lake.  The
-- lake itself takes any name (the other dialects have no target here).
pipeline p { }

source app postgres {
  dsn       = env("APP_DSN")
  heartbeat = 1m
  tables    = [public.visits]
}

table app.public.visits {
  id          bigint primary key
  "Page URL"  text
  dt          date
}

target lake s3 {
  path = "s3://lake/raw/"
}

merge app.public.visits into lake.web.visits { }
