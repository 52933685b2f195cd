package main

import (
	"bytes"
	"context"
	"github.com/breachtrend/breachtrend/internal/filesnap"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	queryOutOnce sync.Once
	queryOutDir  string
	queryOutErr  string
)

// queryOut returns the output folder of a run on the bundled corpus,
// made once for the query tests, which must leave it as it is.
func queryOut(t *testing.T) string {
	t.Helper()
	queryOutOnce.Do(func() {
		dir, err := os.MkdirTemp("", "breachtrend-query-test-")
		if err != nil {
			queryOutErr = err.Error()
			return
		}
		queryOutDir = filepath.Join(dir, "out")
		var stderr bytes.Buffer
		if code := dispatch(context.Background(), []string{"run", "--in", "../../testdata/corpus", "--out", queryOutDir, "--quiet"}, new(bytes.Buffer), &stderr); code != 0 {
			queryOutErr = "run: " + stderr.String()
		}
	})
	if queryOutErr != "" {
		t.Fatal(queryOutErr)
	}
	return queryOutDir
}

// query runs breachtrend query with args and returns its exit code,
// stdout and stderr.
func query(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := dispatch(context.Background(), append([]string{"query"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestQueryWritesNothing: each write the issue found (and its kin) is
// refused with exit 2 and a message, and no file in the output folder, the
// working directory or the temp folder is created or changed.
func TestQueryWritesNothing(t *testing.T) {
	out := queryOut(t)
	cwd := t.TempDir()
	t.Chdir(cwd)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	q := func(s string) string { return "'" + s + "'" }
	tests := []struct{ sql, says string }{
		{"COPY (SELECT 1) TO " + q(filepath.Join(out, "manifest.json")), "--format csv -o FILE"},
		{"COPY (SELECT * FROM notices LIMIT 1) TO " + q(filepath.Join(out, "notices", "part-x.parquet")) + " (FORMAT parquet)", "--format csv -o FILE"},
		{"COPY notices TO " + q(filepath.Join(out, "notices", "part-00000.parquet")) + " (FORMAT parquet)", "--format csv -o FILE"},
		{"COPY notices TO 'notices.csv'", "--format csv -o FILE"},
		{"EXPORT DATABASE 'db'", "--format csv -o FILE"},
		{"ATTACH " + q(filepath.Join(out, "new.duckdb")), "ATTACH"},
		{"ATTACH 'new.duckdb'", "ATTACH"},
		{"EXPLAIN ANALYZE COPY notices TO 'notices.csv'", "--format csv -o FILE"},
		{"DROP VIEW notices", "DROP is not one"},
		{"CREATE TABLE t AS SELECT 1", "CREATE is not one"},
		// Writes DuckDB cannot bind against the views: refused as writes,
		// not left to the binder's "notices is not an table".
		{"INSERT INTO notices SELECT * FROM notices", "INSERT is not one"},
		{"UPDATE notices SET organization = 'x'", "UPDATE is not one"},
		{"DELETE FROM notices", "DELETE is not one"},
		{"SELECT 1; SELECT 2", "more than one statement"},
		{"CREATE TABLE t AS SELECT 1; SELECT 1", "more than one statement"},
		{"INSTALL httpfs", "INSTALL"},
		{"LOAD parquet", "INSTALL"},
		{"SET temp_directory = '.tmp'", "SET"},
		{"PRAGMA enable_profiling = 'json'", "PRAGMA"},
		{"SET enable_external_access = true", "SET"},
		// typed SELECT; run, it would abort the process at exit
		{"FROM enable_logging(level = 'trace', storage = 'file', storage_path = 'logs')", "changes the session"},
	}
	before := filesnap.Take(t, out, cwd)
	for _, tt := range tests {
		code, stdout, stderr := query(t, "--out", out, tt.sql)
		if code != 2 || !strings.Contains(stderr, tt.says) || stdout != "" {
			t.Errorf("query %q: exit %d, stderr %q, stdout %q; want exit 2 saying %q", tt.sql, code, stderr, stdout, tt.says)
		}
	}
	// A query that spills to disk spills into the private temp folder,
	// removed at the end: nothing is left in TMPDIR, nothing in the
	// working directory (DuckDB's default is <cwd>/.tmp).
	code, _, stderr := query(t, "--out", out, "--memory", "64MB", "--format", "csv",
		"SELECT sum(x) FROM (SELECT hash(range) AS x FROM range(6000000) ORDER BY hash(range * 7) LIMIT 3000000)")
	if code != 0 {
		t.Errorf("spilling query: exit %d: %s", code, stderr)
	}
	filesnap.AssertUnchanged(t, "after the refused writes and a spilling query", before, filesnap.Take(t, out, cwd))
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("TMPDIR holds %d entries after the queries (%s …); want none", len(left), left[0].Name())
	}
	if code, stdout, _ := query(t, "--out", out, "SELECT count(*) AS n FROM notices"); code != 0 || !strings.Contains(stdout, "n\n") {
		t.Errorf("notices after the refusals: exit %d, %q", code, stdout)
	}
}

// TestQueryMemoryLimit: a query that wants gigabytes stops quickly under
// --memory with an error that names the flag.
func TestQueryMemoryLimit(t *testing.T) {
	out := queryOut(t)
	start := time.Now()
	code, _, stderr := query(t, "--out", out, "--memory", "100MB", "SELECT list(range) FROM range(1000000000)")
	if code != 1 || !strings.Contains(stderr, "--memory 100MB") || !strings.Contains(stderr, "Out of Memory") {
		t.Errorf("exit %d, stderr %q; want exit 1 naming --memory", code, stderr)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("took %s to stop", d)
	}
	// A limit too small even to plan the query (the read-only check
	// explains it first) is named as well, whichever step it stops.
	for range 8 {
		code, _, stderr := query(t, "--out", out, "--memory", "1KB", "SELECT 1 AS x")
		if code != 1 || !strings.Contains(stderr, "--memory 1KB") {
			t.Fatalf("--memory 1KB: exit %d, stderr %q; want exit 1 naming --memory", code, stderr)
		}
	}
}

// TestQueryTimeout: --timeout interrupts a long query.
func TestQueryTimeout(t *testing.T) {
	out := queryOut(t)
	start := time.Now()
	code, _, stderr := query(t, "--out", out, "--timeout", "1s",
		"SELECT count(*) FROM range(1000000) a, range(10000000) b WHERE a.range + b.range % 7 = 3")
	if code != 1 || !strings.Contains(stderr, "--timeout 1s") {
		t.Errorf("exit %d, stderr %q; want exit 1 naming --timeout", code, stderr)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("took %s to stop", d)
	}
}

func TestQueryOutputFile(t *testing.T) {
	out := queryOut(t)
	dir := t.TempDir()
	sql := "SELECT case_id, title FROM notices ORDER BY notice_id LIMIT 5"
	_, want, _ := query(t, "--out", out, "--format", "csv", sql)
	file := filepath.Join(dir, "notices.csv")
	if code, stdout, stderr := query(t, "--out", out, "--format", "csv", "-o", file, sql); code != 0 || stdout != "" {
		t.Fatalf("-o: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	if got, err := os.ReadFile(file); err != nil || string(got) != want {
		t.Errorf("-o wrote %q, %v; want %q", got, err, want)
	}
	// A failed query leaves the file as it was and no temp file.
	if code, _, _ := query(t, "--out", out, "-o", file, "SELECT * FROM nope"); code != 1 {
		t.Errorf("failed query with -o: exit %d", code)
	}
	if got, _ := os.ReadFile(file); string(got) != want {
		t.Errorf("a failed query changed %s", file)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%s holds %d entries; want only notices.csv", dir, len(entries))
	}
	if code, _, _ := query(t, "--out", out, "-o", filepath.Join(dir, "missing", "x.csv"), sql); code != 1 {
		t.Errorf("-o into a missing folder: exit %d; want 1", code)
	}

	// A symlink is written through, not replaced; one into a table folder
	// is refused.
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := query(t, "--out", out, "--format", "json", "-o", link, sql); code != 0 {
		t.Errorf("-o link: exit %d: %s", code, stderr)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("-o link replaced the link: %v, %v", info.Mode(), err)
	}
	if got, _ := os.ReadFile(file); !strings.HasPrefix(string(got), "[") {
		t.Errorf("-o link did not write through to %s: %q", file, got)
	}
	badLink := filepath.Join(dir, "bad.parquet")
	if err := os.Symlink(filepath.Join(out, "notices", "part-00000.parquet"), badLink); err != nil {
		t.Fatal(err)
	}

	before := filesnap.Take(t, out)
	for _, bad := range []string{
		badLink,
		filepath.Join(out, "notices", "x.csv"),
		filepath.Join(out, "notices", "part-00000.parquet"),
		filepath.Join(out, "_cache", "x.csv"),
		filepath.Join(out, "manifest.json"),
		filepath.Join(out, ".breachtrend-output"), // the marker: every later run would refuse out
		out,
	} {
		// --force replaces a file breachtrend did not write, never one of
		// its own.
		for _, force := range [][]string{nil, {"--force"}} {
			args := append(append([]string{"--out", out}, force...), "-o", bad, sql)
			if code, _, stderr := query(t, args...); code != 2 {
				t.Errorf("%v -o %s: exit %d (%s); want 2", force, bad, code, stderr)
			}
		}
	}
	filesnap.AssertUnchanged(t, "after refused -o files", before, filesnap.Take(t, out))
	// An analyst's file beside the tables is fine.
	mine := filepath.Join(out, "mine.csv")
	if code, _, stderr := query(t, "--out", out, "-o", mine, sql); code != 0 {
		t.Errorf("-o %s: exit %d: %s", mine, code, stderr)
	}
	os.Remove(mine)
}

func TestQueryCSVFlags(t *testing.T) {
	out := queryOut(t)
	sql := "SELECT '=1+1' AS f, NULL AS n, '' AS e"
	tests := []struct {
		args []string
		want string
	}{
		{nil, "f,n,e\n'=1+1,,\"\"\n"},
		{[]string{"--null", "NULL", "--csv-raw"}, "f,n,e\n=1+1,NULL,\"\"\n"},
	}
	for _, tt := range tests {
		args := append(append([]string{"--out", out, "--format", "csv"}, tt.args...), sql)
		if code, stdout, stderr := query(t, args...); code != 0 || stdout != tt.want {
			t.Errorf("query %v: exit %d, %q (%s); want %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
}

func TestQueryUsage(t *testing.T) {
	code, stdout, stderr := query(t, "-h")
	if code != 0 || !strings.Contains(stdout, "one read-only statement") || !strings.Contains(stdout, "--timeout") || stderr != "" {
		t.Errorf("query -h: exit %d, stdout %q, stderr %q; want the usage on stdout", code, stdout, stderr)
	}
	out := queryOut(t)
	for _, args := range [][]string{
		{"--memory", "lots", "SELECT 1"},
		{"--memory", "0", "SELECT 1"},
		{"--timeout", "-1s", "SELECT 1"},
		{"--bogus", "SELECT 1"},
		{"SELECT 1", "SELECT 2"},
	} {
		if code, _, stderr := query(t, append([]string{"--out", out}, args...)...); code != 2 || stderr == "" {
			t.Errorf("query %v: exit %d, stderr %q; want 2 with a message", args, code, stderr)
		}
	}
}
