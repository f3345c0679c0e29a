-- E0501: columns count characters, not bytes; tabs expand to 8-column stops in the snippet
pipeline p {
	description = "café €" 	descripton = "x"
}
