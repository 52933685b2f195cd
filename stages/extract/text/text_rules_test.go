package text

import (
	"slices"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

// TestBundledTextRules checks that every weight of rules/text/weights.tsv
// is read and that the line marks are read.
func TestBundledTextRules(t *testing.T) {
	for _, r := range rules.Table(textRulesDir+"weights.tsv", 3) {
		if !slices.Contains(WeightsRead, r.File+"\t"+r.Fields[0]) {
			t.Errorf("%s: weight %q is not read", r.Pos(), r.Fields[0])
		}
	}
	if len(headingMarks) == 0 || len(BulletMarks) == 0 {
		t.Errorf("line marks: %d heading, %d bullet", len(headingMarks), len(BulletMarks))
	}
}

// TestCasesText runs rules/cases/text.tsv: each line must read as a
// heading, a list item or a plain line.
func TestCasesText(t *testing.T) {
	cases, err := rules.Cases("text")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		got := "line"
		switch {
		case IsHeading(c.Text):
			got = "heading"
		case isListItem(c.Text):
			got = "item"
		}
		if got != c.Expected {
			t.Errorf("%s (%s): %q reads as %s, want %s", c.Pos, c.Note, c.Text, got, c.Expected)
		}
	}
}
