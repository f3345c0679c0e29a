-- E0204: unknown source kinds: a typo (with a suggestion) and a target kind used as a source
pipeline p { }

source shop postgress {
  dsn    = env("SHOP_DSN")
  tables = [public.orders]
}

source wh redshift {
  dsn    = env("WH_DSN")
  tables = [public.orders]
}

source legacy oracle {
  tables = [app.orders]
}
