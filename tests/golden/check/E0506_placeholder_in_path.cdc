-- E0506: "{{" is the generated SQL's placeholder mark ({{batch}}, {{iam_role}}): a
-- staging location or lake path may not contain it
pipeline p { }

source shop postgres {
  dsn       = env("SHOP_DSN")
  heartbeat = 1m
  tables    = [public.orders]
}

table shop.public.orders {
  id  bigint primary key
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://stage/{{batch}}/")
}

target lake s3 {
  path = "s3://lake/{{x}}/"
}

merge shop.public.orders into dw.shop.orders { }
merge shop.public.orders into lake.shop.orders { }
