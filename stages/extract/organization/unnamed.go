package organization

import (
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// unnamedBody is the body of unnamed_bodies.tsv (県教育委員会) that the text
// names first, for a notice that names no other: the board of the
// prefecture or city whose page it is. A longer name ending in the word
// (青葉県教育委員会) is not it. A blog header is the blogger's words, not
// the notice's: its board names no one.
func unnamedBody(header string, sents []text.Sentence) (string, string) {
	for _, s := range sents {
		if text.ContainsAny(s.Text, addressCues) || header != "" && strings.Contains(s.Text, header) {
			continue
		}
		best, at := "", len(s.Text)
		for _, w := range unnamedBodies {
			for from := 0; from < at; {
				i := strings.Index(s.Text[from:], w)
				if i < 0 {
					break
				}
				i += from
				if prev, _ := utf8.DecodeLastRuneInString(s.Text[:i]); i == 0 || !isNameRune(prev) {
					if i < at {
						best, at = w, i
					}
					break
				}
				from = i + len(w)
			}
		}
		if best != "" {
			return best, s.Text
		}
	}
	return "", ""
}
