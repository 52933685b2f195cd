package timeline

import (
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
)

// FuzzStripDates: removing the dates, weekdays and times of any text never
// panics.
func FuzzStripDates(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		stripDates(s)
	})
}
