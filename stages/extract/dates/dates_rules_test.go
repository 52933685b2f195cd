package dates

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

func TestErasErrors(t *testing.T) {
	row := func(line int, f ...string) rules.Row { return rules.Row{File: "dates/e.tsv", Line: line, Fields: f} }
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{[]rules.Row{row(1, "令和", "kanji", "x")}, `e.tsv:1: base "x" is not a year`},
		{[]rules.Row{row(1, "令和", "kanji", "2018"), row(2, "令和", "kanji", "2018")}, `e.tsv:2: era "令和" is written twice`},
		{[]rules.Row{row(1, "r", "letter", "2018")}, `e.tsv:1: letter "r" is not one of A-Z`},
		{[]rules.Row{row(1, "令和", "kana", "2018")}, `e.tsv:1: form "kana" is not one of kanji, letter`},
		{[]rules.Row{row(1, "令和", "kanji", "2018")}, "want kanji and letter eras"},
	} {
		_, _, _, err := parseEras(c.rows)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}

// TestErasFromFile: the scanners' quick checks follow the era file.
func TestErasFromFile(t *testing.T) {
	if eras["令和"] != 2018 || eras["H"] != 1988 {
		t.Errorf("eras = %v", eras)
	}
	for _, e := range kanjiEras {
		if eraPrefix(e+"5年") != e {
			t.Errorf("eraPrefix(%s5年) = %q", e, eraPrefix(e+"5年"))
		}
	}
	if !eraLetterByte['R'] || eraLetterByte['X'] {
		t.Error("era letters are not R, H, S")
	}
}

func TestWeekdaysErrors(t *testing.T) {
	row := func(line int, f ...string) rules.Row { return rules.Row{File: "dates/w.tsv", Line: line, Fields: f} }
	week := func(extra ...rules.Row) []rules.Row {
		rows := []rules.Row{row(1, "月", "1"), row(2, "火", "2"), row(3, "水", "3"), row(4, "木", "4"), row(5, "金", "5"), row(6, "土", "6")}
		return append(rows, extra...)
	}
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{week(row(7, "日", "7")), `w.tsv:7: day "7" is not a number from 0`},
		{week(row(7, "日", "6")), `w.tsv:7: weekday "日" or day 6 is written twice`},
		{week(), "want 7 weekdays, have 6"},
	} {
		_, _, err := parseWeekdays(c.rows)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}

// TestDateMarksFromFiles: the weekday names, time marks and range
// separators the scanners use are those of the rule files.
func TestDateMarksFromFiles(t *testing.T) {
	if weekdays["日"] != 0 || weekdays["土"] != 6 || len(WeekdayNames) != 7 {
		t.Errorf("weekdays = %v", weekdays)
	}
	for _, c := range []struct {
		s                string
		weekday, rangeAt int // the weekday of the first date; which mention ends a range (-1 none)
	}{
		{"2024年5月1日(水)~5月3日(金)", 3, 1},
		{"2024年5月1日(水曜日)18時頃~5月3日", 3, 1},
		{"2024年5月1日(水・祝)9時ごろから5月3日まで", 3, 1},
		{"2024年5月1日より5月3日", -1, 1},
		{"2024年5月1日-5月3日", -1, 1},
		{"2024年5月1日と5月3日", -1, -1},
		{"2024年5月1日18時時点~5月3日", -1, -1}, // 時点 is no range mark
	} {
		ms := Find(c.s)
		if len(ms) != 2 {
			t.Fatalf("Find(%q) = %+v, want two dates", c.s, ms)
		}
		rangeAt := -1
		for i, m := range ms {
			if m.RangeEnd {
				rangeAt = i
			}
		}
		if ms[0].Weekday != c.weekday || rangeAt != c.rangeAt {
			t.Errorf("Find(%q): weekday %d, range end at %d; want %d, %d", c.s, ms[0].Weekday, rangeAt, c.weekday, c.rangeAt)
		}
	}
}

func TestFiscalYearErrors(t *testing.T) {
	row := func(line int, f ...string) rules.Row { return rules.Row{File: "dates/f.tsv", Line: line, Fields: f} }
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{[]rules.Row{row(1, "word", "年度"), row(2, "first_month", "13")}, `f.tsv:2: first_month "13" is not a month`},
		{[]rules.Row{row(1, "word", "年度"), row(2, "start", "4")}, `f.tsv:2: name "start" is not one of word, first_month`},
		{[]rules.Row{row(1, "word", "年度")}, "want a word and a first_month line"},
	} {
		_, _, _, err := parseFiscalYear(c.rows)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}
