-- fmt: bad indentation; alignment runs end at blank lines and own-line comments
pipeline p { }

source shop postgres {
dsn = env("SHOP_DSN")
          heartbeat = 1m
   snapshot = never

                  tables = [public.orders]
    exclude = []
}

table shop.public.orders {
 id bigint primary key
        customer_id bigint not null
  amount_in_original_currency numeric(12,2)
  -- a comment breaks the alignment run
  status text
     created_at timestamptz
}

quality shop.public.orders {
        require id > 0 else fail
 require has_customer: customer_id IS NOT NULL else quarantine
  warn status IN ('new', 'paid')
}

transform shop.public.orders {
 a = 1
   longer_name = 2

      c = 3
}

target dw redshift {
   dsn = env("DW_DSN")
        staging = s3("s3://acme-cdc/orders/", region = "us-east-1")
   batch {
        rows = 1000
            bytes = 64MB
     interval = 10s
   }
}

merge shop.public.orders into dw.public.orders {
          distkey = customer_id
   sortkey = compound(created_at, id)
}
