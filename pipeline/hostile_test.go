package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// seedNotice is one notice of the bundled corpus.
func seedNotice(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpus, "000_ad3ee41a9ddb441a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeCorpusFile(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestInvalidUTF8FileName: a file named in Shift_JIS (as zip archives from
// Japanese Windows name them) is read, and the tables stay readable:
// source_path holds the name escaped (%XX), valid UTF-8.
func TestInvalidUTF8FileName(t *testing.T) {
	in := t.TempDir()
	name, err := japanese.ShiftJIS.NewEncoder().String("個人情報のお知らせ")
	if err != nil {
		t.Fatal(err)
	}
	if utf8.ValidString(name) {
		t.Fatal("the Shift_JIS name is valid UTF-8: the test would prove nothing")
	}
	writeCorpusFile(t, in, name+".txt", seedNotice(t))
	writeCorpusFile(t, in, name+".pdf", []byte("%PDF-1.4")) // a reject that names the file
	out := filepath.Join(t.TempDir(), "out")
	sum := run(t, out, 1, in)
	if sum.Files != 1 || sum.Segments == 0 || sum.Rejects != 1 {
		t.Fatalf("summary %+v: want the file read and the .pdf rejected", sum)
	}
	db := open(t, out)
	paths := rowsJSON(t, db, "SELECT DISTINCT source_path FROM notices")
	rejects := rowsJSON(t, db, "SELECT source_path, reason, detail FROM rejects")
	incidents := rowsJSON(t, db, "SELECT sources FROM incidents")
	if len(paths) != 1 || !strings.Contains(paths[0], "%8C") || len(rejects) != 1 || len(incidents) == 0 {
		t.Errorf("notices %q, rejects %q, incidents %q", paths, rejects, incidents)
	}
}

// TestOutInsideInNotRead: an --out inside the --in folder is not read back
// as input on the next run.
func TestOutInsideInNotRead(t *testing.T) {
	in := t.TempDir()
	writeCorpusFile(t, in, "a.txt", seedNotice(t))
	out := filepath.Join(in, "out")
	first := run(t, out, 1, in)
	second := run(t, out, 1, in)
	if first.Files != 1 || second.Files != 1 || second.Rejects != 0 || second.Segments != first.Segments {
		t.Errorf("first run %+v, second %+v: want the second to read a.txt only", first, second)
	}
}

// TestSymlinkOutsideInput: a link out of the --in folder is a reject that
// names its target, unless FollowSymlinks.
func TestSymlinkOutsideInput(t *testing.T) {
	base := t.TempDir()
	in := filepath.Join(base, "in")
	writeCorpusFile(t, in, "a.txt", seedNotice(t))
	writeCorpusFile(t, base, "secret/s.txt", seedNotice(t))
	if err := os.Symlink(filepath.Join(base, "secret", "s.txt"), filepath.Join(in, "s.txt")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(base, "out")
	sum := run(t, out, 1, in)
	if sum.Files != 1 || sum.Rejects != 1 {
		t.Errorf("default: %+v, want a.txt read and the link rejected", sum)
	}
	db := open(t, out)
	if got := scalar[string](t, db, "SELECT reason || ' ' || detail FROM rejects"); !strings.HasPrefix(got, "symlink_outside_root ") || !strings.Contains(got, filepath.Join(base, "secret", "s.txt")) {
		t.Errorf("reject %q: want symlink_outside_root naming the target", got)
	}
	db.Close()

	cfg := Config{Inputs: []string{in}, Out: out, Workers: 1, FollowSymlinks: true}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := runCfg(t, cfg); err != nil {
		t.Fatal(err)
	}
	db = open(t, out)
	if got := scalar[int64](t, db, "SELECT count(DISTINCT source_path) FROM notices"); got != 2 {
		t.Errorf("FollowSymlinks: %d files in notices, want 2", got)
	}
}
