package review

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// outFolder writes the test notices table as a run's output folder.
func outFolder(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	db := openDB(t)
	for _, table := range []string{"notices", "timeline"} {
		os.MkdirAll(filepath.Join(out, table), 0o755)
		if _, err := db.Exec(`COPY ` + table + ` TO '` + filepath.Join(out, table, "part-00000.parquet") + `' (FORMAT parquet)`); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestGenerateKeepsAFilledSheet: review writes <out>/review.csv, rewrites
// it while nobody filled it, and refuses to replace it once an analyst has.
func TestGenerateKeepsAFilledSheet(t *testing.T) {
	out := outFolder(t)
	ctx := context.Background()
	opts := Options{Out: out, Format: "csv"}
	file, n, err := Generate(ctx, opts, nil)
	if err != nil || file != filepath.Join(out, "review.csv") || n != 8 {
		t.Fatalf("Generate = %s %d %v", file, n, err)
	}
	if _, _, err := Generate(ctx, opts, nil); err != nil {
		t.Fatalf("an unfilled sheet is not replaced: %v", err)
	}
	b, _ := os.ReadFile(file)
	filled := strings.Replace(string(b), ",,\r\n", ",loss,見た\r\n", 1)
	os.WriteFile(file, []byte(filled), 0o644)
	if _, _, err := Generate(ctx, opts, nil); !errors.Is(err, ErrFilled) {
		t.Errorf("a filled sheet replaced: %v", err)
	}
	if now, _ := os.ReadFile(file); string(now) != filled {
		t.Error("the filled sheet changed")
	}
	var stdout bytes.Buffer
	if _, n, err := Generate(ctx, Options{Out: out, Format: "md", File: "-", Limit: 3}, &stdout); err != nil || n != 3 ||
		strings.Count(stdout.String(), "\n") != 5 {
		t.Errorf("md to stdout: %d %v\n%s", n, err, stdout.String())
	}
	if _, _, err := Generate(ctx, Options{Out: t.TempDir(), Format: "csv"}, nil); err == nil || !strings.Contains(err.Error(), "no notices table") {
		t.Errorf("an empty folder: %v", err)
	}
}
