package organization

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/dates"
)

// The date leads that a title line or a sentence drops before its name,
// read by hand: the patterns they stand for (dateLeadRE, openerDateRE in
// trim_test.go, the oracle of TestTrimsAreReplaceAll and FuzzTrims) took
// a third of lineName's and dropOpeners' time on a one-sentence notice.
// Every optional part of them, when it is there but the rest does not
// follow, leaves text that the next part cannot begin with, so reading
// each part at most once, greedily, is what the patterns' backtracking
// finds.

// dateLeadEnd is the end of the date that opens s, its day optional (a
// signature's 「平成30年3月 山形県立中央病院 院長 …」),
// or a date written with dashes, slashes or dots (2025-12-25),
// `^(?:(?:(?:令和|平成|昭和)(?:\d{1,2}|元)|\d{4})年\d{1,2}月(?:\d{1,2}日)?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:\([^)]{1,4}\))?\s?`;
// -1 when s opens with none.
func dateLeadEnd(s string) int {
	if i := isoDateEnd(s); i >= 0 {
		i = parenthesisEnd(s, i, 4)
		return spaceEnd(s, i)
	}
	i := yearEnd(s)
	if i < 0 {
		return -1
	}
	if i = numberEnd(s, i, "月"); i < 0 {
		return -1
	}
	if day := numberEnd(s, i, "日"); day >= 0 {
		i = day
	}
	i = parenthesisEnd(s, i, 4)
	return spaceEnd(s, i)
}

// openerDateEnd is the end of the date and time that open s,
// `^(?:YEAR年)?\d{1,2}月\d{1,2}日(?:\([^)]{1,6}\))?(?:(?:午前|午後)?\d{1,2}時(?:\d{1,2}分)?(?:頃|ごろ)?)?(?:の?TIME_OF_DAY)?(?:END)?[、,]\s?`
// (TIME_OF_DAY: timesOfDay; END: openerDateEnds);
// -1 when s opens with none.
func openerDateEnd(s string) int {
	i := max(yearEnd(s), 0)
	if i = monthDayEnd(s, i); i < 0 {
		return -1
	}
	i = parenthesisEnd(s, i, 6)
	i = timeEnd(s, i)
	i = timeOfDayEnd(s, i)
	for _, p := range openerDateEnds { // 「令和5年6月21日付で、…」
		if strings.HasPrefix(s[i:], p) {
			i += len(p)
			break
		}
	}
	switch {
	case strings.HasPrefix(s[i:], "、"):
		i += len("、")
	case strings.HasPrefix(s[i:], ","):
		i++
	default:
		return -1
	}
	return spaceEnd(s, i)
}

// yearEnd is the end of `(?:(?:令和|平成|昭和)(?:\d{1,2}|元)|\d{4})年` at
// the start of s, -1 for none.
func yearEnd(s string) int {
	i := -1
	for _, era := range leadEras {
		if strings.HasPrefix(s, era) {
			i = len(era)
			break
		}
	}
	switch {
	case i < 0:
		if digitsAt(s, 0) != 4 {
			return -1
		}
		i = 4
	case strings.HasPrefix(s[i:], "元"):
		i += len("元")
	default:
		n := digitsAt(s, i)
		if n < 1 || n > 2 {
			return -1
		}
		i += n
	}
	return unitEnd(s, i, "年")
}

// isoDateEnd is the end of `\d{4}[-/.]\d{1,2}[-/.]\d{1,2}` that opens s,
// -1 for none.
func isoDateEnd(s string) int {
	if digitsAt(s, 0) != 4 || len(s) < 5 || !strings.ContainsRune("-/.", rune(s[4])) {
		return -1
	}
	i := 5
	n := digitsAt(s, i)
	if n < 1 || n > 2 || i+n >= len(s) || !strings.ContainsRune("-/.", rune(s[i+n])) {
		return -1
	}
	i += n + 1
	n = digitsAt(s, i)
	if n < 1 {
		return -1
	}
	return i + min(n, 2) // as the pattern reads 2025-12-251: its first two
}

// monthDayEnd is the end of `\d{1,2}月\d{1,2}日` at byte i of s, -1 for none.
func monthDayEnd(s string, i int) int {
	if i = numberEnd(s, i, "月"); i < 0 {
		return -1
	}
	return numberEnd(s, i, "日")
}

// numberEnd is the end of `\d{1,2}` and unit at byte i of s, -1 for none: a
// third digit cannot be the unit, so the run of digits is one or two long.
func numberEnd(s string, i int, unit string) int {
	n := digitsAt(s, i)
	if n < 1 || n > 2 {
		return -1
	}
	return unitEnd(s, i+n, unit)
}

// unitEnd is the end of unit at byte i of s, -1 when it is not there.
func unitEnd(s string, i int, unit string) int {
	if !strings.HasPrefix(s[i:], unit) {
		return -1
	}
	return i + len(unit)
}

// parenthesisEnd is the end of `\([^)]{1,most}\)` at byte i of s, or i
// when it is not there. The class counts an invalid byte as one rune, as
// utf8.DecodeRuneInString reads it.
func parenthesisEnd(s string, i, most int) int {
	if i >= len(s) || s[i] != '(' {
		return i
	}
	runes := 0
	for j := i + 1; j < len(s) && runes <= most; {
		if s[j] == ')' {
			if runes == 0 {
				return i
			}
			return j + 1
		}
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
		runes++
	}
	return i
}

// timeEnd is the end of `(?:(?:午前|午後)?\d{1,2}時(?:\d{1,2}分)?(?:頃|ごろ)?)?`
// at byte i of s.
func timeEnd(s string, i int) int {
	j := i
	if strings.HasPrefix(s[j:], "午前") || strings.HasPrefix(s[j:], "午後") {
		j += len("午前")
	}
	if j = numberEnd(s, j, "時"); j < 0 {
		return i
	}
	if k := numberEnd(s, j, "分"); k >= 0 {
		j = k
	}
	for _, about := range []string{"頃", "ごろ"} {
		if strings.HasPrefix(s[j:], about) {
			return j + len(about)
		}
	}
	return j
}

// timeOfDayEnd is the end of a time of day (timesOfDay), maybe after の,
// at byte i of s (「…31日の未明、」, 「…5日夜、」); i when none.
func timeOfDayEnd(s string, i int) int {
	j := i
	if strings.HasPrefix(s[j:], "の") {
		j += len("の")
	}
	for _, w := range timesOfDay {
		if strings.HasPrefix(s[j:], w) {
			return j + len(w)
		}
	}
	return i
}

// spaceEnd is the end of `\s?` at byte i of s: RE2's \s is [\t\n\f\r ].
func spaceEnd(s string, i int) int {
	if i < len(s) && strings.IndexByte("\t\n\f\r ", s[i]) >= 0 {
		return i + 1
	}
	return i
}

// digitsAt is the length of the run of ASCII digits at byte i of s.
func digitsAt(s string, i int) int {
	n := 0
	for i+n < len(s) && '0' <= s[i+n] && s[i+n] <= '9' {
		n++
	}
	return n
}

// publishedLabels are the labels of a notice's own date
// (dates/published_labels.tsv), the longest first: 「掲載日」 before 「掲載」.
var publishedLabels = func() []string {
	ws := slices.Clone(dates.PublishedLabels)
	slices.SortStableFunc(ws, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return ws
}()

// trimLabelledDate drops the date that s opens with, as trimDateLead does,
// and a label of the notice's own date before it, a colon and a space
// after the label (「掲載日:2025年12月25日 石川県警は」, 「date 2025-12-25
// 石川県警は」); s as it is when no date follows the label.
func trimLabelledDate(s string) string {
	for _, l := range publishedLabels {
		rest, ok := strings.CutPrefix(s, l)
		if !ok {
			continue
		}
		for _, c := range []string{":", "：", " "} {
			rest = strings.TrimPrefix(rest, c)
		}
		if d := trimDateLead(rest); d != rest {
			return d
		}
		break // the longest label that opens s: a shorter one leaves its tail
	}
	return trimDateLead(s)
}
