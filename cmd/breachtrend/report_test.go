package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
)

// TestReportCommand: the report command's files, formats, empty quarters
// and usage errors.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if code := dispatch(context.Background(), []string{"run", "--in", testcorpus.SampleDir(), "--out", out, "--quiet"}, new(bytes.Buffer), new(bytes.Buffer)); code != 0 {
		t.Fatal("run failed")
	}
	tests := []struct {
		args []string
		code int
		file string // file that must exist afterwards
		has  string // text it must hold
	}{
		{[]string{"report", "--out", out, "--quarter", "2023Q3"}, 0, filepath.Join(out, "report-2023Q3.html"), "2023Q3"},
		{[]string{"report", "--out", out, "--quarter", "2023Q3", "--format", "md", "-o", filepath.Join(dir, "r.md")}, 0, filepath.Join(dir, "r.md"), "2023Q3"},
		{[]string{"report", "--out", out, "--quarter", "2019Q1", "-o", filepath.Join(dir, "empty.html")}, 0, filepath.Join(dir, "empty.html"), "2019Q1"},
		{[]string{"report", "--out", out, "--quarter", "latest", "-o", filepath.Join(dir, "latest.html")}, 0, filepath.Join(dir, "latest.html"), "2023Q4"},
		{[]string{"report", "--out", out, "--quarter", "Q3-2023"}, 2, "", ""},
		{[]string{"report", "--out", out, "--format", "pdf"}, 2, "", ""},
		{[]string{"report", "--out", filepath.Join(dir, "none")}, 1, "", ""},
		{[]string{"report", "--help"}, 0, "", ""},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		if code := dispatch(context.Background(), tt.args, new(bytes.Buffer), &stderr); code != tt.code {
			t.Errorf("breachtrend %s: exit %d, want %d (%s)", strings.Join(tt.args, " "), code, tt.code, stderr.String())
			continue
		}
		if tt.file == "" {
			continue
		}
		b, err := os.ReadFile(tt.file)
		if err != nil {
			t.Errorf("%s: %v", strings.Join(tt.args, " "), err)
			continue
		}
		if !strings.Contains(string(b), tt.has) {
			t.Errorf("%s: the report does not mention %s", tt.file, tt.has)
		}
		if strings.HasSuffix(tt.file, ".html") && strings.Contains(strings.ToLower(string(b)), "<script") {
			t.Errorf("%s holds a script element", tt.file)
		}
	}
}
