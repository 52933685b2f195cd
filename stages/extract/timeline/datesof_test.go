package timeline

import (
	"reflect"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// checkDatesOf fails when datesOf, for a sentence of the text or for
// another string, is not dates.Find of it.
func checkDatesOf(t *testing.T, txt, other string) {
	t.Helper()
	dated := DatedSentences(text.SplitSentences(txt))
	for _, s := range append([]string{other, txt}, strings.Split(txt, "\n")...) {
		if got, want := datesOf(dated, s), dates.Find(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("datesOf(%q) = %v, want dates.Find's %v", s, got, want)
		}
	}
	for _, s := range dated {
		if got, want := datesOf(dated, s.Text), dates.Find(s.Text); !reflect.DeepEqual(got, want) {
			t.Fatalf("datesOf(%q) = %v, want dates.Find's %v", s.Text, got, want)
		}
	}
}

// TestDatesOf: an event's sentence is dated from the sentences' dates
// when it is one of them, else by dates.Find.
func TestDatesOf(t *testing.T) {
	for _, tt := range []struct{ text, other string }{
		{"2024年4月2日、職員が名簿を誤って送付する事案が発生しました。", ""},
		{"令和5年1月1日に発覚。\n同日、調査を開始。2月3日に公表しました。", "3月4日"},
		{"見出し\n4月2日(火)から4月5日までの間に、送信された。", "4月2日(火)から4月5日までの間に、送信された。"},
		{"", "2023/6/5"},
	} {
		checkDatesOf(t, tt.text, tt.other)
	}
}

// FuzzDatesOf: datesOf against dates.Find, for any text and string.
func FuzzDatesOf(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, txt, other string) {
		checkDatesOf(t, txt, other)
	})
}
