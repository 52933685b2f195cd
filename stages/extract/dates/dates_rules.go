package dates

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The dates' words, read from rules/dates/ once at start.

// yearContext is rules/dates/year_context.tsv: how a year-less date takes
// its year (YearContext).
var (
	yearContext = rules.ReadSettings("dates/year_context.tsv")
	// laterThanNoticeDays: a year-less day more days than this after the
	// notice's own belongs to the year before.
	laterThanNoticeDays = yearContext.Int("later_than_notice_days")
	// chronologyStepDays is the most days a year-less date may follow the
	// day resolved before it and still go on its chronology
	// (followsLastDay).
	chronologyStepDays = yearContext.Int("chronology_step_days")
	// backgroundYears: a year's month with no day more years than this
	// before the notice's own gives no year to the days after it.
	backgroundYears = yearContext.Int("background_years")
)

func dateWords(name string) []string { return rules.Words("dates/" + name + ".tsv") }

var (
	// eras maps an era's name or letter to the Western year before its
	// first (dates/eras.tsv); kanjiEras and letterEras list them, and
	// eraFirstByte and eraLetterByte mark the bytes they start with, for
	// the scanners' quick checks.
	eras, kanjiEras, letterEras = loadEras()
	eraFirstByte                = text.FirstBytes(kanjiEras)
	eraLetterByte               = text.FirstBytes(letterEras)

	// relYearWords name a month's year by reference (同年, 昨年), in file
	// order; relYearOf says how each is resolved; relYearKanji are those
	// written before kanji numerals too.
	relYearWords, relYearOf, relYearKanji = loadRelativeYears()
	relYearFirstByte                      = text.FirstBytes(relYearWords)

	// The times of day (dates/times_of_day.tsv): dayMarks make a bare N日
	// a date; RangeTimes may stand before ~ in a range (and qualify a day
	// as 「…31日の未明、」 does, which organization reads); clockTimes before
	// a clock time; periodTimes before the clock time that opens a period.
	dayMarks, RangeTimes, ClockTimes, PeriodTimes = loadTimesOfDay()
	monthOnlyMarks                                = dateWords("month_only_marks")
	// periodMarks after a year's month with no day make it a period of
	// the data (dates/period_marks.tsv: 2011年11月分).
	periodMarks = dateWords("period_marks")
	// bareDayParticles after a bare N日 make it a date too, but where one
	// of bareDayNot opens the text after it; so does bareDayComma after a
	// day that follows a word of bareDayCommaAfter, unless a word of
	// bareDayCommaNot opens the text after it (dates/bare_day_particles.tsv).
	bareDayParticles, bareDayNot, bareDayComma, bareDayCommaAfter, bareDayCommaNot = loadBareDayParticles()

	// PublishedLabels are the labels of a notice's own date
	// (dates/published_labels.tsv: 更新日, 掲載日, date), which the timeline
	// and the organization's dateline both read.
	PublishedLabels = rules.Words("dates/published_labels.tsv")

	// weekdays maps a weekday's name to its day, 0 Sunday … 6 Saturday
	// (dates/weekdays.tsv); WeekdayNames lists the names in file order.
	weekdays, WeekdayNames = loadWeekdays()

	// TimeMarks follow a clock time (頃, ごろ, 時点); RangeTimeMarks are
	// those that may also end the time of a date before a range's
	// separator or a period's start (dates/time_marks.tsv).
	TimeMarks, RangeTimeMarks = loadTimeMarks()

	// rangeSeparators make the date after them the end of a range
	// (dates/range_separators.tsv).
	rangeSeparators = dateWords("range_separators")

	// fiscalYearRE finds a fiscal year (令和5年度, 2025年度) and
	// fiscalFirstMonth is the month it begins with (dates/fiscal_year.tsv).
	// fiscalWord is the word every match holds.
	fiscalYearRE, fiscalFirstMonth, fiscalWord = loadFiscalYear()
)

func loadFiscalYear() (*regexp.Regexp, int, string) {
	re, first, word, err := parseFiscalYear(rules.Table("dates/fiscal_year.tsv", 2))
	if err != nil {
		panic(err)
	}
	return re, first, word
}

func parseFiscalYear(rows []rules.Row) (*regexp.Regexp, int, string, error) {
	var word string
	first := 0
	for _, r := range rows {
		switch r.Fields[0] {
		case "word":
			word = r.Fields[1]
		case "first_month":
			n, err := strconv.Atoi(r.Fields[1])
			if err != nil || n < 1 || n > 12 {
				return nil, 0, "", fmt.Errorf("extract: %s: first_month %q is not a month from 1 to 12", r.Pos(), r.Fields[1])
			}
			first = n
		default:
			return nil, 0, "", fmt.Errorf("extract: %s: name %q is not one of word, first_month", r.Pos(), r.Fields[0])
		}
	}
	if word == "" || first == 0 {
		return nil, 0, "", fmt.Errorf("extract: dates/fiscal_year.tsv: want a word and a first_month line")
	}
	// 令和5年度, 令和元年度, 2025年度: an era and its year, or a Western year.
	re := regexp.MustCompile(`(?:(` + text.OrderedAlternation(kanjiEras) + `)\s*(元|\d{1,2})|(\d{4}))\s*` + regexp.QuoteMeta(word))
	return re, first, word, nil
}

// WeekdayAlt is a regexp alternation of the weekday names: (?:月|火|…).
func WeekdayAlt() string { return text.OrderedAlternation(WeekdayNames) }

func loadWeekdays() (map[string]int, []string) {
	of, names, err := parseWeekdays(rules.Table("dates/weekdays.tsv", 2))
	if err != nil {
		panic(err)
	}
	return of, names
}

func parseWeekdays(rows []rules.Row) (map[string]int, []string, error) {
	of := map[string]int{}
	var names []string
	seen := map[int]bool{}
	for _, r := range rows {
		name := r.Fields[0]
		day, err := strconv.Atoi(r.Fields[1])
		if err != nil || day < 0 || day > 6 {
			return nil, nil, fmt.Errorf("extract: %s: day %q is not a number from 0 (Sunday) to 6", r.Pos(), r.Fields[1])
		}
		if _, dup := of[name]; dup || seen[day] {
			return nil, nil, fmt.Errorf("extract: %s: weekday %q or day %d is written twice", r.Pos(), name, day)
		}
		of[name], seen[day] = day, true
		names = append(names, name)
	}
	if len(names) != 7 {
		return nil, nil, fmt.Errorf("extract: dates/weekdays.tsv: want 7 weekdays, have %d", len(names))
	}
	return of, names, nil
}

func loadTimeMarks() (all, inRange []string) {
	for _, r := range rules.Table("dates/time_marks.tsv", 2) {
		switch r.Fields[1] {
		case "yes":
			inRange = append(inRange, r.Fields[0])
		case "no":
		default:
			panic(fmt.Errorf("extract: %s: range %q is not yes or no", r.Pos(), r.Fields[1]))
		}
		all = append(all, r.Fields[0])
	}
	if inRange == nil {
		panic(fmt.Errorf("extract: dates/time_marks.tsv: want a mark with range yes"))
	}
	return all, inRange
}

func loadEras() (map[string]int, []string, []string) {
	e, k, l, err := parseEras(rules.Table("dates/eras.tsv", 3))
	if err != nil {
		panic(err)
	}
	return e, k, l
}

func parseEras(rows []rules.Row) (eras map[string]int, kanji, letters []string, err error) {
	eras = map[string]int{}
	for _, r := range rows {
		name, form := r.Fields[0], r.Fields[1]
		base, err := strconv.Atoi(r.Fields[2])
		if err != nil || base < 1800 || base > 2100 {
			return nil, nil, nil, fmt.Errorf("extract: %s: base %q is not a year from 1800 to 2100", r.Pos(), r.Fields[2])
		}
		if _, dup := eras[name]; dup {
			return nil, nil, nil, fmt.Errorf("extract: %s: era %q is written twice", r.Pos(), name)
		}
		switch form {
		case "kanji":
			kanji = append(kanji, name)
		case "letter":
			if len(name) != 1 || name[0] < 'A' || name[0] > 'Z' {
				return nil, nil, nil, fmt.Errorf("extract: %s: letter %q is not one of A-Z", r.Pos(), name)
			}
			letters = append(letters, name)
		default:
			return nil, nil, nil, fmt.Errorf("extract: %s: form %q is not one of kanji, letter", r.Pos(), form)
		}
		eras[name] = base
	}
	if kanji == nil || letters == nil {
		return nil, nil, nil, fmt.Errorf("extract: %s: want kanji and letter eras", rows[0].File)
	}
	return eras, kanji, letters, nil
}

// The ways a relative year is resolved (dates/relative_years.tsv).
const (
	relLast     = "last"
	relThis     = "this"
	relPrevious = "previous"
	relNext     = "next"
)

func loadRelativeYears() (words []string, of map[string]string, kanji []string) {
	of = map[string]string{}
	for _, r := range rules.Table("dates/relative_years.tsv", 3) {
		w, year, with := r.Fields[0], r.Fields[1], r.Fields[2]
		if !text.IsOneOf(year, []string{relLast, relThis, relPrevious, relNext}) {
			panic(fmt.Errorf("extract: %s: year %q is not one of last, this, previous, next", r.Pos(), year))
		}
		if _, dup := of[w]; dup {
			panic(fmt.Errorf("extract: %s: %q is written twice", r.Pos(), w))
		}
		switch with {
		case "any":
			kanji = append(kanji, w)
		case "digits":
		default:
			panic(fmt.Errorf("extract: %s: written_with %q is not one of any, digits", r.Pos(), with))
		}
		words = append(words, w)
		of[w] = year
	}
	return words, of, kanji
}

func loadBareDayParticles() (date, not, comma, commaAfter, commaNot []string) {
	parts := rules.MustParts(rules.Table("dates/bare_day_particles.tsv", 2), []string{"date", "not", "comma", "comma_after", "comma_not"})
	return parts["date"], parts["not"], parts["comma"], parts["comma_after"], parts["comma_not"]
}

func loadTimesOfDay() (bareDay, rng, clock, period []string) {
	for _, r := range rules.Table("dates/times_of_day.tsv", 5) {
		for i, list := range []*[]string{&bareDay, &rng, &clock, &period} {
			switch r.Fields[i+1] {
			case "yes":
				*list = append(*list, r.Fields[0])
			case "no":
			default:
				panic(fmt.Errorf("extract: %s: column %d %q is not yes or no", r.Pos(), i+2, r.Fields[i+1]))
			}
		}
	}
	if bareDay == nil || rng == nil || clock == nil || period == nil {
		panic(fmt.Errorf("extract: dates/times_of_day.tsv: every column wants a yes"))
	}
	return bareDay, rng, clock, period
}

// eraClass is a regexp character class of the era letters: [RHS].
func eraClass() string { return "[" + regexp.QuoteMeta(strings.Join(letterEras, "")) + "]" }
