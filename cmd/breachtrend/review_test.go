package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewWorkflow runs the README's five commands: run, review, copy
// the sheet beside the corpus and fill it, run again (the default
// corrections file is picked up), eval (both scores).
func TestReviewWorkflow(t *testing.T) {
	dir := t.TempDir()
	corpus, out := filepath.Join(dir, "corpus"), filepath.Join(dir, "out")
	os.MkdirAll(corpus, 0o755)
	files, _ := filepath.Glob("../../testdata/corpus/*.txt")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(corpus, filepath.Base(f)), b, 0o644)
	}
	do := func(code int, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if got := dispatch(context.Background(), args, &stdout, &stderr); got != code {
			t.Fatalf("breachtrend %s: exit %d, want %d: %s", strings.Join(args, " "), got, code, stderr.String())
		}
		return stdout.String()
	}
	do(0, "run", "--in", corpus, "--out", out, "--quiet")
	if msg := do(0, "review", "--out", out, "--limit", "5"); !strings.Contains(msg, "5 fields to review written to "+filepath.Join(out, "review.csv")) {
		t.Errorf("review said %q", msg)
	}
	sheet, err := os.ReadFile(filepath.Join(out, "review.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(sheet), "\r\n")
	// Row 1 is an unknown cause on the sample corpus.
	if !strings.Contains(lines[1], ",cause,unknown,") {
		t.Fatalf("first review row: %s", lines[1])
	}
	lines[1] = strings.TrimSuffix(lines[1], ",,") + ",unauthorized_access,本文を確認"
	os.WriteFile(filepath.Join(dir, "corrections.csv"), []byte(strings.Join(lines, "\r\n")), 0o644)
	do(0, "run", "--in", corpus, "--out", out, "--quiet")
	q := do(0, "query", "--out", out, "--format", "csv", "SELECT field, status FROM corrections")
	if q != "field,status\ncause,applied\n" {
		t.Errorf("corrections table:\n%s", q)
	}
	ev := do(0, "eval", "--gold", "../../testdata/gold/seeds.jsonl", "--out", out)
	if !strings.Contains(ev, "corrections: 1 fields of 1 notices") || !strings.Contains(ev, "extractor alone:") {
		t.Errorf("eval:\n%s", ev)
	}
	// The filled sheet in out is never replaced; -o writes elsewhere.
	os.WriteFile(filepath.Join(out, "review.csv"), []byte(strings.Join(lines, "\r\n")), 0o644)
	do(2, "review", "--out", out)
	do(0, "review", "--out", out, "--format", "md", "-o", filepath.Join(dir, "r.md"))
	do(2, "review", "--out", out, "--format", "xlsx")
	do(2, "review", "--out", out, "--limit", "-1")
	do(2, "run", "--in", corpus, "--out", out, "--corrections", filepath.Join(dir, "none.csv"))
	os.WriteFile(filepath.Join(dir, "bad.csv"), []byte("a,b\n1,2\n"), 0o644)
	do(2, "run", "--in", corpus, "--out", out, "--corrections", filepath.Join(dir, "bad.csv"))
}
