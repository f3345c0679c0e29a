-- E0103: a control character (byte 0x01) outside a string
pipeline p {
  description = "x" 
}
