package counts

import (
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// countMatches yields the matches of the count pattern in s, with their
// submatch offsets, as regexp's FindAllStringSubmatchIndex gives them:
//
//	(約|およそ|最大で?|推定|延べ|計|合計|総数|少なくとも)?\s*
//	((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万(?:\d{1,4}|\d,\d{3})?)?(?:千)?|[〇一二三四五六七八九十百千万]+)\s*
//	(人分|名分|件分|人|名|件|アカウント|世帯|ユーザー|ユーザ|先)
//	(以上|超|程度|前後|ほど|強|余り)?
//
// which finds 約25万人, 61,942件, 230万人分, 1,793名, 3万5千件, 三千人,
// 6,501アカウント, 20,912人分以上 and their approximations. The pattern
// has no literal prefix, so the regexp engine ran its backtracker from
// every position of every sentence that holds a count. A match is read
// here from each position where one can start; every choice the pattern
// leaves is tried in the regexp's order, and most fail at once, because
// no part of it that may follow a run of digits begins with a digit or a
// comma. countscan_test.go keeps the regexp and checks the scanner
// against it.
//
// Each rune is decoded once, to learn whether a match may start there and
// how far the next rune is: most runes start none.
func countMatches(s string) iter.Seq[[10]int] {
	return func(yield func([10]int) bool) {
		for p := 0; p < len(s); {
			r, n := rune(s[p]), 1
			if r >= utf8.RuneSelf {
				if r, n = text.ThreeByteRune(s, p); n != 3 { // inlined: kana and kanji
					r, n = utf8.DecodeRuneInString(s[p:])
				}
			}
			if countMayStartWith(r) {
				if m, ok := countAt(s, p); ok {
					if !yield(m) {
						return
					}
					p = m[1]
					continue
				}
			}
			p += n
		}
	}
}

// countAt matches the count pattern at p, a rune boundary.
func countAt(s string, p int) (m [10]int, ok bool) {
	m = [10]int{p, -1, -1, -1, -1, -1, -1, -1, -1, -1}
	if !countMayStart(s, p) {
		return m, false
	}
	q := p
	// A word of the first group, taken, leaves no way to match without it:
	// none opens with white space or a numeral, and 最大 leaves で.
	if w := countPrefixAt(s, p); w != "" {
		m[2], m[3] = p, p+len(w)
		q = m[3]
	}
	q = text.SkipSpace(s, q)
	if q < len(s) && text.IsDigitByte(s[q]) {
		k := q
		for k < len(s) && text.IsDigitByte(s[k]) {
			k++
		}
		// 1,234,567: one to three digits and groups of three after
		// commas; all the groups, as fewer leave a comma next.
		if k-q <= 3 {
			e := k
			for e+4 <= len(s) && s[e] == ',' && text.DigitsUpTo(s, e+1, 3) == e+4 {
				e += 4
			}
			if e > k {
				if t, ok := countTail(s, e); ok {
					return t.into(m, q), true
				}
			}
		}
		if t, ok := countTail(s, k); ok {
			return t.into(m, q), true
		}
		return m, false
	}
	e := q
	for e < len(s) {
		r, n := utf8.DecodeRuneInString(s[e:])
		if !text.IsKanjiNumeral(r) {
			break
		}
		e += n
	}
	if e == q {
		return m, false
	}
	t, ok := countUnit(s, e)
	if !ok {
		return m, false
	}
	return t.into(m, q), true
}

// countEnd is where the parts of a count match after its number's digits
// are: the number's end, the unit, the qualifier after it (-1 when none)
// and the end of the match.
type countEnd struct {
	number                         int
	unit0, unit1, suffix0, suffix1 int
	end                            int
}

// into fills the offsets of a match of m whose number starts at q.
func (t countEnd) into(m [10]int, q int) [10]int {
	m[1] = t.end
	m[4], m[5] = q, t.number
	m[6], m[7] = t.unit0, t.unit1
	m[8], m[9] = t.suffix0, t.suffix1
	return m
}

// countTail matches, at i after a number's digits,
// (?:\.\d+)?(?:万(?:\d{1,4}|\d,\d{3})?)?(?:千)?\s*(unit)(suffix)?.
func countTail(s string, i int) (countEnd, bool) {
	if i+1 < len(s) && s[i] == '.' && text.IsDigitByte(s[i+1]) {
		i += 2
		for i < len(s) && text.IsDigitByte(s[i]) {
			i++
		}
	}
	if !strings.HasPrefix(s[i:], "万") {
		return countThousand(s, i)
	}
	w := i + len("万")
	d := w
	for d < len(s) && text.IsDigitByte(s[d]) {
		d++
	}
	if n := d - w; n >= 1 && n <= 4 {
		if t, ok := countThousand(s, d); ok {
			return t, true
		}
	}
	if text.DigitsUpTo(s, w, 1) == w+1 && w+1 < len(s) && s[w+1] == ',' && text.DigitsUpTo(s, w+2, 3) == w+5 {
		if t, ok := countThousand(s, w+5); ok {
			return t, true
		}
	}
	return countThousand(s, w)
}

// countThousand matches (?:千)?\s*(unit)(suffix)? at i.
func countThousand(s string, i int) (countEnd, bool) {
	if strings.HasPrefix(s[i:], "千") {
		i += len("千")
	}
	return countUnit(s, i)
}

// countUnit matches \s*(unit)(suffix)? at i, the end of the number.
func countUnit(s string, i int) (countEnd, bool) {
	t := countEnd{number: i, suffix0: -1, suffix1: -1}
	j := text.SkipSpace(s, i)
	// Most numbers are no count (5年, 1月): a unit's first rune tells
	// them without trying each unit.
	if j == len(s) || !countUnitStarts.has(firstRune(s, j)) {
		return t, false
	}
	u := firstPrefix(s[j:], countUnits)
	if u == "" {
		return t, false
	}
	t.unit0, t.unit1 = j, j+len(u)
	t.end = t.unit1
	if text.HasPrefixAny(s[t.end:], nameAfter) {
		return t, false // 「まちづくり1000人会」: a name, no count
	}
	if x := firstPrefix(s[t.end:], countSuffixes); x != "" {
		t.suffix0, t.suffix1 = t.end, t.end+len(x)
		t.end = t.suffix1
	}
	return t, true
}

// firstRune is the rune at i < len(s), decoded as utf8.DecodeRuneInString.
func firstRune(s string, i int) rune {
	r, _ := text.DecodeRuneAt(s, i)
	return r
}

// countPrefixAt is the word of the first group at p, "" when none: 最大で
// before 最大, as で? takes what it can. The words are tried only where
// one's first rune is: most counts start with their number.
func countPrefixAt(s string, p int) string {
	if !countPrefixStarts.has(firstRune(s, p)) {
		return ""
	}
	return firstPrefix(s[p:], countPrefixes)
}

// firstPrefix is the first of words that s opens with, or "".
func firstPrefix(s string, words []string) string {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}

// countMayStart reports whether a count match may start at p: at white
// space, a digit, a numeral or the first rune of a word of the first
// group.
func countMayStart(s string, p int) bool { return countMayStartWith(firstRune(s, p)) }

// countMayStartWith reports whether a count match may start with r.
func countMayStartWith(r rune) bool {
	if r < utf8.RuneSelf {
		return text.IsDigitByte(byte(r)) || text.IsSpaceByte(byte(r))
	}
	return countPrefixStarts.has(r) || text.IsKanjiNumeral(r)
}
