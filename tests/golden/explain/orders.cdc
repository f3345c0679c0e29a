-- A small pipeline that uses every kind of step: rules of each action, assignments,
-- drop, rename, filter, event functions, and two routes (merge and append).
pipeline orders_demo {
  description = "orders to the warehouse, current and history"
}

source shop postgres {
  dsn       = env("SHOP_DSN")
  tables    = [public.orders]
  heartbeat = 30s
}

table shop.public.orders {
  id          bigint primary key
  customer_id integer not null
  amount      numeric(12,2)
  currency    char(3)
  status      text
  note        text
  created_at  timestamptz not null
}

quality shop.public.orders {
  require id_positive: id > 0
  require amount_positive: amount >= 0 else quarantine
  require currency IN ('USD', 'EUR')   else drop
  warn long_note: length(note) < 100
}

transform shop.public.orders {
  amount_cents = CAST(amount * 100 AS bigint)
  status       = upper(coalesce(status, 'new'))
  bucket       = CASE WHEN amount >= 1000 THEN 'large' WHEN amount >= 100 THEN 'medium' ELSE 'small' END
  filter status <> 'TEST'
  drop note
  rename customer_id to customer
  _op        = op()
  _commit_ts = commit_time()
}

target dw postgres {
  dsn = env("DW_DSN")
  batch {
    rows     = 20000
    interval = 5s
  }
}

merge shop.public.orders into dw.analytics.orders {
  deletes = soft
}

merge shop.public.orders into dw.history.orders_history {
  mode = append
}

test "orders flow" {
  given shop.public.orders {
    insert {
      id          = 1
      customer_id = 7
      amount      = 12.50
      currency    = 'USD'
      status      = 'new'
      created_at  = '2024-05-01 10:00:00+00'
    }
    update { id = 1, status = 'shipped' }
    insert {
      id          = 2
      customer_id = 8
      amount      = -1.00
      currency    = 'USD'
      created_at  = '2024-05-01 11:00:00+00'
    }
  }
  expect dw.analytics.orders {
    row {
      id           = 1
      customer     = 7
      amount_cents = 1250
      status       = 'SHIPPED'
      bucket       = 'small'
      _op          = 'U'
      _deleted     = FALSE
    }
  }
  expect quarantine shop.public.orders {
    row amount_positive { id = 2 }
  }
}
