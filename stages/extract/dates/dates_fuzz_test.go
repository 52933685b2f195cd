package dates

import (
	"math"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// allDateCues runs every date pattern.
var allDateCues = dateCues{digit: true, digitSep: true, digitTsuki: math.MaxInt, kanjiTsuki: math.MaxInt, nen: true, kanjiDigit: true, eraLetter: true, sameMonth: true}

func FuzzDates(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// A fiscal year the text names is a year of the Western calendar
		// or none, and the dates resolve with it.
		fy := FiscalYear(s)
		if fy != 0 && (fy < 1800 || fy > 10000) {
			t.Fatalf("FiscalYear(%q) = %d", s, fy)
		}
		ctx := &YearContext{Published: schemas.Date{}, FiscalYear: fy}
		if got, want := Find(s), findCuedDates(s, allDateCues); !reflect.DeepEqual(got, want) {
			t.Fatalf("Find(%q) = %+v, want (every pattern run) %+v", s, got, want)
		}
		for _, m := range Find(s) {
			if m.Start < 0 || m.End > len(s) || m.Start > m.End {
				t.Fatalf("bad span %d..%d in %q", m.Start, m.End, s)
			}
			ctx.Resolve(m)
		}
	})
}

// TestCuesSkipNone checks on every sentence of the sample corpus that the
// cue checks in Find skip no pattern that would have matched.
func TestCuesSkipNone(t *testing.T) {
	n := 0
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		ms := Find(s.Text)
		if got, want := ms, findCuedDates(s.Text, allDateCues); !reflect.DeepEqual(got, want) {
			t.Errorf("dates of %q = %+v, want %+v", s.Text, got, want)
		}
		n += len(ms)
	}
	if n < 100 {
		t.Errorf("only %d dates in the sample corpus", n)
	}
}
