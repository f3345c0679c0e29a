-- fmt: a list longer than 100 columns is printed one item per line; a short one on one line
pipeline p { }

source shop postgres {
  dsn = env("SHOP_DSN")
  heartbeat = 1m
  tables = [public.orders, public.order_items, public.customers, public.customer_addresses, public.invoices, public.payments]
  exclude = [
    public.audit_log,
    public.sessions
  ]
}

target dw postgres { dsn = env("DW_DSN") }

merge shop.public.* into dw.public.* {
  exclude = [public.sessions, public.payments, public.customer_addresses, public.invoices, public.order_items]
}
