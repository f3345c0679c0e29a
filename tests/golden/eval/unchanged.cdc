-- Columns left out of an input row are unchanged (not sent by the source, like a
-- PostgreSQL TOAST value): a rule or filter reading one passes, a column computed from
-- one is left out of the output row, and the quarantine record leaves it out too.
pipeline eval_unchanged {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.docs]
  heartbeat = off
}

table s.public.docs {
  id    integer primary key
  title text
  body  text
  size  integer
}

quality s.public.docs {
  require body_present: body IS NOT NULL else quarantine
  require size_ok: size > 0              else quarantine
}

transform s.public.docs {
  body_len = length(body)
  title_up = upper(title)
  both     = title || body
  _op      = op()
  constant = 'x'
  filter body <> ''
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.docs into dw.public.docs {}
