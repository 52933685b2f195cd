package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
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
		{[]string{"run", "--in", "../../testdata/corpus", "--out", out, "--quiet"}, 0},
		{[]string{"query", "--out", out, "SELECT count(*) FROM notices"}, 0},
		{[]string{"query", "--out", out, "SELECT * FROM no_such_table"}, 1},
		{[]string{"query", "--out", out, "COPY (SELECT 1) TO '/tmp/breachtrend-escape.csv'"}, 2}, // refused
		{[]string{"eval", "--out", out, "--gold", "../../testdata/gold/seeds.jsonl"}, 0},
		{[]string{"tables"}, 0},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := dispatch(context.Background(), tt.args, &stdout, &stderr); code != tt.code {
			t.Errorf("breachtrend %s: exit %d, want %d\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, stderr.String())
		}
	}
	if _, err := os.Stat("/tmp/breachtrend-escape.csv"); err == nil {
		t.Error("query wrote a file outside the output folder")
	}
}

func TestQueryFormats(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code := dispatch(context.Background(), []string{"run", "--in", "../../testdata/corpus", "--out", out, "--quiet"}, new(bytes.Buffer), new(bytes.Buffer)); code != 0 {
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
