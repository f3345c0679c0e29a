-- E0101: a double-quoted option value that does not end on its line
pipeline p {
  description = "nightly sync of orders
}
