package timeline

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The timeline reads every date's clause several times over (the short
// clause, each comma piece, the clause to the next date, the sentence), so
// the tests it runs on a clause are its largest cost. These are the same
// tests done cheaply: a regexp runs only when the text holds what each of
// its matches must, and the patterns that are only a choice of literals
// are scans. ReplaceAllString allocates its result even when nothing
// matches, so the replacements are skipped when nothing can.

// withoutLongQuotes is longQuoteRE.ReplaceAllString(s, "「」"); every match
// opens with 「.
func withoutLongQuotes(s string) string {
	if !text.ContainsWord(s, "「") {
		return s
	}
	return longQuoteRE.ReplaceAllString(s, "「」")
}

// trimWeekdayLead is weekdayLeadRE.ReplaceAllString(s, ""). The pattern is
// anchored at the start of s, so it removes one match there at most, and
// that match begins, after white space, with "(" or a day's name.
func trimWeekdayLead(s string) string {
	t := text.SkipSpace(s, 0)
	if t == len(s) {
		return s
	}
	if r, _ := utf8.DecodeRuneInString(s[t:]); r != '(' && !strings.ContainsRune(weekdayRunes, r) {
		return s
	}
	if loc := weekdayLeadRE.FindStringIndex(s); loc != nil {
		return s[loc[1]:]
	}
	return s
}

// timeLeadRE is timeRE anchored at the start of the text: the leftmost
// match of timeRE starts at 0 exactly when timeLeadRE matches, and then
// the two are the same match.
var timeLeadRE = regexp.MustCompile(`^(?:` + timeRE.String() + `)`)

// timeLead is the length of the time of day s opens with (timeRE), 0 when
// none: it opens with a digit or a clock word of dates/times_of_day.tsv (午前).
func timeLead(s string) int {
	if s == "" || !text.IsDigitByte(s[0]) && !text.HasPrefixAny(s, dates.ClockTimes) {
		return 0
	}
	if loc := timeLeadRE.FindStringIndex(s); loc != nil {
		return loc[1]
	}
	return 0
}

// clauseBoundary is where the clause a date governs ends in s, -1 when it
// does not: at a comma, the end of a reported content (…旨の連絡, …との
// 報告), a contrast (…たが、), a result (…したところ). It is the first
// match of clauseBoundaryRE (eventscan_test.go), the first of the
// boundary words of timeline/clause_words.tsv. (A word's first byte is
// ASCII or starts a rune wherever it is.)
func clauseBoundary(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '(' {
			i = asideEnd(s, i)
			continue
		}
		if boundaryFirstByte[s[i]] && text.HasPrefixAny(s[i:], boundaryWords) {
			return i
		}
	}
	return -1
}

// asideEnd is where the bracketed aside that opens at s[i] closes: a
// comma inside 「受給者証(以下、受給者証)を交付する際、」 ends no clause. A
// bracket that does not close is no aside: i itself.
func asideEnd(s string, i int) int {
	if j := strings.IndexByte(s[i+1:], ')'); j >= 0 {
		return i + 1 + j
	}
	return i
}

// nextComma is where the first 、 or , of s is and its length, -1 and 0
// when there is none.
func nextComma(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '(':
			i = asideEnd(s, i)
		case s[i] == ',':
			return i, 1
		case s[i] == 0xE3 && strings.HasPrefix(s[i:], "、"):
			return i, len("、")
		}
	}
	return -1, 0
}

// dateLineRunes are the runes that may be left of a sentence once its
// dates are cut out, when it holds nothing but dates: what dateOnlyRE
// allows, and what stripMentions removes — weekdays, times, and the
// characters trimmed at the ends.
var dateLineRunes = " \t\n\f\r0123456789.()【】[]" + strings.Join(text.BulletMarks, "") + strings.Join(text.HeadingMarks(), "") + strings.Join(text.OtherMarks, "") + weekdayRunes + "曜" + strings.Join(dates.ClockTimes, "") + "時分:" + strings.Join(dates.TimeMarks, "") + "~、,"

// dateLineRuneSet holds dateLineRunes, for dateOnlyLine to ask of each
// rune of a line without scanning the string.
var dateLineRuneSet = text.NewRuneSet(dateLineRunes)

// weekdayRunes are the runes of the weekday names (dates/weekdays.tsv).
var weekdayRunes = strings.Join(dates.WeekdayNames, "")

// dateOnlyLine reports whether s, whose date mentions are ms, holds
// nothing but its dates, weekdays, times and the separators of its ranges
// (から between two dates): dateOnlyRE matches what
// stripMentions leaves. A rune outside the mentions that is not among
// dateLineRunes is left by stripMentions and refused by dateOnlyRE, so the
// string is built only for lines of those runes alone. (Bytes that are no
// valid UTF-8 might join across a cut-out date: they refuse nothing.)
func dateOnlyLine(s string, ms []dates.Mention) bool {
	prev := 0
	for k := 0; k <= len(ms); k++ {
		end := len(s)
		if k < len(ms) {
			end = ms[k].Start
			if ms[k].RangeEnd { // 「…5月19日午前0時から5月23日…」: から joins two dates
				end = prev + len(dates.CutRangeSeparator(s[prev:end]))
			}
		}
		for _, r := range s[prev:end] {
			if r != utf8.RuneError && !dateLineRuneSet.Has(r) {
				return false
			}
		}
		if k < len(ms) {
			prev = ms[k].End
		}
	}
	return dateOnlyRE.MatchString(stripMentions(s, ms))
}

// datesThenAside reports whether s holds nothing but dates (as
// dateOnlyLine reads them) up to a bracketed aside that ends it:
// 「平成23年2月9日(水)午後5時30分(送信は午後5時3分)」. It returns where
// the aside opens.
func datesThenAside(s string, ms []dates.Mention) (int, bool) {
	if !strings.HasSuffix(s, ")") {
		return 0, false
	}
	open := strings.LastIndex(s, "(")
	if open <= 0 || strings.Contains(s[open:], "。") {
		return 0, false
	}
	n := 0
	for n < len(ms) && ms[n].End <= open {
		n++
	}
	if n == 0 || !dateOnlyLine(s[:open], ms[:n]) {
		return 0, false
	}
	return open, true
}

// datesThenLength reports whether s holds nothing but dates (as
// dateOnlyLine reads them) up to a length of time that ends it
// (date_line_tails.tsv): 「2023年6月9日(金)午後1時00分から6月22日(木)午後
// 11時11分の約14日間」. It returns where the length begins.
func datesThenLength(s string, ms []dates.Mention) (int, bool) {
	if len(ms) == 0 {
		return 0, false
	}
	// The length starts after the last date's weekday and time, within
	// the line's last lengthTailBytes bytes: a length is a few words.
	const lengthTailBytes = 48
	from := max(ms[len(ms)-1].End, len(s)-lengthTailBytes)
	for k := from; k < len(s); k++ {
		if !utf8.RuneStart(s[k]) || !lengthOfTime(s[k:]) && !periodEnd(s[k:]) {
			continue
		}
		if dateOnlyLine(s[:k], ms) {
			return k, true
		}
		break // the first length found ends the line, or none does
	}
	return 0, false
}

// periodEnd reports whether s is a word alone that ends a line of a
// period (date_line_tails.tsv end): 「…から令和7年7月11日まで」.
func periodEnd(s string) bool {
	return slices.Contains(dateLineTails["end"], strings.TrimSpace(s))
}

// lengthOfTime reports whether s is a length of time as date_line_tails.tsv
// writes one: lead words, a number, a unit, maybe a closing bracket.
func lengthOfTime(s string) bool {
	for {
		n := text.LongestPrefix(s, dateLineTails["lead"])
		if n == 0 {
			break
		}
		s = s[n:]
	}
	digits := 0
	for digits < len(s) && text.IsDigitByte(s[digits]) {
		digits++
	}
	if digits == 0 {
		return false
	}
	s = s[digits:]
	unit := text.LongestPrefix(s, dateLineTails["unit"])
	if unit == 0 {
		return false
	}
	rest := strings.TrimSpace(s[unit:])
	return rest == "" || rest == ")"
}

// incomingReportAtRE is incomingReportRE anchored at the start of the text.
var incomingReportAtRE = regexp.MustCompile(`^(?:` + incomingReportRE.String() + `)`)

// incomingReport is incomingReportRE.MatchString(s). Every match opens
// with から or より, and the pattern runs, anchored, from those alone: it
// asserts nothing about what comes before, and its $ is the end of s in
// any suffix of s. From every position its [^、。]{0,24} made the
// backtracker's work large.
func incomingReport(s string) bool {
	for i := 0; i < len(s); i++ {
		if fromFirstByte[s[i]] && text.HasPrefixAny(s[i:], fromWords) && incomingReportAtRE.MatchString(s[i:]) {
			return true
		}
	}
	return false
}

// embeddedAt is where s first tells that something was found — "…したこと
// が判明した" — so that a date before it, inside the embedded clause, is
// the day of what was found, not of the finding; -1 when it does not. It
// is the first match of embeddedRE (eventscan_test.go): こと or の, then が
// or を, then a verb of timeline/found_verbs.tsv.
func embeddedAt(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] != 0xE3 { // the first byte of こ and の
			continue
		}
		j := i
		switch {
		case strings.HasPrefix(s[i:], "こと"):
			j += len("こと")
		case strings.HasPrefix(s[i:], "の"):
			j += len("の")
		default:
			continue
		}
		if text.HasPrefixAny(s[j:], []string{"が", "を"}) && text.HasPrefixAny(s[j+len("が"):], foundVerbs) {
			return i
		}
	}
	return -1
}

// confirmedAt reports whether the found verb after the embedded clause
// that ends at i (embeddedAt) is one of timeline/found_event.tsv confirm
// (確認) made that day, which dates the finding too: with を, or with が
// after what was going on (found_event.tsv ongoing).
func confirmedAt(s string, i int) bool {
	rest := s[i:]
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "こと"), "の")
	object := strings.HasPrefix(rest, "を")
	rest = rest[len("が"):] // が and を are of one length
	if !text.HasPrefixAny(rest, foundEvent.confirm) {
		return false
	}
	// 「…発生したことを確認いたしました」 (the body confirmed it), or
	// 「…送信されていることが確認されました」 (going on as it was seen); not
	// 「…3月8日に窃取されたことが確認されました」, an inquiry's finding of
	// a past day.
	return object || text.HasSuffixAny(s[:i], foundEvent.ongoing)
}

// mayBeScope reports whether clause opens, after white space, as a match
// of scopeRE or shareRE must: with "(", a digit (a clock time), a scope
// word (まで, 以前) or a share word (分の).
func mayBeScope(clause string) bool {
	c := clause[text.SkipSpace(clause, 0):]
	return strings.HasPrefix(c, "(") || c != "" && text.IsDigitByte(c[0]) || text.HasPrefixAny(c, scopeWords) ||
		text.HasPrefixAny(c, shareWords)
}

// mayStartPeriod reports whether clause opens, after white space, as a
// match of periodStartRE must: with "(", a time (a period word of
// dates/times_of_day.tsv, a digit) or a period_start word (以降, から).
func mayStartPeriod(clause string) bool {
	c := clause[text.SkipSpace(clause, 0):]
	return c != "" && text.IsDigitByte(c[0]) || strings.HasPrefix(c, "(") || text.HasPrefixAny(c, dates.PeriodTimes) || text.HasPrefixAny(c, periodStartWords)
}
