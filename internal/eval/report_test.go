package eval

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden")

func TestWriteGolden(t *testing.T) {
	r := Score(readGoldFile(t, fixture("gold.jsonl")), readSegments(t, fixture("run.jsonl")))
	var b bytes.Buffer
	if err := r.Write(&b, true); err != nil {
		t.Fatal(err)
	}
	path := fixture("report.golden")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("Write(verbose) differs from %s (go test -update to accept):\n%s", path, got)
	}
}

func TestWriteSummary(t *testing.T) {
	r := Score(readGoldFile(t, fixture("gold.jsonl")), readSegments(t, fixture("run.jsonl")))
	var b bytes.Buffer
	if err := r.Write(&b, false); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if n := len(lines); n != 1+11+2+(1+10+2)+2 { // header, fields, data types and records, kinds, hard and score
		t.Fatalf("%d lines:\n%s", n, b.String())
	}
	if last := lines[len(lines)-1]; last != "score: 0.626" {
		t.Errorf("last line %q", last)
	}
	if hard := lines[len(lines)-2]; hard != "hard: 0.708" {
		t.Errorf("hard line %q", hard)
	}
	if strings.Contains(b.String(), "misses") {
		t.Error("misses listed without verbose")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestWriteError(t *testing.T) {
	if err := (Report{}).Write(failWriter{}, true); err == nil {
		t.Error("no error from a failing writer")
	}
}
