-- E0106: a Latin-1 byte (0xe9) in a description is not valid UTF-8
pipeline p {
  description = "café orders"
}
