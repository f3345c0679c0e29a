-- fmt: operator spacing and SQL expression forms keep their meaning
pipeline p { }

source shop postgres { dsn = env("SHOP_DSN") heartbeat = 1m tables = [public.orders] }

table shop.public.orders {
  id         bigint primary key
  amount     numeric(12,2)
  status     text
  email      text
  created_at timestamptz
}

quality shop.public.orders {
  require amount>=0 AND amount<1000000 else quarantine
  require status not in('x','y')or status is null
  require created_at not between TIMESTAMPTZ   '2000-01-01 00:00:00+00' and now()
  warn email not ilike'%@example.com'and email like'%@%'
  require id is not distinct from id and (amount>0)is true
}

transform shop.public.orders {
  amount_usd=(amount*1.08)::numeric(14,2)
  neg=-amount+ +amount
  bucket=case when amount<10 then 'small' when amount<100 then 'medium' else 'large' end
  status_code=case status when 'new' then 1 else 2 end
  yr=extract(year from created_at)
  masked=mask(email,keep_last=>4,mask_char=>'#')
  label='it''s '||upper(status)||' '||cast(id as text)
  ratio=amount/nullif(amount%7,0)^2
  flag=not(amount>0)
}

target dw postgres { dsn = env("DW_DSN") }

merge shop.public.orders into dw.public.orders { }
