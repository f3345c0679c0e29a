-- cdcc eval: every fate of a change (applied, filtered, dropped, quarantined by a rule
-- and by a failed transform step, failed), warn rules counted, and a fail rule that
-- stops: the lines after it are not processed.
pipeline eval_fates {}

source shop postgres {
  dsn       = env("SHOP_DSN")
  tables    = [public.orders]
  heartbeat = off
}

table shop.public.orders {
  id       bigint primary key
  amount   numeric(12,2)
  currency char(3)
  status   text
  qty      integer
}

quality shop.public.orders {
  require id IS NOT NULL
  require amount_positive: amount >= 0 else quarantine
  require currency IN ('USD', 'EUR')   else drop
  warn has_status: status IS NOT NULL
  require stock: qty < 1000
}

transform shop.public.orders {
  unit_price = amount / qty
  status     = upper(status)
  filter status IS DISTINCT FROM 'TEST'
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders {}
