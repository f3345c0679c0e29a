-- W0106: a postgres source without heartbeat; heartbeat = off silences it, mysql is not affected
pipeline p { }

source shop postgres {
  dsn    = env("SHOP_DSN")
  tables = [public.orders]
}

source crm postgres {
  dsn       = env("CRM_DSN")
  heartbeat = off
  tables    = [public.contacts]
}

source app mysql {
  dsn    = env("APP_DSN")
  tables = [app.users]
}

table shop.public.orders {
  id bigint primary key
}

table crm.public.contacts {
  id bigint primary key
}

table app.app.users {
  id bigint primary key
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge shop.public.orders into dw.public.orders { }

merge crm.public.contacts into dw.crm.contacts { }

merge app.app.users into dw.app.users { }
