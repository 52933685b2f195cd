package segment

import (
	"strconv"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

// TestCasesSegment runs rules/cases/segment.tsv: each rule of the
// classifier and of the end-of-post words, through IsNotice and Split.
func TestCasesSegment(t *testing.T) {
	cases, err := rules.Cases("segment")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		switch {
		case c.Expected == "notice" || c.Expected == "article":
			if got := IsNotice(c.Text, false); got != (c.Expected == "notice") {
				_, margin := Classify(c.Text)
				t.Errorf("%s: IsNotice = %v (margin %.1f), want %s (%s)", c.Pos, got, margin, c.Expected, c.Note)
			}
		case c.Expected == "no_incident":
			// A notice by its words (Classify) that tells of no incident of
			// its own organization (incident.tsv).
			if notice, margin := Classify(c.Text); !notice || IsNotice(c.Text, false) {
				t.Errorf("%s: Classify = %v (margin %.1f), IsNotice = %v, want a notice of no incident (%s)", c.Pos, notice, margin, IsNotice(c.Text, false), c.Note)
			}
		case strings.HasPrefix(c.Expected, "posts="):
			want, err := strconv.Atoi(strings.TrimPrefix(c.Expected, "posts="))
			if err != nil {
				t.Fatalf("%s: expected %q: want posts=N", c.Pos, c.Expected)
			}
			if got := len(Split(c.Text)); got != want {
				t.Errorf("%s: Split cut %d posts, want %d (%s)", c.Pos, got, want, c.Note)
			}
		default:
			t.Fatalf("%s: expected %q: want notice, article, no_incident or posts=N", c.Pos, c.Expected)
		}
	}
}

// TestClassifierRules: a malformed classifier line is an error naming the
// file and line.
func TestClassifierRules(t *testing.T) {
	row := func(line int, f ...string) rules.Row {
		return rules.Row{File: "segment/classifier.tsv", Line: line, Fields: f}
	}
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{[]rules.Row{row(3, "漏えい", "notice", "two")}, "classifier.tsv:3: weight"},
		{[]rules.Row{row(4, "漏えい", "blog", "2")}, "classifier.tsv:4: side"},
		{[]rules.Row{row(5, "漏えい", "notice", "2"), row(6, "漏えい", "article", "1")}, `classifier.tsv:6: "漏えい" is already on line 5`},
	} {
		_, _, err := parseClassifier(c.rows)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseClassifier = %v, want an error with %q", err, c.want)
		}
	}
	if len(noticeTerms) == 0 || len(articleTerms) == 0 {
		t.Fatal("the bundled classifier has no notice or no article terms")
	}
}
