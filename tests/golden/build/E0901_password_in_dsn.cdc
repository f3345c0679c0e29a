-- E0901: passwords written in DSNs are refused by build; they never reach the plan or the output
pipeline p { }

source shop postgres {
  dsn       = "postgres://cdcc:Sup3r-s3cr3t@db.internal:5432/shop"
  heartbeat = 1m
  tables    = [public.orders]
}

source app mysql {
  dsn    = "host=db.internal user=app PASSWORD = spaced-s3cr3t"
  tables = [app.orders]
}

source crm postgres {
  dsn       = "postgresql://cdcc@crm.internal/crm?sslmode=require&password=query-s3cr3t"
  heartbeat = 1m
  tables    = [public.contacts]
}

table shop.public.orders {
  id bigint primary key
}

table app.app.orders {
  id bigint primary key
}

table crm.public.contacts {
  id bigint primary key
}

target dw postgres {
  dsn = "host=dw.internal dbname=dw user=loader password=hunter2-s3cr3t"
}

merge shop.public.orders into dw.public.orders { }

merge app.app.orders into dw.app.orders { }

merge crm.public.contacts into dw.crm.contacts { }
