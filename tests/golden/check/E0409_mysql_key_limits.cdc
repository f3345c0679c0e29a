-- E0409: MySQL keys: a key column of unbounded text or bytea, a varchar key longer than
-- 768 characters, and a composite key over InnoDB's 3072-byte index limit
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.*]
}

table shop.public.by_text {
  code  text primary key
  note  text
}

table shop.public.by_bytes {
  digest  bytea primary key
}

table shop.public.by_long {
  code  varchar(1000) primary key
}

table shop.public.by_pair {
  a  varchar(500) not null
  b  varchar(500) not null
  primary key (a, b)
}

table shop.public.fine {
  tenant  varchar(64) not null
  code    varchar(700) not null
  day     date not null
  primary key (tenant, code, day)
}

target app mysql {
  dsn = env("APP_DSN")
}

merge shop.public.* into app.shop.* { }
