package counts

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The invented sentences of the count's table test are in
// rules/cases/affected_count.tsv, run by TestCasesAffectedCount.

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]int64{"61,942": 61942, "25万": 250000, "3万5千": 35000, "3.5万": 35000,
		"三千": 3000, "一万二千五百": 12500, "二十": 20} {
		if got, ok := text.ParseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	if _, ok := text.ParseNumber(strings.Repeat("9", 30)); ok {
		t.Error("a huge number parsed")
	}
}
