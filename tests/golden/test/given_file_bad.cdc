-- A test data file line that cdcc check accepts but cdcc test cannot run (a commit
-- time that is not a timestamp): the test fails naming the file and line; the other
-- test of the file still runs.
pipeline given_file_bad {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.t]
  heartbeat = off
}

table s.public.t {
  id integer primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.t into dw.public.t {}

test "a bad commit time" {
  given s.public.t from "given_file_bad.changes.jsonl"
  expect dw.public.t {
    row { id = 1 }
  }
}

test "inline changes" {
  given s.public.t {
    insert { id = 1 }
  }
  expect dw.public.t {
    row { id = 1 }
  }
}
