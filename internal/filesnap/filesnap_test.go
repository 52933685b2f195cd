package filesnap

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder keeps what AssertUnchanged reports instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestAssertUnchangedSeesCreateChangeRemove(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("kept", "a")
	write("changed", "a")
	write("removed", "a")
	before := Take(t, dir)
	r := &recorder{TB: t}
	AssertUnchanged(r, "step", before, Take(t, dir))
	if len(r.errs) != 0 {
		t.Fatalf("nothing changed, got %v", r.errs)
	}
	write("changed", "ab")
	write("created", "a")
	os.Remove(filepath.Join(dir, "removed"))
	r = &recorder{TB: t}
	AssertUnchanged(r, "step", before, Take(t, dir))
	got := strings.Join(r.errs, "\n")
	for _, want := range []string{"step: " + filepath.Join(dir, "created") + " was created",
		"step: " + filepath.Join(dir, "changed") + " changed", "step: " + filepath.Join(dir, "removed") + " was removed"} {
		if !strings.Contains(got, want) {
			t.Errorf("reports %q, want one containing %q", got, want)
		}
	}
	if strings.Contains(got, filepath.Join(dir, "kept")+" ") {
		t.Errorf("reports the unchanged file: %q", got)
	}
}
