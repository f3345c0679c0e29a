-- Test data files keep every digit of a JSON number: a 38-digit numeric and the bigint
-- extremes written as JSON numbers (not strings) must be read exactly, by cdcc check
-- as well as by cdcc test.
pipeline given_file_numbers {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.accounts]
  heartbeat = off
}

table s.public.accounts {
  id      bigint primary key
  balance numeric(38,0)
  rate    numeric(38,37)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.accounts into dw.public.accounts {}

test "exact numbers from a file" {
  given s.public.accounts from "given_file_numbers.changes.jsonl"
  expect dw.public.accounts {
    row {
      id      = 9223372036854775807
      balance = 99999999999999999999999999999999999999
      rate    = 0.1234567890123456789012345678901234567
    }
    row {
      id      = -9223372036854775808
      balance = -12345678901234567890123456789012345678
      rate    = -9.9999999999999999999999999999999999999
    }
  }
}
