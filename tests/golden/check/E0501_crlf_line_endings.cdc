-- E0501: CRLF line endings: no carriage return is printed in the snippet
pipeline p {
  descripton = "x"
}
