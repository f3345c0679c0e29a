-- cdcc eval keeps exact numbers exact: a 38-digit numeric and the bigint extremes as
-- JSON numbers and as strings, trailing zeros of the column's scale, exponents; a result
-- that does not fit its type is an error of that row (quarantined).
pipeline eval_numbers {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.ledger]
  heartbeat = off
}

table s.public.ledger {
  id      bigint primary key
  big     numeric(38,0)
  frac    numeric(38,37)
  price   numeric(10,3)
  ratio   double precision
  n_small smallint
}

transform s.public.ledger {
  big_plus = big + 1
  id_text  = id::text
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.ledger into dw.public.ledger {}
