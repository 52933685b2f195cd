package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
)

func dateCase(d schemas.Date) string {
	if d.IsZero() {
		return "null"
	}
	return d.String()
}

func TestCasesPublishedDate(t *testing.T) {
	runCases(t, "published_date", true, func(n *schemas.Notice) string { return dateCase(n.PublishedDate) })
}

func TestCasesDiscoveredDate(t *testing.T) {
	runCases(t, "discovered_date", true, func(n *schemas.Notice) string { return dateCase(n.DiscoveredDate) })
}

func TestCasesOccurredDate(t *testing.T) {
	runCases(t, "occurred_date", true, func(n *schemas.Notice) string { return dateCase(n.OccurredDate) })
}

func TestCasesReportSeq(t *testing.T) {
	runCases(t, "report_seq", true, func(n *schemas.Notice) string {
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
	runCases(t, "timeline", true, func(n *schemas.Notice) string {
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
