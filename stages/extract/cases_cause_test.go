package extract

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// runCauseCountCases runs the examples of rules/cases/<field>.tsv through
// the extractor and compares got, the field as the cases file writes it.
// A case's text with a line break has its first line as the title; a text
// of one line has none, so that a sentence is read as a body sentence.
func runCauseCountCases(t *testing.T, field string, got func(n *schemas.Notice) string) {
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
		title := ""
		if first, _, ok := strings.Cut(text, "\n"); ok {
			title = first
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

func TestCasesCause(t *testing.T) {
	runCauseCountCases(t, "cause", func(n *schemas.Notice) string { return n.Cause })
}

func TestCasesAffectedCount(t *testing.T) {
	runCauseCountCases(t, "affected_count", func(n *schemas.Notice) string {
		switch {
		case n.AffectedCount == nil:
			return "null"
		case n.AffectedApprox:
			return strconv.FormatInt(*n.AffectedCount, 10) + " approx"
		}
		return strconv.FormatInt(*n.AffectedCount, 10)
	})
}
