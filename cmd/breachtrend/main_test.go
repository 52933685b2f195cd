package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/pipeline"
	"github.com/breachtrend/breachtrend/schemas"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
)

// TestReadmeTables: README's table section is the dictionary, so a column
// added to a table without its documentation fails the build.
func TestReadmeTables(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := schemas.WriteMarkdown(&md, schemas.Dictionary()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), md.String()) {
		t.Error("README.md's tables section differs from `breachtrend tables`; paste its output between the tables markers")
	}
}

func TestExitCodes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	escape := filepath.Join(t.TempDir(), "escape.csv") // outside the output folder
	emptyGold := filepath.Join(t.TempDir(), "gold.jsonl")
	if err := os.WriteFile(emptyGold, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"--help"}, 0},
		{[]string{"nope"}, 2},
		{[]string{"run", "--help"}, 0},
		{[]string{"run", "--bogus"}, 2},
		{[]string{"run", "--in", "/does/not/exist", "--out", out}, 2},
		{[]string{"query", "--out", out}, 2},
		{[]string{"query", "--out", out, "--format", "xml", "SELECT 1"}, 2},
		{[]string{"query", "--out", out, "SELECT 1"}, 1}, // no tables yet
		{[]string{"eval", "--out", out}, 2},
		{[]string{"run", "--in", testcorpus.SampleDir(), "--out", out, "--quiet"}, 0},
		{[]string{"query", "--out", out, "SELECT count(*) FROM notices"}, 0},
		{[]string{"query", "--out", out, "SELECT * FROM no_such_table"}, 1},
		{[]string{"query", "--out", out, "COPY (SELECT 1) TO '" + escape + "'"}, 2}, // refused
		{[]string{"eval", "--out", out, "--gold", "../../testdata/gold/seeds.jsonl"}, 0},
		{[]string{"eval", "--out", out, "--gold", emptyGold}, 2},
		{[]string{"tables"}, 0},
		{[]string{"run", "--in", testcorpus.SampleDir(), "--out", out, "--workers", "0"}, 2},
		{[]string{"run", "--in", testcorpus.SampleDir(), "--out", out, "--workers", "-3"}, 2},
		{[]string{"run", "--in", testcorpus.SampleDir(), "--out", out, "--max-rejects", "-1"}, 2},
		{[]string{"run", "--in", testcorpus.SampleDir(), "--out", out, "--sectors", testcorpus.SampleDir()}, 2},
		{[]string{"tables", "extra"}, 2},
		{[]string{"eval", "--gold", filepath.Join(testcorpus.SampleDir(), "..", "gold", "seeds.jsonl"), "--out", out, "extra"}, 2},
		{[]string{"run", "--in", testcorpus.SampleDir(), "--out", ""}, 2},
		{[]string{"version"}, 0},
		{[]string{"--version"}, 0},
		{[]string{"version", "extra"}, 2},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := dispatch(context.Background(), tt.args, &stdout, &stderr); code != tt.code {
			t.Errorf("breachtrend %s: exit %d, want %d\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, stderr.String())
		}
	}
	if _, err := os.Stat(escape); err == nil {
		t.Error("query wrote a file outside the output folder")
	}
}

func TestQueryFormats(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code := dispatch(context.Background(), []string{"run", "--in", testcorpus.SampleDir(), "--out", out, "--quiet"}, new(bytes.Buffer), new(bytes.Buffer)); code != 0 {
		t.Fatal("run failed")
	}
	q := "SELECT case_id, published_date, data_types FROM notices WHERE case_id = '2023-265'"
	want := map[string]string{
		"table": "2023-265  2023-06-29",
		"csv":   "case_id,published_date,data_types\n2023-265,2023-06-29,",
		"json":  `"published_date": "2023-06-29"`,
	}
	for format, w := range want {
		var stdout bytes.Buffer
		if code := dispatch(context.Background(), []string{"query", "--out", out, "--format", format, q}, &stdout, new(bytes.Buffer)); code != 0 {
			t.Fatalf("query --format %s failed", format)
		}
		if !strings.Contains(stdout.String(), w) {
			t.Errorf("--format %s:\n%s\nwant it to contain %q", format, stdout.String(), w)
		}
	}
}

// TestHelpGoesToStdout: every command's --help and -h print its usage on
// stdout and exit 0, as the top-level help does; a flag error lists the
// flags on stderr.
func TestHelpGoesToStdout(t *testing.T) {
	for name := range commands {
		for _, flag := range []string{"--help", "-h"} {
			var stdout, stderr bytes.Buffer
			code := dispatch(context.Background(), []string{name, flag}, &stdout, &stderr)
			if code != 0 || !strings.HasPrefix(stdout.String(), "Usage: breachtrend "+name) || stderr.Len() > 0 {
				t.Errorf("%s %s: exit %d\nstdout: %s\nstderr: %s", name, flag, code, stdout.String(), stderr.String())
			}
		}
	}
	var stdout, stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"run", "--bogus"}, &stdout, &stderr); code != 2 ||
		stdout.Len() > 0 || !strings.Contains(stderr.String(), "--workers") {
		t.Errorf("run --bogus: exit %d\nstdout: %s\nstderr: %s", code, stdout.String(), stderr.String())
	}
}

// TestRunWithoutIn: run with no --in where the sample corpus it defaults
// to is not says so, exit 2, naming --in.
func TestRunWithoutIn(t *testing.T) {
	t.Chdir(t.TempDir())
	var stdout, stderr bytes.Buffer
	code := dispatch(context.Background(), []string{"run", "--out", "out"}, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "no --in given") || !strings.Contains(stderr.String(), "--in PATH") {
		t.Errorf("run without --in: exit %d, stderr %q", code, stderr.String())
	}
}

// TestEvalMatchingNothing: eval of labels against the run of another
// corpus prints its zeros and fails, saying why, instead of a score.
func TestEvalMatchingNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"run", "--quiet", "--in", testcorpus.SampleDir(), "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr.String())
	}
	gold := filepath.Join(t.TempDir(), "other.jsonl")
	line := `{"source": "elsewhere.txt", "snippet": "どこにもない文", "is_incident": true, "case_id": [null], "report_seq": [null], "final_report": [false], "organization": [null], "published_date": [null], "discovered_date": [null], "occurred_date": [null], "affected_count": [null], "cause": ["unknown"], "sector": [null], "data_types": []}`
	if err := os.WriteFile(gold, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	code := dispatch(context.Background(), []string{"eval", "--gold", gold, "--out", out}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "matches a notice") {
		t.Errorf("eval of another corpus's labels: exit %d, stderr %q", code, stderr.String())
	}
}

// TestRunSynopses: every flag run --help lists is in run's synopsis, in
// the top-level usage and in the README's command list.
func TestRunSynopses(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"run", "--help"}, &stdout, &stderr); code != 0 {
		t.Fatalf("run --help: exit %d: %s", code, stderr.String())
	}
	_, flagList, ok := strings.Cut(stdout.String(), "Flags:")
	if !ok {
		t.Fatalf("run --help lists no flags:\n%s", stdout.String())
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	flags := regexp.MustCompile(`(?m)^\s+(?:-\w, )?(--[a-z-]+)`).FindAllStringSubmatch(flagList, -1)
	if len(flags) < 10 {
		t.Fatalf("read %d flags from run --help", len(flags))
	}
	for _, f := range flags {
		for where, text := range map[string]string{"runSynopsis": runSynopsis, "the top-level usage": usage, "README.md": string(readme)} {
			if !strings.Contains(text, "["+f[1]) {
				t.Errorf("%s is not in %s", f[1], where)
			}
		}
	}
}

// TestVersion: --version names breachtrend's, Go's, DuckDB's and the
// rules' versions.
func TestVersion(t *testing.T) {
	var stdout bytes.Buffer
	if code := dispatch(context.Background(), []string{"--version"}, &stdout, new(bytes.Buffer)); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"breachtrend " + pipeline.Version + " (commit ", runtime.Version(), "DuckDB  v1.", "rules   " + pipeline.RulesVersion()} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("--version:\n%s\nwant it to contain %q", stdout.String(), want)
		}
	}
}

// TestRunKeepsUserFiles: run refuses a folder of the user's files with
// exit 2 and a message naming it; a report written into --out by the
// report command (its default place) survives the next run.
func TestRunKeepsUserFiles(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "thesis.tex"), []byte("chapter 1"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"run", "--in", testcorpus.SampleDir(), "--out", docs, "--quiet"}, new(bytes.Buffer), &stderr); code != 2 ||
		!strings.Contains(stderr.String(), docs) {
		t.Errorf("run --out %s: exit %d, want 2 and a message naming it: %s", docs, code, stderr.String())
	}
	if b, err := os.ReadFile(filepath.Join(docs, "thesis.tex")); err != nil || string(b) != "chapter 1" {
		t.Errorf("the user's file: %q, %v", b, err)
	}

	out := filepath.Join(dir, "out")
	for _, args := range [][]string{
		{"run", "--in", testcorpus.SampleDir(), "--out", out, "--quiet"},
		{"report", "--out", out, "--quarter", "2023Q3", "--quiet"},
		{"run", "--in", testcorpus.SampleDir(), "--out", out, "--quiet"},
	} {
		if code := dispatch(context.Background(), args, new(bytes.Buffer), &stderr); code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(out, "report-2023Q3.html")); err != nil {
		t.Errorf("the report did not survive the rerun: %v", err)
	}
}
