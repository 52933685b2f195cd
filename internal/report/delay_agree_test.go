package report

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/duck"
	"github.com/breachtrend/breachtrend/internal/parquetio"
	"github.com/breachtrend/breachtrend/schemas"
)

// delayIncidents are invented incidents of one quarter and one sector, of
// two causes, with every kind of delay: unknown, negative (a misread
// date), zero, and ones on each side of the 5, 30 and 60 day marks.
func delayIncidents() []schemas.Incident {
	var out []schemas.Incident
	add := func(cause string, days ...int32) {
		for _, d := range days {
			inc := schemas.Incident{IncidentID: "inc-" + cause + string(rune('a'+len(out))), EventID: "evt-" + string(rune('a'+len(out))),
				Quarter: "2024Q2", Cause: cause, Sector: "P"}
			if d != 999 {
				inc.DisclosureDelayDays = &d
			}
			out = append(out, inc)
		}
	}
	const unknown = 999
	add("loss", unknown, -3, 0, 4, 31, 61)
	add("ransomware", -40, unknown, 5, 6, 30, 90, 200)
	return out
}

// TestReportAndTablesAgreeOnDelays: the derived tables (built from
// schemas.DerivedTables' SQL as the pipeline builds them) and the quarterly
// report count the same delays on the same data, through the one
// valid_delay definition; and it is the right one: known and not negative.
func TestReportAndTablesAgreeOnDelays(t *testing.T) {
	ctx := context.Background()
	out := t.TempDir()
	if err := parquetio.WriteAll(out, schemas.IncidentsTable, delayIncidents()); err != nil {
		t.Fatal(err)
	}
	wdb, err := duck.OpenWritable(ctx, out, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer wdb.Close()
	derivedSQL := map[string]string{}
	for _, d := range schemas.DerivedTables {
		derivedSQL[d.Name] = d.SQL
	}

	type fig struct {
		n                int64
		median, p75, p90 sql.NullFloat64
		w5, w30, w60     sql.NullFloat64
	}
	byCause := map[string]fig{}
	rows, err := wdb.QueryContext(ctx, `SELECT cause, delay_n, median_delay_days, p90_delay_days FROM (`+derivedSQL["trends_quarterly"]+`) WHERE quarter = '2024Q2'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		var f fig
		if err := rows.Scan(&c, &f.n, &f.median, &f.p90); err != nil {
			t.Fatal(err)
		}
		byCause[c] = f
	}
	rows.Close()
	var all fig
	if err := wdb.QueryRowContext(ctx, `SELECT incidents, median_days, p75_days, p90_days, within_5d, within_30d, within_60d FROM (`+
		derivedSQL["delay_distribution"]+`) WHERE dimension = 'all'`).Scan(&all.n, &all.median, &all.p75, &all.p90, &all.w5, &all.w30, &all.w60); err != nil {
		t.Fatal(err)
	}

	db, err := duck.Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := &Report{Quarter: "2024Q2", Previous: PreviousQuarter("2024Q2"), YearAgo: YearAgo("2024Q2")}
	for _, load := range []func(context.Context, *sql.DB) error{r.loadHeadline, r.loadGroups, r.loadDelay, r.loadDelayByCause} {
		if err := load(ctx, db); err != nil {
			t.Fatal(err)
		}
	}

	// The right definition: 4 of loss's 6 and 5 of ransomware's 7.
	if byCause["loss"].n != 4 || byCause["ransomware"].n != 5 || all.n != 9 {
		t.Fatalf("valid delays in the tables: loss %d ransomware %d all %d, want 4 5 9", byCause["loss"].n, byCause["ransomware"].n, all.n)
	}
	d := r.Delay
	if d.Known != all.n || d.Negative != 2 || d.Unknown != 2 {
		t.Errorf("report: known %d negative %d unknown %d; delay_distribution: %d valid; want 2 negative, 2 unknown", d.Known, d.Negative, d.Unknown, all.n)
	}
	same := func(what string, rep *float64, tab sql.NullFloat64) {
		t.Helper()
		if rep == nil || !tab.Valid || *rep != tab.Float64 {
			t.Errorf("%s: report %v, table %v", what, deref(rep), tab)
		}
	}
	same("median", d.Median, all.median)
	same("p75", d.P75, all.p75)
	same("p90", d.P90, all.p90)
	same("within 5 days", &d.Within5, all.w5)
	same("within 30 days", &d.Within30, all.w30)
	same("within 60 days", &d.Within60, all.w60)
	var inBuckets int64
	for _, b := range d.Buckets {
		inBuckets += b.Count
	}
	if inBuckets != all.n {
		t.Errorf("histogram holds %d delays, delay_distribution %d", inBuckets, all.n)
	}
	if h := r.Headline[3]; h.CurN != all.n {
		t.Errorf("headline delay n %d, delay_distribution %d", h.CurN, all.n)
	}
	for _, g := range r.ByCause {
		f := byCause[g.Key]
		if g.DelayN != f.n {
			t.Errorf("%s: report delay n %d, trends_quarterly %d", g.Key, g.DelayN, f.n)
		}
		same(g.Key+" median", g.MedianDelay, f.median)
	}
	if len(r.ByCause) != 2 {
		t.Errorf("report has %d causes, want 2", len(r.ByCause))
	}
	for _, c := range r.DelayByCause {
		if int64(len(c.Days)) != byCause[c.Cause].n {
			t.Errorf("%s: dot plot %d delays, trends_quarterly %d", c.Cause, len(c.Days), byCause[c.Cause].n)
		}
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestOneValidDelayDefinition: no derived table and no report query spells
// out the delay condition itself; they call valid_delay.
func TestOneValidDelayDefinition(t *testing.T) {
	for _, d := range schemas.DerivedTables {
		if strings.Contains(d.SQL, "disclosure_delay_days >=") || strings.Contains(d.SQL, "days >= 0") {
			t.Errorf("derived table %s writes its own delay condition: use valid_delay", d.Name)
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "disclosure_delay_days >=") {
			t.Errorf("%s writes its own delay condition: use validDelay (valid_delay)", f)
		}
	}
	if !strings.Contains(schemas.DerivedMacros, "CREATE MACRO valid_delay(") {
		t.Error("schemas.DerivedMacros does not define valid_delay")
	}
}
