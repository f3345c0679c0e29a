-- fmt: keywords in upper and mixed case, types in upper case, irregular spacing
PIPELINE   p{ }
Source shop postgres{dsn=env("SHOP_DSN")  heartbeat=1m   tables=[public.orders,public.customers]}
TABLE shop.public.orders{ id BIGINT PRIMARY KEY   amount NUMERIC( 12 , 2 )  NOT  NULL  note VARCHAR(200) NULL  tags TEXT[ ] created DOUBLE   PRECISION }
Table shop.public.customers { id Int8 Primary Key  email Character  Varying(320) }
QUALITY shop.public.orders { REQUIRE amount>=0 ELSE quarantine  Warn note Like '%x%' }
Transform shop.public.orders {  DROP tags  RENAME note TO remark  FILTER amount<>0  }
TARGET dw POSTGRES { dsn=env("DW_DSN") }
MERGE shop.public.* INTO dw.public.* { KEY=(id)   DELETES=soft(_gone) }
