package text

// FirstBytes marks the first byte of each word.
func FirstBytes(words []string) (b [256]bool) {
	for _, w := range words {
		b[w[0]] = true
	}
	return b
}
