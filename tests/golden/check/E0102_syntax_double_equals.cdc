-- E0102: '==' for equality gets a help line
pipeline p { }

quality shop.public.orders {
  require status == 'new'
}
