package normalize

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

// TestCasesNormalize runs rules/cases/normalize.tsv through Text: each rule
// of line joining, with its counter-example.
func TestCasesNormalize(t *testing.T) {
	cases, err := rules.Cases("normalize")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		got := strings.ReplaceAll(Text(c.Text), "\n", `\n`)
		if got != c.Expected {
			t.Errorf("%s: Text =\n  %s\nwant\n  %s\n(%s)", c.Pos, got, c.Expected, c.Note)
		}
	}
}
