package dates

import (
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The three date patterns that most sentences reach — 2023年7月24日,
// 7月3日, 2023/6/5 — are matched by hand-written scanners rather than by
// regexps. The patterns have no literal prefix, so the regexp engine ran
// its backtracker from every position of every sentence, and that was the
// largest cost of reading dates. Each scanner finds exactly the matches,
// with the same submatch offsets, that FindAllStringSubmatchIndex finds
// with the pattern quoted in its comment: once its optional parts are
// taken or left, every pattern here can match at a position in one way
// only (a run of digits or white space it leaves is never the start of
// what comes next), so no backtracking is needed. datescan_test.go keeps
// the regexps and checks the scanners against them.

// kanjiDates yields the matches of
//
//	(?:(令和|平成|昭和)\s*(元|\d{1,2})\s*(?:[(]\s*(\d{4})\s*[)]\s*年|年(?:\s*[(]\s*(\d{4})\s*年?\s*[)])?)|(\d{4})\s*年(?:\s*[(]\s*(?:令和|平成|昭和)\s*(?:元|\d{1,2})\s*年?\s*[)])?)(?:\s*度)?\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?
//
// in s: 2023年7月24日, 令和5年(2023年)10月12日, 令和5(2023)年11月9日,
// 2018年(平成30年)2月22日, 令和元年5月1日, 2023年6月. Of a year written
// both ways the Western one is read (the era's is its gloss, or the gloss
// is the Western one).
func kanjiDates(s string) iter.Seq[[16]int] {
	return func(yield func([16]int) bool) {
		for p := 0; p < len(s); {
			// A match starts with a digit or an era name, whose first
			// byte eraPrefix checks.
			if c := s[p]; !text.IsDigitByte(c) && !eraFirstByte[c] {
				p++
				continue
			}
			m, ok := kanjiDateAt(s, p)
			if !ok {
				p++
				continue
			}
			if !yield(m) {
				return
			}
			p = m[1]
		}
	}
}

// kanjiDateAt matches the pattern of kanjiDates at p.
func kanjiDateAt(s string, p int) (m [16]int, ok bool) {
	for i := range m {
		m[i] = -1
	}
	m[0] = p
	var q int
	switch era := eraPrefix(s[p:]); {
	case era != "":
		m[2], m[3] = p, p+len(era)
		q = text.SkipSpace(s, m[3])
		if strings.HasPrefix(s[q:], "元") {
			m[4], m[5] = q, q+len("元")
		} else if e := text.DigitsUpTo(s, q, 2); e > q {
			m[4], m[5] = q, e
		} else {
			return m, false
		}
		q = text.SkipSpace(s, m[5])
		// The Western year in brackets before 年: 令和5(2023)年.
		if y, e := bracketedYear(s, q, false); y >= 0 {
			if n := text.SkipSpace(s, e); strings.HasPrefix(s[n:], "年") {
				m[6], m[7] = y, y+4
				q = n + len("年")
				break
			}
		}
		if !strings.HasPrefix(s[q:], "年") {
			return m, false
		}
		q += len("年")
		// The Western year in brackets after it: (2023年).
		if y, e := bracketedYear(s, text.SkipSpace(s, q), true); y >= 0 {
			m[8], m[9] = y, y+4
			q = e
		}
	case text.IsDigitByte(s[p]):
		if text.DigitsUpTo(s, p, 4) != p+4 {
			return m, false
		}
		m[10], m[11] = p, p+4
		q = text.SkipSpace(s, p+4)
		if !strings.HasPrefix(s[q:], "年") {
			return m, false
		}
		q += len("年")
		q = skipEraGloss(s, q)
	default:
		return m, false
	}
	if d := text.SkipSpace(s, q); strings.HasPrefix(s[d:], "度") {
		q = d + len("度")
	}
	month, day, end, ok := monthDayAt(s, q)
	if !ok {
		return m, false
	}
	m[12], m[13] = month[0], month[1]
	m[14], m[15] = day[0], day[1]
	m[1] = end
	return m, true
}

// bracketedYear reads a Western year in brackets at q, 「(2023)」, or with
// 年 in them too where withNen (「(2023年)」): where its digits begin and
// where the bracket ends, or -1 and q.
func bracketedYear(s string, q int, withNen bool) (year, end int) {
	if q >= len(s) || s[q] != '(' {
		return -1, q
	}
	y := text.SkipSpace(s, q+1)
	if text.DigitsUpTo(s, y, 4) != y+4 {
		return -1, q
	}
	e := text.SkipSpace(s, y+4)
	if withNen && strings.HasPrefix(s[e:], "年") {
		e = text.SkipSpace(s, e+len("年"))
	}
	if e >= len(s) || s[e] != ')' {
		return -1, q
	}
	return y, e + 1
}

// skipEraGloss returns where the era year glossing a Western one ends,
// 「2018年(平成30年)」's 「(平成30年)」 at q, or q when there is none.
func skipEraGloss(s string, q int) int {
	b := text.SkipSpace(s, q)
	if b >= len(s) || s[b] != '(' {
		return q
	}
	e := text.SkipSpace(s, b+1)
	era := eraPrefix(s[e:])
	if era == "" {
		return q
	}
	e = text.SkipSpace(s, e+len(era))
	switch {
	case strings.HasPrefix(s[e:], "元"):
		e += len("元")
	case text.DigitsUpTo(s, e, 2) > e:
		e = text.DigitsUpTo(s, e, 2)
	default:
		return q
	}
	e = text.SkipSpace(s, e)
	if strings.HasPrefix(s[e:], "年") {
		e = text.SkipSpace(s, e+len("年"))
	}
	if e < len(s) && s[e] == ')' {
		return e + 1
	}
	return q
}

// eraPrefix is the era name s opens with, or "".
func eraPrefix(s string) string {
	if s == "" || !eraFirstByte[s[0]] {
		return ""
	}
	for _, e := range kanjiEras {
		if strings.HasPrefix(s, e) {
			return e
		}
	}
	return ""
}

// shortDates yields the matches of
//
//	(同年|本年|今年|昨年|翌年|前年|同)?\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?
//
// in s: 7月3日, 同年6月30日, 本年5月7日, 昨年12月.
func shortDates(s string) iter.Seq[[8]int] {
	return func(yield func([8]int) bool) {
		for p := 0; p < len(s); {
			// A match starts with a digit, white space or one of 同, 本,
			// 今, 昨, 翌, 前, whose first bytes relYearPrefix checks.
			if c := s[p]; !text.IsDigitByte(c) && !text.IsSpaceByte(c) && !relYearFirstByte[c] {
				p++
				continue
			}
			m, ok := shortDateAt(s, p)
			switch {
			case ok:
				if !yield(m) {
					return
				}
				p = m[1]
			case text.IsSpaceByte(s[p]):
				// Every position of a run of white space reaches the
				// same digits after it: all fail as this one did.
				p = text.SkipSpace(s, p)
			default:
				p++
			}
		}
	}
}

// shortDateAt matches the pattern of shortDates at p.
func shortDateAt(s string, p int) (m [8]int, ok bool) {
	m = [8]int{p, -1, -1, -1, -1, -1, -1, -1}
	q := p
	if rel := relYearPrefix(s[p:]); rel != "" {
		// With 同年 taken, 同 alone leaves 年 where a digit must be, and no
		// prefix leaves 同: neither can match where this fails.
		m[2], m[3] = p, p+len(rel)
		q = m[3]
	} else if !text.IsDigitByte(s[p]) && !text.IsSpaceByte(s[p]) {
		return m, false
	}
	month, day, end, ok := monthDayAt(s, q)
	if !ok {
		return m, false
	}
	m[4], m[5] = month[0], month[1]
	m[6], m[7] = day[0], day[1]
	m[1] = end
	return m, true
}

// relYearPrefix is the word of dates/relative_years.tsv (同年, 本年, …, 同)
// that s opens with, the first in the file's order, or "".
func relYearPrefix(s string) string {
	if s == "" || !relYearFirstByte[s[0]] {
		return ""
	}
	for _, w := range relYearWords {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}

// monthDayAt matches \s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)? at q, the end
// of both date patterns, giving the month's and the day's offsets (-1 when
// no day is written) and where the match ends. Three digits before 月 or
// 日 fail: neither one nor two of them is followed by it.
func monthDayAt(s string, q int) (month, day [2]int, end int, ok bool) {
	day = [2]int{-1, -1}
	q = text.SkipSpace(s, q)
	e := text.DigitsUpTo(s, q, 2)
	if e == q {
		return month, day, 0, false
	}
	month = [2]int{q, e}
	q = text.SkipSpace(s, e)
	if !strings.HasPrefix(s[q:], "月") {
		return month, day, 0, false
	}
	end = q + len("月")
	d := text.SkipSpace(s, end)
	if e := text.DigitsUpTo(s, d, 2); e > d {
		if t := text.SkipSpace(s, e); strings.HasPrefix(s[t:], "日") {
			day = [2]int{d, e}
			end = t + len("日")
		}
	}
	return month, day, end, true
}

// numDates yields the matches of
//
//	(?:^|[^\d.\-/])((?:19|20)\d{2})([/\-]|\. ?)(\d{1,2})([/\-]|\. ?)(\d{1,2})(?:[^\d]|$)
//
// in s: 2023/6/5, 2023.6.5, 2023-06-05, 2023. 6. 5. A match takes the character before
// the year and the one after the day, so two dates with one space between
// them are one match: the second begins where the first ended and has no
// character of its own before it.
func numDates(s string) iter.Seq[[12]int] {
	return func(yield func([12]int) bool) {
		// A match starts at the start of the text, with its year, or at
		// the rune before its year: the scan looks for years, from the
		// first after the rune where the last match ended.
		for from, y := 0, 0; y < len(s); y++ {
			if s[y] != '1' && s[y] != '2' {
				continue
			}
			var m [12]int
			var ok bool
			if y == 0 {
				m, ok = numDateFrom(s, 0, 0)
			} else if r, n := utf8.DecodeLastRuneInString(s[from:y]); !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '/') {
				m, ok = numDateFrom(s, y-n, y)
			} else if y-3 >= from && s[y-3:y] == "..." {
				// A search result's snippet: 「…お詫び …2008/04/18」, its … made
				// ... by NFKC; one . is a number's or a version's.
				m, ok = numDateFrom(s, y-3, y)
			}
			if !ok {
				continue
			}
			if !yield(m) {
				return
			}
			from, y = m[1], m[1] // the year after the next rune at the earliest
		}
	}
}

// numDateFrom matches the pattern of numDates from its year at y, for a
// match that starts at p.
func numDateFrom(s string, p, y int) (m [12]int, ok bool) {
	if !strings.HasPrefix(s[y:], "19") && !strings.HasPrefix(s[y:], "20") || text.DigitsUpTo(s, y, 4) != y+4 {
		return m, false
	}
	m[0], m[2], m[3] = p, y, y+4
	q := y + 4
	for _, g := range []int{4, 8} { // separator, then one or two digits, twice
		if q >= len(s) || !isDateSep(s[q]) {
			return m, false
		}
		sepEnd := q + 1
		if s[q] == '.' && sepEnd < len(s) && s[sepEnd] == ' ' {
			sepEnd++ // 2019. 11. 25: a dot and a space, as some sites set dates
		}
		m[g], m[g+1] = q, sepEnd
		e := text.DigitsUpTo(s, sepEnd, 2)
		if e == sepEnd {
			return m, false
		}
		m[g+2], m[g+3] = sepEnd, e
		q = e
	}
	// The month's digits must end at a separator, as checked; the day's
	// at the end of the text or a rune that is no digit, which the match
	// takes.
	if q < len(s) {
		if text.IsDigitByte(s[q]) {
			return m, false
		}
		_, n := utf8.DecodeRuneInString(s[q:])
		q += n
	}
	m[1] = q
	return m, true
}

func isDateSep(b byte) bool { return b == '/' || b == '.' || b == '-' }
