package testcorpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSample(t *testing.T) {
	if _, err := os.Stat(filepath.Join(Root(), "go.mod")); err != nil {
		t.Fatalf("Root() = %s: %v", Root(), err)
	}
	files, texts := SampleFiles(t), SampleTexts(t)
	if len(files) < 5 || len(texts) != len(files) {
		t.Fatalf("%d files, %d texts", len(files), len(texts))
	}
	if !strings.HasSuffix(files[0], filepath.Join("testdata", "corpus", "000_ad3ee41a9ddb441a.txt")) || texts[0] == "" {
		t.Errorf("first sample file %s (%d bytes), want testdata/corpus/000_…", files[0], len(texts[0]))
	}
}

func TestSharedFollowsTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "gold"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(SharedEnv, dir)
	if p, ok := Shared("gold"); !ok || p != filepath.Join(dir, "gold") {
		t.Errorf("Shared(gold) = %s, %v", p, ok)
	}
	if p, ok := Shared("corpus", "dev"); ok || p != filepath.Join(dir, "corpus", "dev") {
		t.Errorf("Shared(corpus, dev) = %s, %v: want a missing path", p, ok)
	}
	t.Setenv(SharedEnv, "")
	if want := filepath.Join(filepath.Dir(Root()), "shared"); SharedDir() != want {
		t.Errorf("SharedDir() = %s, want %s beside the repository", SharedDir(), want)
	}
}
