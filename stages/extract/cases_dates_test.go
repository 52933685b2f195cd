package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// runCases runs the examples of rules/cases/<field>.tsv through the
// extractor: each case's text is a notice (its first line the title, as
// a segment's is), and got renders the field as the cases file writes it.
func runCases(t *testing.T, field string, got func(n *schemas.Notice) string) {
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
		title, _, _ := strings.Cut(text, "\n")
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

func dateCase(d schemas.Date) string {
	if d.IsZero() {
		return "null"
	}
	return d.String()
}

func TestCasesPublishedDate(t *testing.T) {
	runCases(t, "published_date", func(n *schemas.Notice) string { return dateCase(n.PublishedDate) })
}

func TestCasesDiscoveredDate(t *testing.T) {
	runCases(t, "discovered_date", func(n *schemas.Notice) string { return dateCase(n.DiscoveredDate) })
}

func TestCasesOccurredDate(t *testing.T) {
	runCases(t, "occurred_date", func(n *schemas.Notice) string { return dateCase(n.OccurredDate) })
}

func TestCasesReportSeq(t *testing.T) {
	runCases(t, "report_seq", func(n *schemas.Notice) string {
		seq := "null"
		if n.ReportSeq != nil {
			seq = fmt.Sprint(*n.ReportSeq)
		}
		if n.FinalReport {
			seq += " final"
		}
		return seq
	})
}

// TestCasesTimeline: the timeline's events, "date kind" each, joined by
// ", " in text order.
func TestCasesTimeline(t *testing.T) {
	runCases(t, "timeline", func(n *schemas.Notice) string {
		var ev []string
		for _, e := range n.Events {
			ev = append(ev, e.Date.String()+" "+e.Kind)
		}
		if ev == nil {
			return "null"
		}
		return strings.Join(ev, ", ")
	})
}

// dateRuleDirs are the rule folders whose files the cases above show.
var dateRuleDirs = []string{"dates/", "timeline/", "report/"}

// TestEveryDateRuleFileHasACase: each rule file of dates/, timeline/ and
// report/ that the extractor reads is named, "folder/file.tsv", in the
// note of a case of the files above.
func TestEveryDateRuleFileHasACase(t *testing.T) {
	var notes strings.Builder
	for _, f := range []string{"published_date", "discovered_date", "occurred_date", "report_seq", "timeline"} {
		cases, err := rules.Cases(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			notes.WriteString(c.Note + "\n")
		}
	}
	for _, f := range rules.Files() {
		for _, d := range dateRuleDirs {
			if strings.HasPrefix(f, d) && !strings.Contains(notes.String(), f) {
				t.Errorf("no case's note names %s", f)
			}
		}
	}
}
