pipeline p { }
source src postgres { dsn = env("A") tables = [public.*] heartbeat = off }
target dw redshift { dsn = env("X") staging = s3("s3://b/p/") }
table src.public.orders {
  id bigint primary key
  amount numeric(30,2)
  big numeric(40,2)
  note text
  ts timestamptz
  j jsonb
  iv interval
}
table src.public.nokey { a int  b text }
quality src.public.orders {
  require amout > 0 else quarantin
  require amount + 'a' > 1
  require 1 = 1
  require lower(id) = 'x'
  require sha2(note, 100) = 'x'
  require regexp_like(note, '(')
  require foo(amount) > 0
  require count(id) > 0
  require note
  require amount > 0 AND note
  require CASE WHEN amount > 1 THEN 1 ELSE 'x'::date END = 1
  require date_trunc('mnth', ts) IS NOT NULL
  require mask(note, keep_lst => 2) = 'x'
  require coalesce(amount, note) IS NULL
  require ts + 5m > now()
  require CAST(j AS uuid) IS NULL
}
transform src.public.* {
  z = amount * amount * amount
}
transform src.public.orders {
  drop note
  w = upper(note)
  rename amount to ts
  big = big::numeric(38,2)
}
merge src.public.* into dw.analytics.* { key = (j) distkey = nope diststyle = even sortkey = compound(ts, zz) deletes = soft(amount) }
