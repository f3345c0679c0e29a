-- fmt: operator spacing and SQL expression forms keep their meaning
pipeline p {}

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id         bigint primary key
  amount     numeric(12,2)
  status     text
  email      text
  created_at timestamptz
}

quality shop.public.orders {
  require amount >= 0 AND amount < 1000000 else quarantine
  require status NOT IN ('x', 'y') OR status IS NULL
  require created_at NOT BETWEEN timestamptz '2000-01-01 00:00:00+00' AND now()
  warn email NOT ILIKE '%@example.com' AND email LIKE '%@%'
  require id IS NOT DISTINCT FROM id AND (amount > 0) IS TRUE
}

transform shop.public.orders {
  amount_usd  = (amount * 1.08)::numeric(14,2)
  neg         = -amount + +amount
  bucket      = CASE WHEN amount < 10 THEN 'small' WHEN amount < 100 THEN 'medium' ELSE 'large' END
  status_code = CASE status WHEN 'new' THEN 1 ELSE 2 END
  yr          = extract(year FROM created_at)
  masked      = mask(email, keep_last => 4, mask_char => '#')
  label       = 'it''s ' || upper(status) || ' ' || CAST(id AS text)
  ratio       = amount / nullif(amount % 7, 0) ^ 2
  flag        = NOT (amount > 0)
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders {}
