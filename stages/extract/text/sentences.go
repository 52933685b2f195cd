package text

import (
	"iter"
	"strings"
	"unicode/utf8"
)

// Sentence is one sentence or list line of a notice, with its line and the
// heading it sits under.
type Sentence struct {
	Text    string
	Line    int    // line index in the normalized text
	Heading string // nearest heading line above, "" at the top
	Item    bool   // a list item or a short line in a list
}

// SplitSentences cuts normalized text into sentences at 。 and line ends,
// remembering the heading each sits under. A heading is a short line with
// no sentence end that is followed by content.
func SplitSentences(text string) []Sentence {
	// A line holds one sentence or more: room for one a line saves most
	// of the growing.
	return AppendSentences(make([]Sentence, 0, strings.Count(text, "\n")+1), nil, text)
}

// AppendSentences appends the sentences of text, as SplitSentences cuts
// them, to out and returns it; when lines is not nil, it appends to
// *lines the lines of text, as strings.Split(text, "\n") gives them, in
// the same pass. An extraction reads a notice's sentences and its lines,
// each into memory it reuses from notice to notice.
func AppendSentences(out []Sentence, lines *[]string, text string) []Sentence {
	heading := ""
	i := -1
	for l := range strings.SplitSeq(text, "\n") {
		i++
		if lines != nil {
			*lines = append(*lines, l)
		}
		if l == "" {
			continue
		}
		if IsHeading(l) {
			heading = l
		}
		item := isListItem(l)
		for s := range splitAtPeriods(l) {
			for s := range cutLong(s, MaxSentenceRunes) {
				out = append(out, Sentence{Text: s, Line: i, Heading: heading, Item: item})
			}
		}
	}
	return out
}

// MaxSentenceRunes bounds a sentence: a longer one is cut into pieces of
// that many runes. The rules read a sentence whole, some of them once per
// date or count in it, so a sentence of unbounded length (a line of 1 MB
// with no 。) would cost its length squared; cut, it costs its length
// times this bound. The longest sentence of the seeds, dev and dev-b
// corpora has 435 runes.
const MaxSentenceRunes = 1000

// cutLong yields s in pieces of at most max runes, cut at rune boundaries;
// s itself when it is no longer.
func cutLong(s string, max int) iter.Seq[string] {
	return func(yield func(string) bool) {
		for len(s) > max { // bytes ≥ runes: a shorter s has fewer runes
			n, cut := 0, len(s)
			for i := range s {
				if n == max {
					cut = i
					break
				}
				n++
			}
			if !yield(s[:cut]) {
				return
			}
			s = s[cut:]
		}
		if s != "" {
			yield(s)
		}
	}
}

// splitAtPeriods cuts a line after each 。 that is not inside brackets,
// and yields the pieces that are not blank, trimmed.
//
// It reads bytes, not runes: the brackets are ASCII or E3 80 xx (「」『』
// 【】 and 。), three bytes a range loop over the line decodes as that
// rune wherever they are, valid UTF-8 around them or not (E3 is no
// continuation byte, so no other rune holds it); it steps over the two
// continuation bytes of every three-byte rune at once. Decoding every
// kana and kanji of the notice was most of the splitter's time.
func splitAtPeriods(l string) iter.Seq[string] {
	return func(yield func(string) bool) {
		depth, start := 0, 0
		for i := 0; i < len(l); i++ {
			b := l[i]
			if b < utf8.RuneSelf {
				switch b {
				case '(', '[':
					depth++
				case ')', ']':
					if depth > 0 {
						depth--
					}
				}
				continue
			}
			if b&0xF0 != 0xE0 || i+2 >= len(l) || l[i+1]&0xC0 != 0x80 || l[i+2]&0xC0 != 0x80 {
				continue // not three bytes of a rune: no bracket begins in them
			}
			c1, c2 := l[i+1], l[i+2]
			i += 2 // past the two continuation bytes, where nothing begins
			if b != 0xE3 || c1 != 0x80 {
				continue
			}
			switch c2 {
			case 0x8C, 0x8E, 0x90: // 「 『 【
				depth++
			case 0x8D, 0x8F, 0x91: // 」 』 】
				if depth > 0 {
					depth--
				}
			case 0x82: // 。
				if depth == 0 {
					end := i + 1
					if s := strings.TrimSpace(l[start:end]); s != "" && !yield(s) {
						return
					}
					start = end
				}
			}
		}
		if s := strings.TrimSpace(l[start:]); s != "" {
			yield(s)
		}
	}
}

// IsHeading reports whether a line reads as a section heading: short, not
// a sentence, often numbered or bracketed (the marks and lengths are in
// rules/text).
func IsHeading(l string) bool {
	n := RuneCountTo(l, headingMaxRunes+1) // the length matters up to the longest heading
	if n > headingMaxRunes || ContainsWord(l, "。") {
		return false
	}
	if HasPrefixAny(l, headingMarks) {
		return true
	}
	if n <= numberedHeadingMaxRunes && mayOpenHeadingNumber(l) && headingNumber.MatchString(l) && !Commas.In(l) {
		return true
	}
	return n <= shortHeadingMaxRunes && !headingBreaks.In(l) && !isListItem(l)
}

// RuneCountTo is utf8.RuneCountInString(s) when that is below max, and
// max otherwise: it stops counting there.
func RuneCountTo(s string, max int) int {
	n := 0
	for i := 0; i < len(s) && n < max; n++ {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, w := ThreeByteRune(s, i) // inlined: kana and kanji
		if w != 3 {
			_, w = utf8.DecodeRuneInString(s[i:])
		}
		i += w
	}
	return n
}

// mayOpenHeadingNumber reports whether l opens as a match of
// headingNumber must: with a digit, "(", one of 一…十, 第 or I, V, X.
func mayOpenHeadingNumber(l string) bool {
	if l == "" {
		return false
	}
	switch c := l[0]; {
	case IsDigitByte(c), c == '(', c == 'I', c == 'V', c == 'X':
		return true
	case c < utf8.RuneSelf:
		return false
	}
	r, _ := utf8.DecodeRuneInString(l)
	return r == '第' || IsKanjiDigit(r)
}

// isListItem reports whether a line is a bullet or enumerated item.
func isListItem(l string) bool {
	return HasPrefixAny(l, BulletMarks) || mayOpenItemNumber(l) && itemNumber.MatchString(l)
}

// mayOpenItemNumber reports whether l opens as a match of itemNumber
// must: with "(", a digit or a small letter.
func mayOpenItemNumber(l string) bool {
	return l != "" && (l[0] == '(' || IsDigitByte(l[0]) || l[0] >= 'a' && l[0] <= 'z')
}
