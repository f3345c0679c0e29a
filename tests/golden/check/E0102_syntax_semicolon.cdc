-- E0102: statements ending with ';' get a help line
pipeline p {
  description = "orders";
}
