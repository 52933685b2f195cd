package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// runCases runs the examples of rules/cases/<field>.tsv through the
// extractor, and got renders the field as the cases file writes it. A
// case's text is a notice whose first line is its title, as a segment's
// is; with oneLineTitled false a text of one line has no title, so that
// the cause and count cases read their one sentence as a body sentence.
func runCases(t *testing.T, field string, oneLineTitled bool, got func(n *schemas.Notice) string) {
	t.Helper()
	cases, err := rules.Cases(field)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatalf("rules/cases/%s.tsv has no cases", field)
	}
	for _, c := range cases {
		text := normalize.Text(c.Text)
		title, _, lines := strings.Cut(text, "\n")
		if !lines && !oneLineTitled {
			title = ""
		}
		var n schemas.Notice
		if err := New().Extract(context.Background(), Input{Text: text, Title: title}, &n); err != nil {
			t.Errorf("%s: %v", c.Pos, err)
			continue
		}
		if g := got(&n); g != c.Expected {
			t.Errorf("%s (%s): %s = %s, want %s\n%s", c.Pos, c.Note, field, g, c.Expected, c.Text)
		}
	}
}
