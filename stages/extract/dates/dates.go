package dates

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// Mention is one date written in a sentence, before its year is
// resolved. Year is 0 when the text gives none; Day is 0 for a month only
// (4月頃, 6月上旬), which names no day.
type Mention struct {
	Start, End int // byte offsets in the sentence
	Year       int
	Month, Day int
	Rel        string // 同年, 本年, 今年, 昨年, 翌年, 前年 before a year-less date
	Weekday    int    // 0 = Sunday … 6, or -1 when no weekday is written
	RangeEnd   bool   // the second date of a range (a~b, aからbまで)
	// EraBase is the era's base year when the year is written as an era's
	// (令和5年: 2018), 0 otherwise; ShortYear a year of one or two digits
	// written with no era (「6年3月1日」 after 令和5年, news' 「13年10月25
	// 日」), which YearContext reads in the last era written, else as 20xx.
	EraBase, ShortYear int
	// Bare marks a day written with no month, made a date by its weekday
	// or a time of day (「12日(月)早朝」, bareDays); Rel is then 同月.
	Bare bool
	// Period marks a year's month with no day that bounds a period of the
	// data: it opens or closes a range (2009年4月から2013年3月まで), or a
	// word of dates/period_marks.tsv follows it (2011年11月分). It gives
	// no year to the dates after it (YearContext).
	Period bool
}

// The patterns of 2023年7月24日, 7月3日 and 2023/6/5 are matched by the
// scanners of datescan.go; R5.7.3 and the rest by these regexps.
var (
	// R5.7.3, H30.3.19, H.18.10.5.
	eraNumRE = regexp.MustCompile(`(?:^|[^A-Za-z])(` + eraClass() + `)\.?\s*(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{1,2})(?:[^\d]|$)`)
	// 平成18.10.5, 令和元.5.1: an era's name before numbers so written.
	kanjiEraNumRE = regexp.MustCompile(`(` + text.OrderedAlternation(kanjiEras) + `)\s*(元|\d{1,2})[.\-/](\d{1,2})[.\-/](\d{1,2})(?:[^\d]|$)`)
	weekdayOfRE   = regexp.MustCompile(`^の(` + WeekdayAlt() + `)曜日`)
	weekdayRE     = regexp.MustCompile(`^\s*[(]\s*(` + WeekdayAlt() + `)(?:曜日?)?\s*(?:・?祝)?\s*[)]`)
	rangeSepRE    = regexp.MustCompile(`^\s*(?:[(][^)]{0,20}[)])?\s*` + text.OrderedAlternation(RangeTimeMarks) + `?\s*` + text.OrderedAlternation(RangeTimes) + `?\s*(?:\d{1,2}[時:]\d{0,2}分?` + text.OrderedAlternation(RangeTimeMarks) + `?)?\s*` + text.OrderedAlternation(rangeSeparators) + `\s*[、,]?\s*$`)
)

// eraNumMention is the date of m, a match in s of eraNumRE or
// kanjiEraNumRE: an era, its year (元 the first), a month and a day.
func eraNumMention(s string, m []int) Mention {
	base := eras[s[m[2]:m[3]]]
	n := 1 // 元年
	if y := s[m[4]:m[5]]; y != "元" {
		n, _ = strconv.Atoi(y)
	}
	mo, _ := strconv.Atoi(s[m[6]:m[7]])
	d, _ := strconv.Atoi(s[m[8]:m[9]])
	return Mention{Start: m[2], End: m[9], Year: base + n, Month: mo, Day: d, EraBase: base}
}

// kanjiNumDateRE: 令和五年七月三日, 平成三十年十二月, 二〇二三年七月三日, 同年七月三日.
var kanjiNumDateRE = regexp.MustCompile(`(?:(` + text.OrderedAlternation(kanjiEras) + `)(元|[一二三四五六七八九十]{1,3})年|([〇一二三四五六七八九]{4})年|(` + text.OrderedAlternation(relYearKanji) + `)?)` +
	`([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?`)

// slashDayRE: "8/19 医師が…" — a month and day with no year opening a
// line of a timeline (not a fraction inside a sentence, nor 1/3の…, 2/5ページ).
var slashDayRE = regexp.MustCompile(`^[\s・•\-*]*(\d{1,2})/(\d{1,2})(?:[(]` + WeekdayAlt() + `[)])?(?:[^\d/.:%~\-のを程以倍ペ頁]|$)`)

// inlineSlashDayRE: a month and day with no year inside a sentence, where
// what follows makes it a day — a weekday in brackets, or に or 頃 right
// after it (「パソコンが3/15にウイルスに感染し」) — and no digit, slash, dot
// or colon stands before it (2023/3/15, 12:3/4). A fraction inside a
// sentence (1/3の, 1/3に減少) is what the rest rules out: a month above 12
// or a day above 31 is no date, and 1/3に is read as January 3rd only
// where a weekday or a verb of an event would follow anyway.
var inlineSlashDayRE = regexp.MustCompile(`(?:^|[^\d/.:])(\d{1,2})/(\d{1,2})(?:[(]` + WeekdayAlt() + `(?:曜日?)?[)]|に|頃|ごろ)`)

// slashDayMayOpen reports whether s opens as every match of slashDayRE
// does: past white space and the marks of a list item, one or two digits
// and a slash. A digit before a separator (digitSep) is in many sentences
// (a phone number, 2023/6/5 inside a sentence), a line opening with a
// month and day in few.
func slashDayMayOpen(s string) bool {
	i := 0
	for i < len(s) {
		if b := s[i]; text.IsSpaceByte(b) || b == '-' || b == '*' {
			i++
		} else if strings.HasPrefix(s[i:], "・") {
			i += len("・")
		} else if strings.HasPrefix(s[i:], "•") {
			i += len("•")
		} else {
			break
		}
	}
	if i == len(s) || !text.IsDigitByte(s[i]) {
		return false
	}
	if i++; i < len(s) && text.IsDigitByte(s[i]) {
		i++
	}
	return i < len(s) && s[i] == '/'
}

// bareDays finds days with no month — one or two digits before 日, not
// right after another digit, 月, a date separator or 第, and followed by a
// weekday in brackets, a time of day (maybe after の) or a particle of
// dates/bare_day_particles.tsv (20日に). It walks back from each 日 rather
// than running a regexp, which has no literal to anchor on here.
func bareDays(s string) []Mention {
	var out []Mention
	for from := 0; ; {
		i := text.IndexWord(s[from:], "日")
		if i < 0 {
			return out
		}
		i += from
		from = i + len("日")
		j := i
		for j > 0 && i-j < 2 && text.IsDigitByte(s[j-1]) {
			j--
		}
		if j == i {
			// A day in kanji (「十四日に」, 「九日、」), as an older notice
			// writes it: not after another kanji (数日, 毎日, 五十日 read
			// whole), and not 一日 (一日も早く, 一日中).
			j = kanjiDayStart(s, i)
			if j == i || s[j:i] == "一" {
				continue
			}
		} else if j > 0 && text.IsDigitByte(s[j-1]) {
			continue
		}
		if before, _ := utf8.DecodeLastRuneInString(s[:j]); j > 0 && strings.ContainsRune("月/.-第", before) {
			continue // (第2日: an ordinal, no day of a month)
		}
		after := strings.TrimLeft(s[from:], " ")
		end, weekday := -1, -1
		w := weekdayRE.FindStringSubmatchIndex(after)
		if w == nil {
			w = weekdayOfRE.FindStringSubmatchIndex(after) // 「27日の土曜日に」: the weekday written out after の
		}
		if w != nil {
			end = from + (len(s[from:]) - len(after)) + w[1]
			weekday = weekdays[after[w[2]:w[3]]]
		} else {
			// A time of day, maybe after の (「13日の午後10時ごろ」).
			timeAt := strings.TrimPrefix(after, "の")
			for _, mark := range dayMarks {
				if strings.HasPrefix(timeAt, mark) {
					end = from + (len(s[from:]) - len(timeAt)) + len(mark)
					break
				}
			}
			if end < 0 && text.HasPrefixAny(after, bareDayParticles) && !text.HasPrefixAny(after, bareDayNot) {
				end = from // 「その後20日に顧客から…」: the particle is no part of the date
			}
			if end < 0 && commaDay(s[:j], after) {
				end = from // 「担当者が3日、…送信」
			}
		}
		if end < 0 {
			continue
		}
		if d, ok := parseDayNumber(s[j:i]); ok {
			out = append(out, Mention{Start: j, End: end, Day: d, Rel: "同月", Weekday: weekday, Bare: true})
		}
	}
}

// commaDay reports whether a bare day between before and after is a date
// by the comma after it (dates/bare_day_particles.tsv comma): the word
// before it is one of comma_after, and no comma_not word follows the comma.
func commaDay(before, after string) bool {
	for _, c := range bareDayComma {
		if rest, ok := strings.CutPrefix(after, c); ok {
			return text.HasSuffixAny(before, bareDayCommaAfter) && !text.HasPrefixAny(strings.TrimLeft(rest, " "), bareDayCommaNot)
		}
	}
	return false
}

// kanjiDayStart is where a day number in kanji numerals (一…十, at most
// three) that ends at i begins, when no other kanji stands right before
// it; i when none does.
func kanjiDayStart(s string, i int) int {
	j, n := i, 0
	for j > 0 && n < 3 {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !text.IsKanjiDigit(r) {
			break
		}
		j -= size
		n++
	}
	if j == i {
		return i
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:j]); j > 0 && (unicode.Is(unicode.Han, r) || text.IsDigitByte(s[j-1]) || r == '々') {
		return i
	}
	return j
}

// sameMonthRE: 同月5日, 同月五日 — the month of the date before; 翌11日 —
// the next such day after it (a later day of that month, or of the next);
// 翌月5日 — the month after; 今月20日 — the month of the notice's date;
// 先月10日 — the month before it.
// A news gloss of the month may stand in brackets after 今月 or 先月:
// 「先月(9月)25日」.
var sameMonthRE = regexp.MustCompile(`(同月|翌月|翌|今月|先月)\s*(?:[(]\d{1,2}月[)])?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日`)

func parseDayNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 31
	}
	n, ok := text.ParseKanjiNumber(s)
	return int(n), ok && n >= 1 && n <= 31
}

// kanjiDigitsYear reads a year written digit by digit: 二〇二三.
func kanjiDigitsYear(s string) int {
	y := 0
	for _, r := range s {
		y = y*10 + int(text.KanjiDigits[r])
	}
	return y
}

// dateCues are the literals the date patterns need, found in one pass
// over s: each pattern is run only when s holds what every one of its
// matches must hold. None of the patterns has a literal prefix, so the
// regexp engine (or a scanner) tries every position of every sentence;
// most sentences hold no date, and these checks are what lets them go
// without that cost.
type dateCues struct {
	digit    bool // an ASCII digit (NFKC has made full-width digits ASCII)
	digitSep bool // a digit just before '/', '.' or '-': 2023/6/5, R5.7.3
	// digitTsuki and kanjiTsuki are where the last 月 after a number ends,
	// 0 when there is none: 月 after a digit and maybe white space (\s) for
	// kanjiDates and shortDates, 月 right after 一…十 for kanjiNumDateRE.
	// Those patterns end in such a 月 and maybe a day: no match ends past
	// the day after the last one, and the text after it is not searched.
	digitTsuki int
	kanjiTsuki int
	nen        bool // 年: kanjiDates
	kanjiDigit bool // 一…十: kanjiNumDateRE, sameMonthRE
	eraLetter  bool // an era letter (R, H, S): eraNumRE
	sameMonth  bool // 翌 or 同月: sameMonthRE
}

func scanDateCues(s string) dateCues { return scanCues(s, true) }

// cueRuneHeads has, for the first byte of each rune scanCues looks for (its
// low four bits), the bit of the rune's second byte (its low six): every
// one is of three bytes.
var cueRuneHeads = func() (heads [16]uint64) {
	for _, r := range "月年翌同今先一二三四五六七八九十" {
		b := utf8.AppendRune(nil, r)
		heads[b[0]&0x0F] |= 1 << (b[1] & 0x3F)
	}
	return heads
}()

// scanCues is scanDateCues; with passKana false it decodes every rune of
// three bytes, kana too (the oracle of the shortcut over the runes that
// are no cue).
func scanCues(s string, passKana bool) dateCues {
	var c dateCues
	afterDigit := false // the last rune but \s white space was a digit
	afterKanji := false // the last rune was one of 一…十
	afterDou := false   // the last rune was 同
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			i++
			afterDou = false
			switch {
			case text.IsDigitByte(b):
				c.digit = true
				if i < len(s) && (s[i] == '/' || s[i] == '.' || s[i] == '-') {
					c.digitSep = true
				}
				afterDigit, afterKanji = true, false
				continue
			case b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r':
				afterKanji = false
				continue
			case eraLetterByte[b]:
				c.eraLetter = true
			}
			afterDigit, afterKanji = false, false
			continue
		}
		// A rune of three bytes whose first two are no cue's (kana, the
		// marks of CJK text, most kanji) is no cue: the runs of text
		// between the numerals and the units are passed over without
		// decoding them. Three such bytes that are no valid rune are
		// passed over as decoding passes over each.
		if passKana && s[i]&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			cueRuneHeads[s[i]&0x0F]>>(s[i+1]&0x3F)&1 == 0 {
			i += 3
			afterDigit, afterKanji, afterDou = false, false, false
			continue
		}
		// Any rune but those of three bytes is one the cues pass over,
		// as they pass over each byte of one that is not valid.
		r, n := text.ThreeByteRune(s, i)
		i += n
		kanji, dou := false, false
		switch r {
		case '月':
			c.sameMonth = c.sameMonth || afterDou
			if afterDigit {
				c.digitTsuki = i
			}
			if afterKanji {
				c.kanjiTsuki = i
			}
		case '年':
			c.nen = true
		case '翌':
			c.sameMonth = true
		case '同', '今', '先':
			dou = true // 同月, 今月, 先月
		case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
			c.kanjiDigit, kanji = true, true
		}
		afterDigit, afterKanji, afterDou = false, kanji, dou
	}
	return c
}

// Find returns the dates written in s, in order, without overlaps.
func Find(s string) []Mention { return findCuedDates(s, scanDateCues(s)) }

// findCuedDates is Find with s's cues scanned; with every cue set it
// runs every pattern, as the tests do to check that the cues skip none.
func findCuedDates(s string, c dateCues) []Mention {
	if !c.digit && !c.kanjiDigit {
		return nil // every date has a number: digits or kanji numerals
	}
	// findAll runs re over s only when s holds the cues re needs.
	findAll := func(cued bool, re *regexp.Regexp) [][]int {
		if !cued {
			return nil
		}
		return re.FindAllStringSubmatchIndex(s, -1)
	}
	// findAllTo runs re over s up to end: re has no end-of-text assertion,
	// and none of its matches in s reaches past end, so cutting s there
	// changes no match. (Offsets stay those in s.)
	findAllTo := func(cued bool, end int, re *regexp.Regexp) [][]int {
		if !cued {
			return nil
		}
		return re.FindAllStringSubmatchIndex(s[:min(end, len(s))], -1)
	}
	// cuedTo is what a scanner searches: s up to end, as for findAllTo,
	// or "" when not cued.
	cuedTo := func(cued bool, end int) string {
		if !cued {
			return ""
		}
		return s[:min(end, len(s))]
	}
	// The mentions found, before they are ordered and the overlaps
	// dropped; a sentence holds few, and this buffer stays on the stack.
	var buf [8]Mention
	ms := buf[:0]
	digitEnd := dayAfter(s, c.digitTsuki, text.IsDigitOrSpace) // where kanjiDates and shortDates matches end at the latest
	for m := range kanjiDates(cuedTo(c.digitTsuki > 0 && c.nen, digitEnd)) {
		var y int
		switch {
		case m[6] >= 0: // 令和5(2023)年: the Western year in brackets is the one written out
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		case m[8] >= 0: // 令和5年(2023年)
			y, _ = strconv.Atoi(s[m[8]:m[9]])
		case m[2] >= 0:
			n := 1
			if v := s[m[4]:m[5]]; v != "元" {
				n, _ = strconv.Atoi(v)
			}
			y = eras[s[m[2]:m[3]]] + n
		default:
			y, _ = strconv.Atoi(s[m[10]:m[11]])
		}
		mo, _ := strconv.Atoi(s[m[12]:m[13]])
		d := 0
		if m[14] >= 0 {
			d, _ = strconv.Atoi(s[m[14]:m[15]])
		}
		dm := Mention{Start: m[0], End: m[1], Year: y, Month: mo, Day: d}
		if m[6] < 0 && m[8] < 0 && m[2] >= 0 {
			dm.EraBase = eras[s[m[2]:m[3]]]
		}
		ms = append(ms, dm)
	}
	for m := range numDates(cuedTo(c.digitSep, len(s))) {
		if s[m[4]:m[5]] != s[m[8]:m[9]] { // one separator throughout
			continue
		}
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[6]:m[7]])
		d, _ := strconv.Atoi(s[m[10]:m[11]])
		ms = append(ms, Mention{Start: m[2], End: m[11], Year: y, Month: mo, Day: d})
	}
	for _, m := range findAll(c.digitSep && c.eraLetter, eraNumRE) {
		ms = append(ms, eraNumMention(s, m))
	}
	for _, m := range findAll(c.digitSep && text.ContainsAny(s, kanjiEras), kanjiEraNumRE) {
		ms = append(ms, eraNumMention(s, m))
	}
	for m := range shortDates(cuedTo(c.digitTsuki > 0, digitEnd)) {
		if m[0] > 0 && text.IsDigitByte(s[m[0]-1]) {
			continue
		}
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d := 0
		if m[6] >= 0 {
			d, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		dm := Mention{Start: m[0], End: m[1], Month: mo, Day: d}
		if m[2] >= 0 {
			dm.Rel = s[m[2]:m[3]]
		}
		// "1か月", "3ヶ月" are durations, "第1四半期(4~6月)" a span: a bare
		// month with no day needs 頃/上旬… or a year to be a date.
		if d == 0 && dm.Rel == "" && !monthOnlyMark(s[m[1]:]) {
			// 「1969年4月から06年6月まで」: a short year's month that ends a
			// range is the period's end, which the range's start needs to
			// be read as a period (no year for the days after it).
			at, n := shortYearBefore(s[:m[0]])
			if n == 0 || !text.HasSuffixAny(strings.TrimRight(s[:at], " "), rangeSeparators) {
				continue
			}
			dm.Start, dm.ShortYear = at, n
		}
		if dm.Rel == "" && d != 0 {
			if at, n := shortYearBefore(s[:m[0]]); n > 0 {
				dm.Start, dm.ShortYear = at, n // 「6年3月1日」, 「13年10月25日」
				if base, ok := eraLetterBefore(s[:at]); ok {
					// 「H24年12月26日」: an era's letter writes the era
					// out, as 平成 would.
					dm.Start, dm.ShortYear, dm.Year, dm.EraBase = at-1, 0, base+n, base
				} else if mark := yearApostrophe(s[:at]); mark > 0 {
					// 「'20年9月3日」: the apostrophe writes a year of the
					// century out, as 2020 would.
					dm.Start, dm.ShortYear, dm.Year = at-mark, 0, NewsYear(n)
				}
			} else if at, y, base := bracketedYearBefore(s[:m[0]]); y != 0 {
				// 「去年(平成29年)1月10日」: news glosses a relative year
				// with the year in brackets, which the day is in.
				dm.Start, dm.Year, dm.EraBase = at, y, base
			}
		}
		ms = append(ms, dm)
	}
	if c.digitSep && slashDayMayOpen(s) {
		if m := slashDayRE.FindStringSubmatchIndex(s); m != nil {
			mo, _ := strconv.Atoi(s[m[2]:m[3]])
			d, _ := strconv.Atoi(s[m[4]:m[5]])
			if d >= 1 {
				ms = append(ms, Mention{Start: m[2], End: m[5], Month: mo, Day: d})
			}
		}
	}
	if c.digitSep {
		for _, m := range inlineSlashDayRE.FindAllStringSubmatchIndex(s, -1) {
			mo, _ := strconv.Atoi(s[m[2]:m[3]])
			d, _ := strconv.Atoi(s[m[4]:m[5]])
			if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
				ms = append(ms, Mention{Start: m[2], End: m[5], Month: mo, Day: d})
			}
		}
	}
	for _, m := range findAll(c.sameMonth, sameMonthRE) {
		d, ok := parseDayNumber(s[m[4]:m[5]])
		if !ok {
			continue
		}
		ms = append(ms, Mention{Start: m[0], End: m[1], Day: d, Rel: s[m[2]:m[3]]})
	}
	// A bare day after a dated sentence, made a date by its weekday, a
	// time of day or a particle: 「12日(月)早朝」, 「12日朝、職員が気付き」,
	// 「その後20日に…」. Without such a mark a bare 日 is too often a count
	// (3日間) to read as a date.
	if c.digit || c.kanjiDigit {
		ms = append(ms, bareDays(s)...)
	}
	for _, m := range findAllTo(c.kanjiTsuki > 0, dayAfter(s, c.kanjiTsuki, text.IsKanjiDigit), kanjiNumDateRE) {
		var y int
		switch {
		case m[2] >= 0:
			n := 1
			if v := s[m[4]:m[5]]; v != "元" {
				k, _ := text.ParseKanjiNumber(v)
				n = int(k)
			}
			y = eras[s[m[2]:m[3]]] + n
		case m[6] >= 0:
			y = kanjiDigitsYear(s[m[6]:m[7]])
		}
		mo, _ := text.ParseKanjiNumber(s[m[10]:m[11]])
		var d int64
		if m[12] >= 0 {
			d, _ = text.ParseKanjiNumber(s[m[12]:m[13]])
		}
		dm := Mention{Start: m[0], End: m[1], Year: y, Month: int(mo), Day: int(d)}
		if m[2] < 0 && m[6] < 0 {
			if m[8] >= 0 {
				dm.Rel = s[m[8]:m[9]]
			}
			if d == 0 {
				continue // 三月 alone is no date
			}
		}
		ms = append(ms, dm)
	}
	slices.SortStableFunc(ms, func(a, b Mention) int {
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		return cmp.Compare(b.End, a.End)
	})
	var out []Mention
	for _, m := range ms {
		if (m.Month < 1 && !dayOnly(m.Rel)) || m.Month > 12 || m.Day > 31 {
			continue
		}
		if n := len(out); n > 0 && m.Start < out[n-1].End {
			continue // inside a longer match already taken
		}
		if !m.Bare {
			m.Weekday = -1 // a bare day's weekday is inside it
		}
		// A weekday opens with "(" after white space.
		if w := text.SkipSpace(s, m.End); w < len(s) && s[w] == '(' {
			if w := weekdayRE.FindStringSubmatch(s[m.End:]); w != nil {
				m.Weekday = weekdays[w[1]]
			}
		}
		if n := len(out); n > 0 && rangeSepRE.MatchString(afterMonthMark(s[out[n-1].End:m.Start], out[n-1])) {
			m.RangeEnd = true
			if prev := &out[n-1]; prev.Day == 0 && prev.Year != 0 {
				prev.Period = true // 「2009年4月から」 opens a period
			}
		}
		if m.Day == 0 && (m.Year != 0 || m.ShortYear != 0) && (m.RangeEnd || text.HasPrefixAny(s[m.End:], periodMarks)) {
			m.Period = true
		}
		if out == nil {
			out = make([]Mention, 0, len(ms))
		}
		out = append(out, m)
	}
	return out
}

// shortYearBefore reads a year of one or two digits written right before
// a month (「6年」 of 「6年3月1日」): where it starts in before and its
// number, or 0 when before ends with none (a longer number is a year
// written out, matched as one; a digit's run longer than two is no such
// year).
func shortYearBefore(before string) (int, int) {
	t := strings.TrimRight(before, " ")
	t, ok := strings.CutSuffix(t, "年")
	if !ok {
		return 0, 0
	}
	t = strings.TrimRight(t, " ")
	i := len(t)
	for i > 0 && text.IsDigitByte(t[i-1]) {
		i--
	}
	if n := len(t) - i; n == 0 || n > 2 {
		return 0, 0
	}
	y, _ := strconv.Atoi(t[i:])
	if y == 0 {
		return 0, 0
	}
	return i, y
}

// bracketedYearRE is a year in brackets at the end of a text, an era's
// (平成29年) or a Western one (2017年), 年 optional.
var bracketedYearRE = regexp.MustCompile(`\(\s*(?:(` + text.OrderedAlternation(kanjiEras) + `)\s*(元|\d{1,2})|(\d{4}))\s*年?\s*\)\s*$`)

// bracketedYearBefore is the year in brackets that ends before (spaces
// aside), 「去年(平成29年)」's 2017, with where its bracket opens and its
// era's base year (0 for a Western year); y is 0 when before ends with
// none.
func bracketedYearBefore(before string) (at, y, base int) {
	if !strings.HasSuffix(strings.TrimRight(before, " "), ")") {
		return 0, 0, 0
	}
	m := bracketedYearRE.FindStringSubmatchIndex(before)
	if m == nil {
		return 0, 0, 0
	}
	if m[6] >= 0 {
		y, _ = strconv.Atoi(before[m[6]:m[7]])
		return m[0], y, 0
	}
	base = eras[before[m[2]:m[3]]]
	n := 1
	if v := before[m[4]:m[5]]; v != "元" {
		n, _ = strconv.Atoi(v)
	}
	return m[0], base + n, base
}

// eraLetterBefore is the base year of the era whose letter (dates/eras.tsv:
// H, R, S) ends before, when no Latin letter stands before the era's
// (「H24年」, not 「PH24年」); ok is false otherwise.
func eraLetterBefore(before string) (int, bool) {
	n := len(before)
	if n == 0 || !eraLetterByte[before[n-1]] {
		return 0, false
	}
	if n > 1 && (before[n-2] >= 'A' && before[n-2] <= 'Z' || before[n-2] >= 'a' && before[n-2] <= 'z') {
		return 0, false
	}
	base, ok := eras[before[n-1:]]
	return base, ok
}

// yearApostrophe is the length of the apostrophe that ends before, the
// mark of a year shortened to its last two digits (「'20年」, 「’98年」),
// or 0 when before ends with none.
func yearApostrophe(before string) int {
	for _, a := range []string{"'", "’", "‘"} {
		if strings.HasSuffix(before, a) {
			return len(a)
		}
	}
	return 0
}

// dayAfter is where a day written after the 月 that ends at i would end:
// past the run of in (digits and white space, or kanji digits) and a 日
// after it. A pattern's optional day (\s*\d{1,2}\s*日, [一…十]{1,3}日) holds
// only that run and 日, so none ends later.
func dayAfter(s string, i int, in func(rune) bool) int {
	if i >= len(s) {
		return i
	}
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !in(r) {
			break
		}
		i += n
	}
	if strings.HasPrefix(s[i:], "日") {
		i += len("日")
	}
	return i
}

func monthOnlyMark(after string) bool {
	return text.HasPrefixAny(after, monthOnlyMarks)
}

// afterMonthMark is between, the text after mention prev, less the
// month-only mark that opens it when prev names a month and no day: the
// range 「6月下旬から7月3日にかけて」 is separated by から, as 「6月から…」
// is, so its end is no day of its own.
func afterMonthMark(between string, prev Mention) string {
	if prev.Day != 0 || prev.Month == 0 {
		return between
	}
	return between[text.LongestPrefix(between, monthOnlyMarks):]
}

// YearContext resolves the year of year-less dates: the notice's date and
// the last year written out before the mention.
type YearContext struct {
	Published schemas.Date
	CaseYear  int // the blog case number's year: the year the notice was archived, a last resort
	// FiscalYear is the fiscal year (年度) the text names (FiscalYear), for
	// a year-less date when nothing else gives one; 0 when none.
	FiscalYear int
	// WrittenYear is the first year the text writes out in a date, for a
	// year-less date before it when nothing else gives one (「…が5月13日
	// に判明しました。…平成26年1月15日以降…」); 0 when none.
	WrittenYear int
	// WrittenYears are every year the text writes out in a date, in text
	// order: the years a weekday may choose among when WrittenYear's
	// disagrees with it.
	WrittenYears []int
	// WrittenDays are the days the text writes out with their year, by
	// DayKey, the first of each: a year-less date of the same month and
	// day is that day (「5月14日、警視庁から連絡を受け…」 and later
	// 「2021年4月22日~2024年5月14日の間」), a better guess than
	// WrittenYear, and than LastYear where the two disagree (a period of
	// another year written between).
	WrittenDays map[int]schemas.Date
	LastYear    int
	// latestYear is the latest year of the dates resolved so far.
	latestYear int
	// lastEraBase is the era of the last era year resolved (2018 for
	// 令和), which a ShortYear is read in.
	lastEraBase int
	// latestDay is the latest day resolved so far.
	latestDay schemas.Date
	// recentDays are the last days resolved (at most maxRecentDays), the
	// latest last: 同月N日 counts from the latest (lastDay), 翌N日 from the
	// latest of them whose next day is the N-th.
	recentDays []schemas.Date
}

// lastDay is the last day resolved, the zero Date when none.
func (c *YearContext) lastDay() schemas.Date {
	if len(c.recentDays) == 0 {
		return schemas.Date{}
	}
	return c.recentDays[len(c.recentDays)-1]
}

// shortYearCentury is the largest two-digit year read as 20xx when no era
// was written before it (「13年」 is 2013, 「98年」 1998).
const shortYearCentury = 50

// NewsYear is the year a short year written with no era before it stands
// for, as news writes years (「13年10月25日」 is 2013, 「98年」 1998).
func NewsYear(short int) int {
	if short > shortYearCentury {
		return 1900 + short
	}
	return 2000 + short
}

// maxRecentDays bounds YearContext.recentDays: a 翌N日 follows the day
// it counts from within a few dates.
const maxRecentDays = 8

// Resolve gives the day a mention names, or the zero Date when it names no
// day or its year cannot be told.
func (c *YearContext) Resolve(m Mention) schemas.Date {
	d := c.resolveDay(m)
	if !d.IsZero() {
		if c.latestDay.IsZero() || c.latestDay.Before(d) {
			c.latestDay = d
		}
		if len(c.recentDays) == maxRecentDays {
			c.recentDays = append(c.recentDays[:0], c.recentDays[1:]...)
		}
		c.recentDays = append(c.recentDays, d)
	}
	return d
}

// bareDayOfNoticeMonth is the day of a bare mention m in the month after
// y-mo when that is the notice's month and the day is not past the
// notice's: news goes on 「先月28日、…掲載した。5日午後6時ごろ、…発覚した」
// under a dateline of 12月7日, where the 5th is December's, not a day back
// in November. A weekday, when written, must agree. Zero otherwise.
func (c *YearContext) bareDayOfNoticeMonth(m Mention, y, mo int) schemas.Date {
	if c.Published.IsZero() {
		return schemas.Date{}
	}
	if mo++; mo > 12 {
		y, mo = y+1, 1
	}
	d, ok := schemas.NewDate(y, mo, m.Day)
	if !ok || d.Year() != c.Published.Year() || d.Time().Month() != c.Published.Time().Month() || c.Published.Before(d) {
		return schemas.Date{}
	}
	if m.Weekday >= 0 && int(d.Time().Weekday()) != m.Weekday {
		return schemas.Date{}
	}
	return d
}

// dayOnly reports whether a mention with this marker names a day of a
// month given by the date before it (同月5日, 翌11日, 翌月5日) or by the
// notice's date (今月20日, 先月10日).
func dayOnly(rel string) bool {
	return rel == "同月" || rel == "翌" || rel == "翌月" || rel == "今月" || rel == "先月"
}

func (c *YearContext) resolveDay(m Mention) schemas.Date {
	if m.Rel == "今月" || m.Rel == "先月" {
		// 「今月20日に…判明した」, 「先月10日ごろに…感染し」 (news): the
		// month the notice is dated in, or the one before it.
		if c.Published.IsZero() {
			return schemas.Date{}
		}
		y, mo := c.Published.Year(), int(c.Published.Time().Month())
		if m.Rel == "先月" {
			if mo--; mo == 0 {
				y, mo = y-1, 12
			}
		}
		d, _ := schemas.NewDate(y, mo, m.Day)
		return d
	}
	if dayOnly(m.Rel) {
		last := c.lastDay()
		if last.IsZero() {
			return schemas.Date{}
		}
		if m.Rel == "翌" {
			// 「11月28日…12月1日現在…同日及び翌29日」: the day after the
			// 28th, not a 29th after the last date written.
			for i := len(c.recentDays) - 1; i >= 0; i-- {
				if next := c.recentDays[i].AddDays(1); next.Time().Day() == m.Day {
					return next
				}
			}
		}
		y, mo := last.Year(), int(last.Time().Month())
		if m.Rel == "翌月" || (m.Rel == "翌" && m.Day <= last.Time().Day()) {
			if mo++; mo > 12 {
				y, mo = y+1, 1
			}
		}
		d, _ := schemas.NewDate(y, mo, m.Day)
		if m.Bare && d.Before(last) {
			if next := c.bareDayOfNoticeMonth(m, y, mo); !next.IsZero() {
				return next
			}
		}
		return d
	}
	if m.ShortYear != 0 && m.Period {
		return schemas.Date{} // 「…から06年6月まで」: the records' months, as a year's are
	}
	if m.ShortYear != 0 {
		if c.lastEraBase != 0 {
			c.LastYear = c.lastEraBase + m.ShortYear
		} else {
			c.LastYear = NewsYear(m.ShortYear)
		}
		d, _ := schemas.NewDate(c.LastYear, m.Month, m.Day)
		return d
	}
	if m.Year != 0 && m.Period {
		if m.EraBase != 0 {
			c.lastEraBase = m.EraBase
		}
		return schemas.Date{} // the records' months: no year for the days after
	}
	if m.Year != 0 {
		// A month years before the notice's own (「2005年7月採用」 under a
		// notice of 2009) is background: the year-less days after it keep
		// the notice's year (year_context.tsv background_years).
		if m.Day != 0 || c.Published.IsZero() || m.Year >= c.Published.Year()-backgroundYears {
			c.LastYear = m.Year
		}
		c.latestYear = max(c.latestYear, m.Year)
		if m.EraBase != 0 {
			c.lastEraBase = m.EraBase
		}
		if m.Day == 0 {
			return schemas.Date{}
		}
		d, _ := schemas.NewDate(m.Year, m.Month, m.Day)
		return d
	}
	if m.Day == 0 {
		return schemas.Date{}
	}
	pubYear := c.Published.Year()
	var candidates []int
	switch relYearOf[m.Rel] {
	case relLast:
		candidates = nonzero(c.LastYear, pubYear, c.CaseYear)
	case relThis:
		// With no date of its own, the text was written in the latest
		// year it wrote before (「…2024年3月…」, 「2023年12月28日…」, then
		// 「今年3月22日」), not the last one (2023).
		candidates = nonzero(pubYear, c.latestYear, c.LastYear, c.CaseYear)
	case relPrevious:
		if pubYear != 0 {
			candidates = []int{pubYear - 1}
		} else if c.LastYear != 0 {
			candidates = []int{c.LastYear - 1}
		}
	case relNext:
		if c.LastYear != 0 {
			candidates = []int{c.LastYear + 1}
		}
	default:
		candidates = nonzero(c.LastYear, pubYear, c.CaseYear)
		// The day written before with its year, told again without it
		// (「平成29年2月28日(火)…送信」, then after a period of another
		// year, 「2月28日、…メール受信者から連絡」), is that day.
		if d, ok := c.WrittenDays[DayKey(m.Month, m.Day)]; ok && len(candidates) > 0 && d.Year() != candidates[0] &&
			(m.Weekday < 0 || int(d.Time().Weekday()) == m.Weekday) {
			return d
		}
		// A day later than the notice itself belongs to the year before
		// (a "12月" event in a January notice).
		// Not when it goes on a chronology from the day before it, in
		// that year and within a month: the page was updated after its
		// date (「6月4日 誤配信…6月5日 協議…6月18日 書面を郵送」 under a notice
		// of 6月5日), or when the text has written a later day of that year
		// before it (writtenSince: an appended update's dateline).
		if len(candidates) > 0 && !c.Published.IsZero() {
			if d, ok := schemas.NewDate(candidates[0], m.Month, m.Day); ok && int(d.Sub(c.Published)) > laterThanNoticeDays && !c.followsLastDay(d) &&
				!c.writtenSince(d) {
				candidates = append([]int{candidates[0] - 1}, candidates...)
			}
		}
		// A chronology goes on across New Year: in 「平成21年12月28日、…持ち
		// 帰り、1月3日に紛失に気づきました」 (a notice of 2010) the 3rd is
		// the January after the 28th, the next step of the chronology
		// (chronology_step_days), not a day eleven months before it; not
		// past the notice's own date.
		if len(candidates) > 0 && c.newYearStep(candidates[0], m) {
			candidates = append([]int{candidates[0] + 1}, candidates...)
		}
	}
	if len(candidates) == 0 && relYearOf[m.Rel] != relPrevious && relYearOf[m.Rel] != relNext {
		switch {
		case c.FiscalYear != 0:
			y := c.FiscalYear
			if m.Month < fiscalFirstMonth {
				y++
			}
			candidates = []int{y}
		case c.WrittenYear == 0 && len(c.WrittenYears) > 0 && m.Rel == "" && m.Weekday >= 0:
			// Only years written alone (令和7年国勢調査, YearsAlone): a
			// weekday that agrees with one of them places the day.
			return c.writtenYearOfWeekday(m)
		case c.WrittenYear != 0 && m.Rel == "":
			// Not for 同年 (the year written before) nor 本年 (the
			// notice's): a year written later is neither.
			if d, ok := c.WrittenDays[DayKey(m.Month, m.Day)]; ok && (m.Weekday < 0 || int(d.Time().Weekday()) == m.Weekday) {
				return d
			}
			if m.Weekday >= 0 {
				return c.writtenYearOfWeekday(m)
			}
			candidates = []int{c.WrittenYear}
		}
	}
	if len(candidates) == 0 {
		return schemas.Date{}
	}
	// The weekday in brackets tells between neighbouring years when the
	// text names none; after 同年 or 本年 the text has named it, and a
	// weekday that disagrees is the text's slip (同年6月30日(水) in a year
	// where that day is a Thursday).
	if m.Weekday >= 0 && m.Rel == "" {
		// So is one on the next step of a chronology in the year just
		// written, up to the notice's own date: in 「令和5年7月19日(水曜日)
		// 20時21分以降、8月3日(水曜日)11時頃までの間」 the 3rd is that
		// August's Thursday, not 2022's Wednesday a year before the period
		// began. (A day after the notice's date is no such step: its
		// weekday tells the year before, 「6月3日(土)」 under 2024年6月1日.)
		if d, ok := schemas.NewDate(candidates[0], m.Month, m.Day); ok && int(d.Time().Weekday()) != m.Weekday &&
			c.followsLastDay(d) && (c.Published.IsZero() || !c.Published.Before(d)) {
			return d
		}
		for _, y := range []int{candidates[0], candidates[0] - 1, candidates[0] + 1} {
			if d, ok := schemas.NewDate(y, m.Month, m.Day); ok && int(d.Time().Weekday()) == m.Weekday {
				return d
			}
		}
		// None of them: another year the text gives (the notice's, one it
		// writes) that the weekday agrees with. 「平成30年3月16日(金曜日)
		// …平成27年4月から平成28年3月までの…出席簿 / 3月16日(金曜日)…」:
		// the last year written is the records', the day the notice's.
		for _, y := range append(candidates[1:], c.WrittenYears...) {
			if d, ok := schemas.NewDate(y, m.Month, m.Day); ok && int(d.Time().Weekday()) == m.Weekday {
				return d
			}
		}
	}
	d, _ := schemas.NewDate(candidates[0], m.Month, m.Day)
	return d
}

// DayKey is the key of a month's day in YearContext.WrittenDays.
func DayKey(month, day int) int { return month*32 + day }

// NoteWrittenDay records year y's month and day in WrittenDays, unless
// the text wrote that month and day before: the first of each is kept.
func (c *YearContext) NoteWrittenDay(y, month, day int) {
	k := DayKey(month, day)
	if _, seen := c.WrittenDays[k]; seen {
		return
	}
	if d, ok := schemas.NewDate(y, month, day); ok {
		if c.WrittenDays == nil {
			c.WrittenDays = map[int]schemas.Date{}
		}
		c.WrittenDays[k] = d
	}
}

// writtenYearOfWeekday is the day m names in the year the text writes
// first, or one next to it, or another year the text writes, whichever
// its weekday agrees with first; the zero Date when none does. The year
// is only a guess there: a weekday that disagrees with it would make a
// wrong date (「11月30日(木)」 under 令和3年 and 令和5年: 2023).
func (c *YearContext) writtenYearOfWeekday(m Mention) schemas.Date {
	years := append([]int{c.WrittenYear, c.WrittenYear - 1, c.WrittenYear + 1}, c.WrittenYears...)
	for _, y := range years {
		if d, ok := schemas.NewDate(y, m.Month, m.Day); ok && int(d.Time().Weekday()) == m.Weekday {
			return d
		}
	}
	return schemas.Date{}
}

// followsLastDay reports whether d comes after the last day resolved, in
// its year, by at most chronologyStepDays: the next step of a chronology.
// writtenSince reports whether the text has already written a day of d's
// year no earlier than d: a page updated after its own date (「【追記】
// 2024年8月5日 / …6月1日に…回収しました」) writes the later days of that
// year, which a year-less day between is in, not the year before.
func (c *YearContext) writtenSince(d schemas.Date) bool {
	return !c.latestDay.IsZero() && c.latestDay.Year() == d.Year() && !c.latestDay.Before(d)
}

// newYearStep reports whether the year-less day m, read in year y, falls
// before the last day resolved, in y, while in the year after y it is the
// chronology's next step from it, no later than the notice.
func (c *YearContext) newYearStep(y int, m Mention) bool {
	last := c.lastDay()
	if last.IsZero() || last.Year() != y {
		return false
	}
	d, ok := schemas.NewDate(y, m.Month, m.Day)
	next, okNext := schemas.NewDate(y+1, m.Month, m.Day)
	if !ok || !okNext || !d.Before(last) || !c.Published.IsZero() && c.Published.Before(next) {
		return false
	}
	return chronologyStep(last, next)
}

func (c *YearContext) followsLastDay(d schemas.Date) bool {
	last := c.lastDay()
	return !last.IsZero() && last.Year() == d.Year() && chronologyStep(last, d)
}

// chronologyStep reports whether d is the next step of a chronology from
// last: no earlier, and within chronology_step_days.
func chronologyStep(last, d schemas.Date) bool {
	step := d.Sub(last)
	return step >= 0 && int(step) <= chronologyStepDays
}

func nonzero(ys ...int) []int {
	var out []int
	for _, y := range ys {
		if y != 0 {
			out = append(out, y)
		}
	}
	return out
}

var _ = time.UTC

// MonthAfterNumber reports whether s holds 月 after a number (6月, 6 月),
// as a date of kanjiDates or shortDates ends with.
func MonthAfterNumber(s string) bool { return scanDateCues(s).digitTsuki > 0 }

// yearAloneRE is a year written with 年: an era's (令和7年) or four digits
// (2025年). YearsAlone reads what follows it.
var yearAloneRE = regexp.MustCompile(`(?:(` + text.OrderedAlternation(kanjiEras) + `)\s*(元|\d{1,2})|(\d{4}))\s*年`)

// YearsAlone returns the years s writes with no month after them and no
// 度 (a fiscal year's, FiscalYear): 「令和7年国勢調査」 gives 2025. A
// weekday may then tell which of them a day with no year is in.
func YearsAlone(s string) []int {
	if !text.ContainsWord(s, "年") {
		return nil
	}
	var out []int
	for _, m := range yearAloneRE.FindAllStringSubmatchIndex(s, -1) {
		rest := strings.TrimLeft(s[m[1]:], " ")
		if strings.HasPrefix(rest, "度") || rest != "" && text.IsDigitByte(rest[0]) {
			continue
		}
		if m[6] >= 0 && m[0] > 0 && text.IsDigitByte(s[m[0]-1]) {
			continue // a longer number: 12025年
		}
		var y int
		if m[6] >= 0 {
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		} else {
			n := 1
			if v := s[m[4]:m[5]]; v != "元" {
				n, _ = strconv.Atoi(v)
			}
			y = eras[s[m[2]:m[3]]] + n
		}
		out = append(out, y)
	}
	return out
}

// FiscalYear is the fiscal year s names (令和5年度 is 2023): the first,
// or of a range of them (1995年度~2025年度) its end; 0 when none.
func FiscalYear(s string) int {
	if !text.ContainsWord(s, fiscalWord) {
		return 0
	}
	ms := fiscalYearRE.FindAllStringSubmatchIndex(s, -1)
	if ms == nil {
		return 0
	}
	m := ms[0]
	if len(ms) > 1 && isRangeSeparator(s[ms[0][1]:ms[1][0]]) {
		m = ms[1]
	}
	if m[6] >= 0 {
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		return y
	}
	n := 1
	if v := s[m[4]:m[5]]; v != "元" {
		n, _ = strconv.Atoi(v)
	}
	return eras[s[m[2]:m[3]]] + n
}

// CutRangeSeparator is s less the range separator that ends it
// (dates/range_separators.tsv: 「…午前0時から」 less から), white space after
// it included; s itself when it ends in none.
func CutRangeSeparator(s string) string {
	t := strings.TrimRight(s, " \t")
	for _, sep := range rangeSeparators {
		if r, ok := strings.CutSuffix(t, sep); ok {
			return r
		}
	}
	return s
}

// isRangeSeparator reports whether s is a range separator alone
// (dates/range_separators.tsv), maybe with white space around it.
func isRangeSeparator(s string) bool {
	return text.IsOneOf(strings.TrimSpace(s), rangeSeparators)
}
