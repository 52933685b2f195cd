package text

import "unicode/utf8"

// FirstRunes is the first n runes of s. Where they are valid UTF-8 it
// is a slice of s; converting all of s to runes cost a copy of the rest of
// the sentence for each count.
func FirstRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		r, w := DecodeRuneAt(s, i)
		if r == utf8.RuneError && w == 1 {
			return string(firstRunesConverted(s, n)) // the conversion makes such bytes U+FFFD
		}
		i += w
	}
	return s[:i]
}

// LastRunes is the last n runes of s, as FirstRunes.
func LastRunes(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		r, w := DecodeLastRuneBefore(s, i)
		if r == utf8.RuneError && w == 1 {
			return string(lastRunesConverted(s, n))
		}
		i -= w
	}
	return s[i:]
}

func firstRunesConverted(s string, n int) []rune {
	r := []rune(s)
	return r[:min(n, len(r))]
}

func lastRunesConverted(s string, n int) []rune {
	r := []rune(s)
	return r[max(len(r)-n, 0):]
}
