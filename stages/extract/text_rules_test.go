package extract

import (
	"slices"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

// TestBundledTextRules checks that every weight of rules/text/weights.tsv
// is read and that the line marks are read.
func TestBundledTextRules(t *testing.T) {
	for _, r := range rules.Table(textRulesDir+"weights.tsv", 3) {
		if !slices.Contains(weightsRead, r.File+"\t"+r.Fields[0]) {
			t.Errorf("%s: weight %q is not read", r.Pos(), r.Fields[0])
		}
	}
	if len(headingMarks) == 0 || len(bulletMarks) == 0 {
		t.Errorf("line marks: %d heading, %d bullet", len(headingMarks), len(bulletMarks))
	}
}
