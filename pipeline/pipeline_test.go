package pipeline

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/duck"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/e2e")

var corpus = testcorpus.SampleDir()

func run(t *testing.T, out string, workers int, inputs ...string) Summary {
	t.Helper()
	if len(inputs) == 0 {
		inputs = []string{corpus}
	}
	cfg := Config{Inputs: inputs, Out: out, Workers: workers}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum
}

func open(t *testing.T, out string) *sql.DB {
	t.Helper()
	db, err := duck.Open(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// rowsJSON returns the rows of query as JSON lines, in the order DuckDB
// gives them.
func rowsJSON(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		for i, c := range cols {
			m[c] = vals[i]
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func scalar[T any](t *testing.T, db *sql.DB, query string) T {
	t.Helper()
	var v T
	if err := db.QueryRow(query).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

// TestSeedsEndToEnd runs the pipeline on the bundled corpus and reads the
// tables back through DuckDB.
func TestSeedsEndToEnd(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	sum := run(t, out, 2)
	if sum.Files != 5 || sum.Segments != 26 || sum.Notices != 24 || sum.Rejects != 0 {
		t.Errorf("summary = %+v, want 5 files, 26 segments, 24 notices, 0 rejects", sum)
	}
	db := open(t, out)
	checks := []struct {
		query string
		want  int64
	}{
		{"SELECT count(*) FROM notices", 26},
		{"SELECT count(*) FROM notices WHERE is_incident", 24},
		{"SELECT count(*) FROM notices WHERE NOT is_incident AND cause IS NULL", 2},
		{"SELECT count(DISTINCT notice_id) FROM notices", 26},
		{"SELECT count(*) FROM notices WHERE is_incident AND incident_id IS NULL", 0},
		{"SELECT count(*) FROM incidents", int64(sum.Incidents)},
		{"SELECT reports FROM incidents WHERE case_id = '2023-446'", 3},
		{"SELECT reports FROM incidents WHERE case_id = '2023-257'", 2},
		{"SELECT count(*) FROM rejects", 0},
		{"SELECT count(*) FROM timeline WHERE incident_id IS NULL", 0},
		{"SELECT (SELECT sum(incidents) FROM trends_quarterly) - (SELECT count(*) FROM incidents)", 0}, // every incident counted somewhere
		{"SELECT count(*) FROM notices WHERE source_path = '001_0402608ccf3891a8.txt'", 8},
	}
	for _, c := range checks {
		if got := scalar[int64](t, db, c.query); got != c.want {
			t.Errorf("%s = %d, want %d", c.query, got, c.want)
		}
	}
	// Column types are the GUIDE's.
	types := map[string]string{"published_date": "DATE", "affected_count": "BIGINT", "report_seq": "INTEGER",
		"data_types": "VARCHAR[]", "is_incident": "BOOLEAN", "case_id": "VARCHAR"}
	for col, want := range types {
		got := scalar[string](t, db, fmt.Sprintf("SELECT typeof(%s) FROM notices LIMIT 1", col))
		if got != want {
			t.Errorf("typeof(%s) = %s, want %s", col, got, want)
		}
	}
	// The tables are Parquet files a reader finds by glob.
	for _, table := range []string{"notices", "incidents", "timeline", "rejects", "trends_quarterly"} {
		if files, _ := filepath.Glob(filepath.Join(out, table, "*.parquet")); len(files) == 0 {
			t.Errorf("table %s: no Parquet file", table)
		}
	}
}

// TestWorkersWriteIdenticalRows: the rows and their order are the same for
// one worker and four, and for a second run over the same input.
func TestWorkersWriteIdenticalRows(t *testing.T) {
	if testing.Short() && os.Getenv("CI") == "" {
		t.Log("runs in -short too: the corpus is small")
	}
	dir := t.TempDir()
	outs := []string{filepath.Join(dir, "w1"), filepath.Join(dir, "w4"), filepath.Join(dir, "w4again")}
	run(t, outs[0], 1)
	run(t, outs[1], 4)
	run(t, outs[2], 4)
	for _, table := range []string{"notices", "incidents", "timeline", "rejects", "trends_quarterly", "delay_distribution", "terms_quarterly"} {
		// The same bytes, too: the Parquet writers and DuckDB (as many
		// threads as the run has cores) write the same files.
		file := filepath.Join(table, "part-00000.parquet")
		want, err := os.ReadFile(filepath.Join(outs[0], file))
		if err != nil {
			t.Fatal(err)
		}
		for _, out := range outs[1:] {
			if got, err := os.ReadFile(filepath.Join(out, file)); err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s of %s differs from %s's (%v)", file, filepath.Base(out), filepath.Base(outs[0]), err)
			}
		}
		var ref []string
		for i, out := range outs {
			db := open(t, out)
			rows := rowsJSON(t, db, "SELECT * FROM "+table)
			if i == 0 {
				ref = rows
				continue
			}
			if strings.Join(rows, "\n") != strings.Join(ref, "\n") {
				t.Errorf("table %s: %s differs from %s", table, filepath.Base(out), filepath.Base(outs[0]))
			}
		}
	}
}

// TestWorkersBoundCores: --workers is the most cores a run uses. A run with
// fewer workers than GOMAXPROCS lowers it for the run and restores it; one
// with more does not raise it; a GOMAXPROCS set in the environment wins.
func TestWorkersBoundCores(t *testing.T) {
	procs := runtime.GOMAXPROCS(0)
	tests := []struct {
		name    string
		workers int
		env     string
		want    int
	}{
		{"one worker", 1, "", 1},
		{"more workers than cores", procs + 2, "", procs},
		{"GOMAXPROCS set", 1, strconv.Itoa(procs), procs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv("GOMAXPROCS", tt.env)
			}
			out := filepath.Join(t.TempDir(), "out")
			run(t, out, tt.workers, filepath.Join(corpus, "000_ad3ee41a9ddb441a.txt"))
			if got := runtime.GOMAXPROCS(0); got != procs {
				t.Fatalf("GOMAXPROCS after the run = %d, was %d", got, procs)
			}
			b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
			if err != nil {
				t.Fatal(err)
			}
			var m Manifest
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			if m.Cores != tt.want || m.Workers != tt.workers {
				t.Errorf("manifest: %d workers on %d cores, want %d on %d", m.Workers, m.Cores, tt.workers, tt.want)
			}
		})
	}
}

// TestFailedRunKeepsPreviousTables: a run that fails leaves the previous
// tables in place and readable, and leaves no staging folder behind.
func TestFailedRunKeepsPreviousTables(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	run(t, out, 2)
	before := rowsJSON(t, open(t, out), "SELECT notice_id FROM notices")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg := Config{Inputs: []string{corpus}, Out: out, Workers: 2}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, cfg); err == nil {
		t.Fatal("run with a cancelled context succeeded")
	}
	after := rowsJSON(t, open(t, out), "SELECT notice_id FROM notices")
	if strings.Join(before, ",") != strings.Join(after, ",") {
		t.Error("a failed run changed the tables")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "out" && e.Name() != "out.lock" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestEndToEndGolden runs each end-to-end case and compares the notices'
// extracted fields with testdata/e2e/<case>/notices.jsonl (sorted JSON
// lines): the sample corpus, and notices written for the tests in the
// styles of prefectures, hospitals, schools, banks and shops (HTML in
// Shift_JIS, JSON Lines and gzip among them).
func TestEndToEndGolden(t *testing.T) {
	cases := map[string]string{
		"seeds":   corpus,
		"written": filepath.Join("..", "testdata", "e2e", "written", "input"),
	}
	for name, input := range cases {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			run(t, out, 2, input)
			rows := rowsJSON(t, open(t, out), `
SELECT source_path, segment_index, is_incident, case_id, report_seq, final_report, organization,
       strftime(published_date, '%Y-%m-%d') AS published, strftime(discovered_date, '%Y-%m-%d') AS discovered,
       strftime(occurred_date, '%Y-%m-%d') AS occurred, affected_count, affected_approx, cause, sector,
       array_to_string(data_types, ',') AS data_types, veris_action, tsr_category, disclosure_delay_days
FROM notices ORDER BY source_path, segment_index`)
			got := strings.Join(rows, "\n") + "\n"
			path := filepath.Join("..", "testdata", "e2e", name, "notices.jsonl")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./pipeline -update to create it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) && i < len(wl); i++ {
					if gl[i] != wl[i] {
						t.Errorf("line %d:\n got %s\nwant %s", i+1, gl[i], wl[i])
					}
				}
				if len(gl) != len(wl) {
					t.Errorf("got %d lines, want %d", len(gl), len(wl))
				}
				t.Log("if the change is intended: go test ./pipeline -run Golden -update")
			}
		})
	}
}
