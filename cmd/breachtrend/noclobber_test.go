package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/atomicfile"
)

// TestCommandsKeepFilesTheyDidNotWrite: report, review and query -o never
// replace an analyst's file of the same name (exit 2, a message naming
// the file and --force, the file unchanged); they replace their own
// earlier output, and anything with --force.
func TestCommandsKeepFilesTheyDidNotWrite(t *testing.T) {
	out := queryOut(t)
	dir := t.TempDir()
	analysts := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("an analyst's own notes\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run := func(args ...string) (int, string) {
		var stderr bytes.Buffer
		code := dispatch(context.Background(), args, new(bytes.Buffer), &stderr)
		return code, stderr.String()
	}
	kept := func(p string) {
		t.Helper()
		if b, _ := os.ReadFile(p); string(b) != "an analyst's own notes\n" {
			t.Errorf("%s was replaced: %.60q", p, b)
		}
	}

	for _, c := range []struct {
		name string
		args func(file string) []string
	}{
		{"report.html", func(f string) []string { return []string{"report", "--out", out, "--quiet", "-o", f} }},
		{"report.md", func(f string) []string {
			return []string{"report", "--out", out, "--quiet", "--format", "md", "-o", f}
		}},
		{"review.csv", func(f string) []string { return []string{"review", "--out", out, "--quiet", "-o", f} }},
		{"review.md", func(f string) []string {
			return []string{"review", "--out", out, "--quiet", "--format", "md", "-o", f}
		}},
		{"export.csv", func(f string) []string {
			return []string{"query", "--out", out, "--format", "csv", "-o", f, "SELECT count(*) FROM notices"}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			mine := analysts("mine-" + c.name)
			code, stderr := run(c.args(mine)...)
			if code != 2 || !strings.Contains(stderr, mine) || !strings.Contains(stderr, "--force") {
				t.Errorf("onto an analyst's file: exit %d, stderr %q; want 2 and a message naming the file and --force", code, stderr)
			}
			kept(mine)

			ours := filepath.Join(dir, "ours-"+c.name)
			if code, stderr := run(c.args(ours)...); code != 0 {
				t.Fatalf("first write: exit %d: %s", code, stderr)
			}
			if err := atomicfile.Guard(ours, nil); errors.Is(err, atomicfile.ErrNotOurs) && strings.HasPrefix(c.name, "export") {
				t.Log("no extended attributes on this file system: a query export is replaced only with --force")
			} else if code, stderr := run(c.args(ours)...); code != 0 {
				t.Errorf("rewriting its own output: exit %d: %s", code, stderr)
			}

			if code, stderr := run(append(c.args(mine), "--force")...); code != 0 {
				t.Fatalf("--force: exit %d: %s", code, stderr)
			}
			if b, _ := os.ReadFile(mine); strings.Contains(string(b), "analyst") {
				t.Errorf("--force did not replace %s", mine)
			}
		})
	}

	// The default report path: a second report replaces the first, also one
	// written before reports carried a generator tag (recognised by title).
	def := filepath.Join(out, "report-2023Q3.html")
	t.Cleanup(func() { os.Remove(def) })
	old := "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>breachtrend quarterly review 2023Q3</title>\n"
	if err := os.WriteFile(def, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stderr := run("report", "--out", out, "--quiet", "--quarter", "2023Q3"); code != 0 {
		t.Errorf("report over an older report: exit %d: %s", code, stderr)
	}
}
