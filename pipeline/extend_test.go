package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// parts lists the part files of a table of out.
func parts(t *testing.T, out, table string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, table, "*.parquet"))
	for i, f := range files {
		files[i] = filepath.Base(f)
	}
	return files
}

// newNotice is a notice none of the sample corpus has: the text of one of
// its files with a sentence added.
func newNotice(t *testing.T, from string) string {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(b), "。", "。追記します。", 1)
}

// fullRun runs --full over in into a folder of its own and returns it.
func fullRun(t *testing.T, dir, in string) string {
	t.Helper()
	full := filepath.Join(dir, "full")
	if _, err := runCfg(t, Config{Inputs: []string{in}, Out: full, Full: true, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	return full
}

// TestGrownCorpusKeepsOldRows: files added at the end of the walk cost
// only their own rows: the notices and timeline part files of the
// previous run are kept byte for byte, the new rows go into a part after
// them, and the tables read as a --full run's. A change anywhere else
// writes every table whole again, in one part.
func TestGrownCorpusKeepsOldRows(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	before := tableFiles(t, out)

	// Written an hour ago, as a week's new files would be by the next run:
	// a file modified in the second its run started is hashed by the next
	// one ("racily clean"), which ends the inputs kept by stat data.
	past := time.Now().Add(-time.Hour)
	writeFiles(t, in, map[string]string{"zz-new-1.txt": newNotice(t, files[0])})
	os.Chtimes(filepath.Join(in, "zz-new-1.txt"), past, past)
	sum := run(t, out, 2, in)
	if sum.Manifest.KeptInputs != len(files) || sum.Manifest.Files.Read != 1 || sum.TablesKept {
		t.Fatalf("one file added at the end: kept rows of %d inputs, files %+v, want %d kept and 1 read",
			sum.Manifest.KeptInputs, sum.Manifest.Files, len(files))
	}
	after := tableFiles(t, out)
	for _, table := range appendedTables {
		if got := parts(t, out, table); len(got) != 2 {
			t.Errorf("%s: parts %v, want the kept one and a new one", table, got)
		}
		old := filepath.Join(table, "part-00000.parquet")
		if after[old] != before[old] {
			t.Errorf("%s changed", old)
		}
	}
	full := fullRun(t, dir, in)
	sameTables(t, out, full)
	if got, want := sum.Manifest.Tables["timeline"], rowCount(t, full, "timeline"); got != want {
		t.Errorf("manifest: %d timeline rows, a --full run has %d", got, want)
	}

	writeFiles(t, in, map[string]string{"zz-new-2.txt": newNotice(t, files[1])})
	if sum := run(t, out, 2, in); sum.Manifest.KeptInputs != len(files)+1 || len(parts(t, out, "notices")) != 3 {
		t.Errorf("a second file added: kept rows of %d inputs, parts %v", sum.Manifest.KeptInputs, parts(t, out, "notices"))
	}
	os.RemoveAll(full)
	sameTables(t, out, fullRun(t, dir, in))

	// A file changed in the middle: every table written whole, the parts merged.
	now := time.Now()
	os.WriteFile(files[1], []byte(newNotice(t, files[1])), 0o644)
	os.Chtimes(files[1], now, now)
	if sum := run(t, out, 2, in); sum.Manifest.KeptInputs != 0 || len(parts(t, out, "notices")) != 1 {
		t.Errorf("a file changed: kept rows of %d inputs, parts %v", sum.Manifest.KeptInputs, parts(t, out, "notices"))
	}
	os.RemoveAll(filepath.Join(dir, "full"))
	sameTables(t, out, fullRun(t, dir, in))
}

// rowCount is the number of rows of a table of out.
func rowCount(t *testing.T, out, table string) int {
	t.Helper()
	return int(scalar[int64](t, open(t, out), "SELECT count(*) FROM "+table))
}

// TestNewFileFirstWritesTablesWhole: a new file that the walk meets before
// old ones may change the incidents of the notices after it: nothing is
// kept.
func TestNewFileFirstWritesTablesWhole(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	writeFiles(t, in, map[string]string{"00-new.txt": newNotice(t, files[0])})
	sum := run(t, out, 2, in)
	if sum.Manifest.KeptInputs != 0 || len(parts(t, out, "notices")) != 1 {
		t.Errorf("a file added first: kept rows of %d inputs, parts %v", sum.Manifest.KeptInputs, parts(t, out, "notices"))
	}
	sameTables(t, out, fullRun(t, dir, in))
}

// TestKeptInputChangedDuringRun: an old input that changes after the run
// decided to keep its rows fails the run, which keeps the previous tables;
// the next run writes them whole.
func TestKeptInputChangedDuringRun(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	before := tableFiles(t, out)
	writeFiles(t, in, map[string]string{"zz-new.txt": newNotice(t, files[0])})
	extendPlannedHook = func() { os.WriteFile(files[0], []byte(newNotice(t, files[0])), 0o644) }
	defer func() { extendPlannedHook = nil }()
	_, err := runCfg(t, Config{Inputs: []string{in}, Out: out, Workers: 2})
	if !errors.Is(err, errChangedDuringRun) || !strings.Contains(err.Error(), filepath.Base(files[0])) {
		t.Fatalf("run: %v, want %v naming %s", err, errChangedDuringRun, filepath.Base(files[0]))
	}
	for name, b := range tableFiles(t, out) {
		if before[name] != b {
			t.Errorf("%s changed by the failed run", name)
		}
	}
	extendPlannedHook = nil
	if sum := run(t, out, 2, in); sum.Manifest.KeptInputs != 0 {
		t.Errorf("next run: kept rows of %d inputs", sum.Manifest.KeptInputs)
	}
	sameTables(t, out, fullRun(t, dir, in))
}
