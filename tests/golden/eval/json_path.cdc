-- json_extract_path_text on JSON objects written with spaces after the commas (as
-- PostgreSQL prints jsonb): valid JSON, so the path is found.
pipeline eval_json_path {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.events]
  heartbeat = off
}

table s.public.events {
  id      integer primary key
  payload jsonb
  raw     text
}

transform s.public.events {
  plan     = json_extract_path_text(payload, 'plan')
  raw_plan = json_extract_path_text(raw, 'a', 'plan')
  raw_ok   = is_valid_json(raw)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.events into dw.public.events {}
