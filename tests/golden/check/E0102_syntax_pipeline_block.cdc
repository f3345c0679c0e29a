-- E0102: an option without '=' in the pipeline block
pipeline p {
  description "orders"
}
