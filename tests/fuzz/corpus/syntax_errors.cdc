pipeline p { x = }
source s postgres {
  dsn = "x
  slot = 'y'
}
quality s.a.b {
  require a >= else fail
  require b == 1
}
table s.a.b { id int; }
merge s.a.* into t.b.* { key = (id) }
@
