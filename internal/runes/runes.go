// Package runes cuts strings by rune counts without copying or changing
// their bytes: an invalid byte counts as one rune and stays as it is.
package runes

// Prefix is s up to its first n runes (all of s when it has fewer).
func Prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
