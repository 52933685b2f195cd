package segment

import "github.com/breachtrend/breachtrend/internal/wordscan"

// Classify scores text (normalized) as an incident notice or not. It
// returns the verdict and the margin behind it (notice evidence minus
// article evidence); a margin near zero is a weak verdict.
func Classify(text string) (notice bool, margin float64) {
	return classify(text, false)
}

func classify(text string, header bool) (notice bool, margin float64) {
	found := classifierTerms.Present(text)
	return verdict(&found, header)
}

// verdict is classify's answer from the terms found in the text.
func verdict(found *wordscan.Set, header bool) (notice bool, margin float64) {
	n, a := score(found, noticeTerms, 0), score(found, articleTerms, len(noticeTerms))
	if header {
		n += headerPrior
	}
	margin = n - articleFactor*a
	return n >= noticeThreshold && margin > 0, margin
}

// score adds the weights of the terms found; terms[i] is word first+i of
// classifierTerms.
func score(found *wordscan.Set, terms []weighted, first int) float64 {
	s := 0.0
	for i, t := range terms {
		if found.Has(first + i) {
			s += t.weight
		}
	}
	return s
}

// hasBody reports whether any of lines has a rune outside white space.
func hasBody(lines []string) bool {
	for _, l := range lines {
		if hasBodyRune(l) {
			return true
		}
	}
	return false
}

// hasBodyRune reports whether bodyLen(s) > 0, stopping at the first rune
// it counts rather than counting a whole notice.
func hasBodyRune(s string) bool {
	for _, r := range s {
		if isBodyRune(r) {
			return true
		}
	}
	return false
}

// isBodyRune reports whether bodyLen counts r: it is no white space.
func isBodyRune(r rune) bool {
	return r != ' ' && r != '\n' && r != '\u00a0' && r != '\u3000' && r != '\t' && r != '\r'
}

// bodyLen counts the runes of text outside white space.
func bodyLen(s string) int {
	n := 0
	for _, r := range s {
		if isBodyRune(r) {
			n++
		}
	}
	return n
}
