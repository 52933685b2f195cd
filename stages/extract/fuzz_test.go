package extract

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"

	"github.com/breachtrend/breachtrend/schemas"
)

// allDateCues runs every date pattern.
var allDateCues = dateCues{digit: true, digitSep: true, digitTsuki: math.MaxInt, kanjiTsuki: math.MaxInt, nen: true, kanjiDigit: true, eraLetter: true, sameMonth: true}

func FuzzDates(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ctx := &yearContext{published: schemas.Date{}}
		if got, want := findDates(s), findCuedDates(s, allDateCues); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDates(%q) = %+v, want (every pattern run) %+v", s, got, want)
		}
		for _, m := range findDates(s) {
			if m.Start < 0 || m.End > len(s) || m.Start > m.End {
				t.Fatalf("bad span %d..%d in %q", m.Start, m.End, s)
			}
			ctx.resolve(m)
		}
		stripDates(s)
	})
}

func FuzzExtract(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s, "")
	}
	f.Add("本文", "2023年7月1日架空市 お知らせ 2023年7月2日")
	f.Fuzz(func(t *testing.T, txt, header string) {
		var n schemas.Notice
		in := Input{Text: txt, Title: header, HeaderRest: header}
		if err := (Rules{}).Extract(context.Background(), in, &n); err != nil {
			t.Fatal(err)
		}
		checkWellFormed(t, "Extract", in, &n)
	})
}

// TestCuesSkipNone checks on every sentence of the sample corpus that the
// cue checks in findDates skip no pattern that would have matched.
func TestCuesSkipNone(t *testing.T) {
	n := 0
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		ms := findDates(s.Text)
		if got, want := ms, findCuedDates(s.Text, allDateCues); !reflect.DeepEqual(got, want) {
			t.Errorf("dates of %q = %+v, want %+v", s.Text, got, want)
		}
		n += len(ms)
	}
	if n < 100 {
		t.Errorf("only %d dates in the sample corpus", n)
	}
}
