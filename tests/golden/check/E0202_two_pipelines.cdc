-- E0202: a second pipeline block in one file
pipeline orders { }

pipeline customers {
  description = "customers"
}
