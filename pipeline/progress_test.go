package pipeline

import (
	"bytes"
	"strings"
	"testing"
)

func TestProgress(t *testing.T) {
	var nilProgress *progress = newProgress(nil, 3)
	nilProgress.file(2) // no writer: nothing, and no panic
	nilProgress.done()

	var b bytes.Buffer
	p := newProgress(&b, 3)
	p.file(2)
	p.file(1)
	p.file(5)
	p.done()
	out := b.String()
	if !strings.Contains(out, "files 3/3") || !strings.Contains(out, "segments 8") {
		t.Errorf("progress line = %q", out)
	}
}

// TestRunWritesNoProgressByDefault: without a terminal the run prints no
// progress (the CLI passes a writer only when stderr is a terminal).
func TestRunWritesNoProgressByDefault(t *testing.T) {
	cfg := Config{Inputs: []string{corpus}, Out: t.TempDir() + "/out"}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.Progress != nil {
		t.Error("progress on by default")
	}
}
