-- env('NAME') in tests is the placeholder "cdcc-test-NAME" (without --env), in
-- transforms and in rules; a keyed pseudonym under such a key is deterministic.
pipeline env_tests {}

source s postgres {
  dsn       = env("S_DSN")
  tables    = [public.users]
  heartbeat = off
}

table s.public.users {
  id     integer primary key
  email  text
  region text
}

quality s.public.users {
  require home_region: region = env('HOME_REGION') else drop
}

transform s.public.users {
  deployed = env('DEPLOYMENT')
  email    = pseudonymize(lower(email), key => env('PII_KEY'))
}

target dw postgres {
  dsn = env("DW_DSN")
}

merge s.public.users into dw.public.users {}

test "env placeholders" {
  given s.public.users {
    insert { id = 1, email = 'A@example.com', region = 'cdcc-test-HOME_REGION' }
    insert { id = 2, email = 'a@example.com', region = 'eu-west-1' }
    insert { id = 3, email = 'a@EXAMPLE.com', region = 'cdcc-test-HOME_REGION' }
  }
  expect dw.public.users {
    row {
      id       = 1
      deployed = 'cdcc-test-DEPLOYMENT'
      email    = '500ec4ebc1fa9319fa243940bb7d0f217df13b42c35d7ee8f671182ec911176c'
    }
    row {
      id       = 3
      deployed = 'cdcc-test-DEPLOYMENT'
      email    = '500ec4ebc1fa9319fa243940bb7d0f217df13b42c35d7ee8f671182ec911176c'
    }
  }
}

test "the pseudonym is shown when it differs" {
  given s.public.users {
    insert { id = 1, email = 'a@example.com', region = 'cdcc-test-HOME_REGION' }
  }
  expect dw.public.users {
    row { id = 1, email = 'a@example.com' }
  }
}
