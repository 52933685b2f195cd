package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/breachtrend/breachtrend/schemas"
)

// TestDerivedTables checks the derived tables against the incidents they
// come from, and that a rerun writes the same bytes.
func TestDerivedTables(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	run(t, out, 2)
	db := open(t, out)

	// trends_quarterly: one row per period × cause × sector; every
	// incident is counted in one (a quarter, a year alone, or undated).
	if got, want := scalar[int64](t, db, `SELECT sum(incidents) FROM trends_quarterly`),
		scalar[int64](t, db, `SELECT count(*) FROM incidents`); got != want {
		t.Errorf("trends_quarterly counts %d incidents, want every one of %d", got, want)
	}
	if n := scalar[int64](t, db, `SELECT count(*) FROM trends_quarterly
		WHERE NOT regexp_full_match(quarter, '\d{4}Q[1-4]|\d{4}|undated')`); n != 0 {
		t.Errorf("trends_quarterly: %d rows with a period that is no quarter, year or undated", n)
	}
	// Unknown is not zero: a row whose incidents state no count has no sum.
	if n := scalar[int64](t, db, `SELECT count(*) FROM trends_quarterly
		WHERE (incidents_with_count = 0) <> (people_stated IS NULL) OR incidents_with_count > incidents
		   OR events > incidents OR events < 1 OR delay_n > incidents`); n != 0 {
		t.Errorf("trends_quarterly: %d rows whose counts disagree", n)
	}
	if got, want := scalar[int64](t, db, `SELECT sum(incidents_with_count) FROM trends_quarterly`),
		scalar[int64](t, db, `SELECT count(affected_count) FROM incidents`); got != want {
		t.Errorf("trends_quarterly: %d incidents with a count, want %d", got, want)
	}

	// events: every incident in exactly one event.
	if got, want := scalar[int64](t, db, `SELECT sum(incidents) FROM events`),
		scalar[int64](t, db, `SELECT count(*) FROM incidents`); got != want {
		t.Errorf("events hold %d incidents, want %d", got, want)
	}
	if got, want := scalar[int64](t, db, `SELECT count(*) FROM events`),
		scalar[int64](t, db, `SELECT count(DISTINCT event_id) FROM incidents`); got != want {
		t.Errorf("%d events, want %d", got, want)
	}
	if n := scalar[int64](t, db, `SELECT count(*) FROM trends_quarterly WHERE median_delay_days < 0 OR p90_delay_days < median_delay_days`); n != 0 {
		t.Errorf("trends_quarterly: %d rows with a negative median or p90 < median", n)
	}

	// Each derived table has the columns and types its dictionary entry
	// documents, in order.
	for _, d := range schemas.DerivedTables {
		got := rowsJSON(t, db, `SELECT column_name || ' ' || column_type AS c FROM (DESCRIBE `+d.Name+`)`)
		var want []string
		for _, c := range d.Columns {
			want = append(want, `{"c":"`+c.Name+` `+c.Type+`"}`)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s columns = %v, documented %v", d.Name, got, want)
		}
	}

	// delay_distribution: the 'all' row covers every known, non-negative delay.
	cols := rowsJSON(t, db, `SELECT column_name FROM (DESCRIBE delay_distribution)`)
	want := []string{"dimension", "value", "incidents", "median_days", "p75_days", "p90_days", "within_5d", "within_30d", "within_60d"}
	for i, c := range want {
		if i >= len(cols) || cols[i] != `{"column_name":"`+c+`"}` {
			t.Fatalf("delay_distribution columns = %v, want %v", cols, want)
		}
	}
	if got, want := scalar[int64](t, db, `SELECT incidents FROM delay_distribution WHERE dimension = 'all'`),
		scalar[int64](t, db, `SELECT count(*) FROM incidents WHERE disclosure_delay_days >= 0`); got != want {
		t.Errorf("delay_distribution all: %d incidents, want %d", got, want)
	}
	for _, dim := range []string{"cause", "sector"} {
		if got, want := scalar[int64](t, db, `SELECT sum(incidents) FROM delay_distribution WHERE dimension = '`+dim+`'`),
			scalar[int64](t, db, `SELECT incidents FROM delay_distribution WHERE dimension = 'all'`); got != want {
			t.Errorf("delay_distribution by %s adds up to %d, want %d", dim, got, want)
		}
	}
	if n := scalar[int64](t, db, `SELECT count(*) FROM delay_distribution
		WHERE NOT (median_days <= p75_days AND p75_days <= p90_days AND within_5d <= within_30d AND within_30d <= within_60d AND within_60d <= 1)`); n != 0 {
		t.Errorf("delay_distribution: %d rows out of order", n)
	}
	if got, want := scalar[float64](t, db, `SELECT median_days FROM delay_distribution WHERE dimension = 'all'`),
		scalar[float64](t, db, `SELECT median(disclosure_delay_days) FROM incidents WHERE disclosure_delay_days >= 0`); got != want {
		t.Errorf("median = %v, want %v", got, want)
	}

	// terms_quarterly: nouns only, counted per incident, sorted.
	if n := scalar[int64](t, db, `SELECT count(*) FROM terms_quarterly`); n == 0 {
		t.Fatal("terms_quarterly is empty")
	}
	if n := scalar[int64](t, db, `SELECT count(*) FROM terms_quarterly t
		WHERE t.incidents > (SELECT count(*) FROM incidents i WHERE coalesce(i.quarter, CAST(i.year AS VARCHAR), 'undated') = t.quarter)
		   OR t.occurrences < t.incidents OR t.incidents < 1`); n != 0 {
		t.Errorf("terms_quarterly: %d rows with impossible counts", n)
	}
	terms := rowsJSON(t, db, `SELECT quarter || ' ' || term AS k FROM terms_quarterly`)
	if !slices.IsSorted(terms) {
		t.Error("terms_quarterly is not sorted by quarter, term")
	}
	for _, term := range rowsJSON(t, db, `SELECT DISTINCT term FROM terms_quarterly`) {
		term = strings.TrimSuffix(strings.TrimPrefix(term, `{"term":"`), `"}`)
		if len([]rune(term)) < 2 || !strings.ContainsFunc(term, unicode.IsLetter) {
			t.Errorf("term %q: too short or no letter", term)
		}
	}
	// The corpus's ransomware and unauthorized-access notices name these.
	for _, term := range []string{"ランサムウェア", "不正", "アクセス"} {
		if n := scalar[int64](t, db, `SELECT count(*) FROM terms_quarterly WHERE term = '`+term+`'`); n == 0 {
			t.Errorf("term %s not found", term)
		}
	}
	for _, stop := range []string{"こと", "ため", "これ", "様"} {
		if n := scalar[int64](t, db, `SELECT count(*) FROM terms_quarterly WHERE term = '`+stop+`'`); n != 0 {
			t.Errorf("%s is not a term (non-independent noun, pronoun or suffix)", stop)
		}
	}

	// A rerun writes byte-identical derived files.
	again := filepath.Join(dir, "again")
	run(t, again, 1)
	for _, table := range []string{"trends_quarterly", "delay_distribution", "terms_quarterly", "events"} {
		a, err := os.ReadFile(filepath.Join(out, table, "part-00000.parquet"))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(again, table, "part-00000.parquet"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: a rerun wrote different bytes", table)
		}
	}
}

// termsOracle is terms_quarterly as its definition says, every occurrence
// grouped by incident and term: the table's query splits incidents of one
// notice from the others for speed, and must give these rows.
const termsOracle = `
WITH per_incident AS (
  SELECT n.incident_id, t.term, count(*) AS occurrences
  FROM notices n, unnest(n.terms) AS t(term)
  GROUP BY n.incident_id, t.term
)
SELECT coalesce(i.quarter, CAST(i.year AS VARCHAR), 'undated') AS quarter, p.term,
       count(*)::BIGINT AS incidents, sum(p.occurrences)::BIGINT AS occurrences
FROM per_incident p JOIN incidents i ON p.incident_id = i.incident_id
GROUP BY ALL`

// TestTermsQuarterlyMatchesItsDefinition: the rows of terms_quarterly are
// the oracle's, on a corpus with incidents of one notice and of several.
func TestTermsQuarterlyMatchesItsDefinition(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	run(t, out, 2)
	db := open(t, out)
	if n := scalar[int64](t, db, `SELECT count(*) FROM (SELECT incident_id FROM notices
		WHERE incident_id IS NOT NULL AND len(terms) > 0 GROUP BY incident_id HAVING count(*) > 1)`); n == 0 {
		t.Fatal("the corpus has no incident of several notices with terms: the test would not cover them")
	}
	if n := scalar[int64](t, db, `SELECT count(*) FROM notices n WHERE len(terms) > len(list_distinct(terms))
		AND (SELECT count(*) FROM notices m WHERE m.incident_id = n.incident_id) = 1`); n == 0 {
		t.Fatal("the corpus has no incident of one notice that repeats a term: the test would not cover its distinct count")
	}
	for _, q := range []string{
		"SELECT * FROM terms_quarterly EXCEPT ALL (" + termsOracle + ")",
		"(" + termsOracle + ") EXCEPT ALL SELECT * FROM terms_quarterly",
	} {
		if rows := rowsJSON(t, db, q); len(rows) > 0 {
			t.Errorf("terms_quarterly and its definition differ:\n%s", strings.Join(rows, "\n"))
		}
	}
	if n := scalar[int64](t, db, "SELECT count(*) FROM terms_quarterly"); n == 0 {
		t.Error("terms_quarterly is empty")
	}
}
