package load

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/fetch/fetchtest"
)

func needPDFTool(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed: `make test` installs poppler-utils; run it once, or apt-get install poppler-utils")
	}
}

// TestLoadPDF: a Japanese PDF set in a CID font with a ToUnicode map
// becomes its text, every page in order, look-alike characters as they are
// in the file (normalize folds them).
func TestLoadPDF(t *testing.T) {
	needPDFTool(t)
	lines := []string{"令和6年5月1日", "個人情報の漏えいについて（お詫び）", "⽇本市教育委員会"}
	for i := range 45 { // a second page
		lines = append(lines, fmt.Sprintf("対象者%d名の氏名が閲覧可能な状態でした。", i+1))
	}
	in := writeFile(t, t.TempDir(), "notices/2024/0501.pdf", fetchtest.PDF(lines))
	docs, rejects := NewLoader().Load(in)
	if len(rejects) != 0 || len(docs) != 1 {
		t.Fatalf("docs %+v rejects %+v, want one document", docs, rejects)
	}
	d := docs[0]
	if d.Format != "pdf" || d.Source != "notices/2024/0501.pdf" {
		t.Errorf("format %q source %q", d.Format, d.Source)
	}
	var got []string
	for _, l := range strings.Split(d.Text, "\n") {
		if strings.TrimSpace(l) != "" {
			got = append(got, l)
		}
	}
	if strings.Join(got, "\n") != strings.Join(lines, "\n") {
		t.Errorf("text:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(lines, "\n"))
	}
}

func TestLoadPDFRejects(t *testing.T) {
	needPDFTool(t)
	dir := t.TempDir()
	tests := []struct {
		name   string
		data   []byte
		reason string
	}{
		{"html.pdf", []byte("<html><body>not found</body></html>"), ReasonBadPDF},
		{"torn.pdf", fetchtest.PDF([]string{"個人情報"})[:40], ReasonBadPDF},
		{"blank.pdf", fetchtest.PDF([]string{""}), ReasonNoText},
	}
	for _, tt := range tests {
		in := writeFile(t, dir, tt.name, tt.data)
		docs, rejects := NewLoader().Load(in)
		checkRejects(t, in, rejects)
		if len(docs) != 0 || len(rejects) != 1 || rejects[0].Reason != tt.reason {
			t.Errorf("%s: docs %+v rejects %+v, want one %s", tt.name, docs, rejects, tt.reason)
		}
	}
}

// TestLoadPDFWithoutTool: with no pdftotext the file is a reject that says
// what to install, not a crash or a silent skip.
func TestLoadPDFWithoutTool(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	in := writeFile(t, t.TempDir(), "a.pdf", fetchtest.PDF([]string{"個人情報"}))
	docs, rejects := NewLoader().Load(in)
	if len(docs) != 0 || len(rejects) != 1 || rejects[0].Reason != ReasonNoPDFTool || !strings.Contains(rejects[0].Detail, "poppler-utils") {
		t.Errorf("docs %+v rejects %+v, want one %s naming poppler-utils", docs, rejects, ReasonNoPDFTool)
	}
}
