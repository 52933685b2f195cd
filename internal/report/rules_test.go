package report

import (
	"context"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/pipeline/pipelinetest"
)

func f64(v float64) *float64 { return &v }

func TestDeltaNoPercentOnSmallBases(t *testing.T) {
	tests := []struct {
		cur, old   float64
		unit       string
		curN, oldN int64
		want       string
	}{
		{7, 1, "", 7, 1, "+6 (1 → 7)"},                // "+600%" from 1 to 7 would mislead
		{10, 7, "days", 7, 1, "+3 (7 → 10; n 1 → 7)"}, // a median of n=7 against n=1
		{24, 20, "", 24, 20, "+4 (+20%)"},             // bases of 10 or more: a percentage
		{12.5, 10, "days", 30, 12, "+2.5 (+25%)"},     // a median over 30 and 12 incidents
		{5000, 4000, "people", 3, 40, "+1,000 (4,000 → 5,000; n 40 → 3)"},
	}
	for _, tt := range tests {
		if got := delta(f64(tt.cur), f64(tt.old), tt.unit, tt.curN, tt.oldN); got != tt.want {
			t.Errorf("delta(%v, %v, n %d, %d) = %q, want %q", tt.cur, tt.old, tt.curN, tt.oldN, got, tt.want)
		}
	}
	if got := delta(nil, f64(1), "", 0, 1); got != "–" {
		t.Errorf("delta of an unknown = %q", got)
	}
}

func TestContinuousQuarters(t *testing.T) {
	got := continuousQuarters("2011Q3", "2012Q2", map[string]int64{"2011Q3": 1, "2012Q2": 7})
	want := []QuarterCount{{"2011Q3", 1}, {"2011Q4", 0}, {"2012Q1", 0}, {"2012Q2", 7}}
	if len(got) != len(want) {
		t.Fatalf("%v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%v, want %v", got, want)
		}
	}
}

func TestShade(t *testing.T) {
	for _, c := range []struct {
		n, top int64
		want   int
	}{{0, 9, 0}, {1, 9, 1}, {9, 9, 5}, {5, 9, 3}, {1, 1, 1}, {3, 0, 0}} {
		if got := shade(c.n, c.top); got != c.want {
			t.Errorf("shade(%d, %d) = %d, want %d", c.n, c.top, got, c.want)
		}
	}
}

func TestLiftRanksWhatIsNewThisQuarter(t *testing.T) {
	// A term in 3 of 10 incidents this quarter and 2 of 200 elsewhere
	// rises; one in 3 of 10 and 60 of 200 (boilerplate) does not.
	if l := lift(3, 10, 2, 200); l < 10 {
		t.Errorf("lift of a new term = %.2f, want > 10", l)
	}
	if l := lift(3, 10, 60, 200); l > 1.1 {
		t.Errorf("lift of a common term = %.2f, want about 1", l)
	}
	// A term absent elsewhere has a finite lift, above one seen elsewhere.
	if l := lift(3, 10, 0, 200); math.IsInf(l, 0) || l <= lift(3, 10, 2, 200) {
		t.Errorf("lift of a term absent elsewhere = %.2f", l)
	}
}

func TestStopTermsHoldBoilerplate(t *testing.T) {
	for _, w := range []string{"情報", "個人", "発生", "令和", "セキュリティ", "事件", "お詫び", "お知らせ"} {
		if !stopTerms[w] {
			t.Errorf("%s is not in stopterms.txt", w)
		}
	}
	for _, w := range []string{"ランサムウェア", "Emotet", "フィッシング"} {
		if stopTerms[w] {
			t.Errorf("%s is a theme, not boilerplate", w)
		}
	}
}

func TestPublishedContext(t *testing.T) {
	want := map[string]int64{"東京商工リサーチ 2023 all": 175, "東京商工リサーチ 2025 ウイルス感染・不正アクセス": 116, "個人情報保護委員会 2024 all": 21007}
	for _, p := range published {
		for k, v := range want {
			f := strings.Fields(k)
			if strings.HasPrefix(p.Source, f[0]) && p.Year == atoi(f[1]) && p.Category == f[2] {
				if p.Value != v {
					t.Errorf("%s = %d, want %d (FACTS.md)", k, p.Value, v)
				}
				delete(want, k)
			}
		}
	}
	for k := range want {
		t.Errorf("context.csv lacks %s", k)
	}
	if _, err := parsePublished("TSR,20x3,all,1,\n"); err == nil || !strings.Contains(err.Error(), "record 1") {
		t.Errorf("a bad year: %v", err)
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// TestEveryIncidentCountedSomewhere runs the pipeline on invented notices:
// one dated, one with only a blog case number, one with neither. The
// report says how many it could not place and why.
func TestEveryIncidentCountedSomewhere(t *testing.T) {
	out := pipelinetest.Tables(t, "testdata/placing")
	db, err := openDB(out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := Load(context.Background(), db, "2023Q3", true)
	if err != nil {
		t.Fatal(err)
	}
	c := r.Coverage
	if c.Incidents != 3 || c.Placed() != 1 || c.YearOnly != 1 || c.Undated != 1 {
		t.Errorf("coverage %+v: want 3 incidents, 1 in a quarter, 1 by the case number's year, 1 undated", c)
	}
	if len(c.YearOnlyYears) != 1 || c.YearOnlyYears[0].Label != "2023" {
		t.Errorf("year-only years %v, want 2023", c.YearOnlyYears)
	}
	var n int64
	if err := db.QueryRow(`SELECT sum(incidents) FROM trends_quarterly`).Scan(&n); err != nil || n != 3 {
		t.Errorf("trends_quarterly counts %d incidents (%v), want 3", n, err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM trends_quarterly WHERE incidents_with_count = 0 AND people_stated IS NOT NULL`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d trend rows show people for incidents that state no count (%v)", n, err)
	}
	for _, format := range []string{"html", "md"} {
		_, b, err := Render(context.Background(), Options{Out: out, Quarter: "2023Q3", Format: format})
		if err != nil {
			t.Fatal(err)
		}
		text := regexp.MustCompile(`<[^>]+>|\*\*`).ReplaceAllString(string(b), "")
		for _, want := range []string{"Not placed in a quarter: 2.", "1 only by the year of their blog case number", "1 undated",
			"1 of 1 incidents state a count", "Coverage and limits"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s report lacks %q", format, want)
			}
		}
	}
}

// TestContinuousAxisInReport checks the sample corpus's report: one column
// per quarter from the first to the last, with no quarter skipped.
func TestContinuousAxisInReport(t *testing.T) {
	html := render(t, "2023Q3", "html")
	qs := regexp.MustCompile(`data-quarter="(\d{4}Q[1-4])"`).FindAllStringSubmatch(html, -1)
	if len(qs) < 2 {
		t.Fatalf("%d quarter columns", len(qs))
	}
	for i := 1; i < len(qs); i++ {
		if quarterIndex(qs[i][1]) != quarterIndex(qs[i-1][1])+1 {
			t.Errorf("the axis jumps from %s to %s", qs[i-1][1], qs[i][1])
		}
	}
}
