-- E0102: a rule with a dangling operator
pipeline p { }

quality shop.public.orders {
  require amount >= else quarantine
}
