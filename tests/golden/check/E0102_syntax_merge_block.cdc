-- E0102: a merge header without "into"
pipeline p { }

merge shop.public.orders dw.analytics.orders {
  key = (id)
}
