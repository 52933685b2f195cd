package pipeline

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// oldCorpus copies the sample corpus into dir with every mtime an hour
// ago, so that no file is "racily clean" (modified within the second its
// first run started) and a rerun decides by stat data alone.
func oldCorpus(t *testing.T, dir string) []string {
	t.Helper()
	copyCorpus(t, dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	past := time.Now().Add(-time.Hour)
	for _, f := range files {
		if err := os.Chtimes(f, past, past); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// sameTables fails unless the tables in a and b have the same rows.
func sameTables(t *testing.T, a, b string) {
	t.Helper()
	for _, q := range []string{
		"SELECT * FROM notices", "SELECT * FROM incidents ORDER BY incident_id", "SELECT * FROM timeline",
		"SELECT * FROM rejects", "SELECT * FROM corrections",
	} {
		x, y := rowsJSON(t, open(t, a), q), rowsJSON(t, open(t, b), q)
		if strings.Join(x, "\n") != strings.Join(y, "\n") {
			t.Errorf("%s: %d rows here, %d in a --full run, or other values", q, len(x), len(y))
		}
	}
}

// TestTouchAndOneByteReextractOneFile is the test: touching a
// file's mtime without changing it, and changing one byte of another,
// re-extract exactly one file; the rows are those of a --full run.
func TestTouchAndOneByteReextractOneFile(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	first := run(t, out, 2, in)
	if first.Manifest.Files.Read != len(files) || first.FilesReused != 0 {
		t.Fatalf("first run: %+v", first.Manifest.Files)
	}

	again := run(t, out, 2, in)
	if got := again.Manifest.Files; got.Unchanged != len(files) || got.Hashed != 0 || got.Read != 0 {
		t.Errorf("unchanged rerun: %+v, want all %d unchanged", got, len(files))
	}
	if again.Manifest.CacheMiss != 0 || again.CacheHits != again.Segments {
		t.Errorf("unchanged rerun: %d misses, %d hits of %d", again.Manifest.CacheMiss, again.CacheHits, again.Segments)
	}

	now := time.Now()
	if err := os.Chtimes(files[0], now, now); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(files[1])
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.IndexAny(b, "0123456789")
	if i < 0 {
		t.Fatal("no digit to change")
	}
	b[i] = '0' + (b[i]-'0'+1)%10
	if err := os.WriteFile(files[1], b, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := run(t, out, 2, in)
	if got := sum.Manifest.Files; got.Read != 1 || got.Hashed != 1 || got.Unchanged != len(files)-2 {
		t.Errorf("after a touch and a one-byte change: %+v, want 1 read, 1 hashed, %d unchanged", got, len(files)-2)
	}
	if sum.Manifest.CacheMiss < 1 || sum.Manifest.CacheMiss > 2 {
		t.Errorf("after a one-byte change: %d segments extracted", sum.Manifest.CacheMiss)
	}
	full := filepath.Join(dir, "full")
	if _, err := runCfg(t, Config{Inputs: []string{in}, Out: full, Full: true, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	sameTables(t, out, full)

	// A hashed file's new stat data are recorded: it is not hashed again.
	// (The two files' mtimes are racy now, so they are set back an hour
	// and hashed once more first.)
	past := now.Add(-time.Hour)
	os.Chtimes(files[0], past, past)
	os.Chtimes(files[1], past, past)
	if got := run(t, out, 2, in).Manifest.Files; got.Hashed != 2 {
		t.Errorf("after the mtime went back: %+v, want it hashed", got)
	}
	if got := run(t, out, 2, in).Manifest.Files; got.Unchanged != len(files) {
		t.Errorf("third rerun: %+v", got)
	}
}

// TestVerifyHashesEveryFile: --verify does not trust stat data.
func TestVerifyHashesEveryFile(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 1, in)
	sum, err := runCfg(t, Config{Inputs: []string{in}, Out: out, Workers: 1, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.Manifest.Files; got.Hashed != len(files) || got.Unchanged != 0 {
		t.Errorf("--verify: %+v, want all %d hashed", got, len(files))
	}
}

// TestRacilyCleanFileIsHashed: a file modified in the second its run
// started may have changed after it was read with the same mtime: the
// next run hashes it rather than trusting its stat data.
func TestRacilyCleanFileIsHashed(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	now := time.Now()
	os.Chtimes(files[0], now, now)
	run(t, out, 1, in)
	if got := run(t, out, 1, in).Manifest.Files; got.Hashed != 1 || got.Unchanged != len(files)-1 {
		t.Errorf("rerun: %+v, want the racy file hashed", got)
	}
}

// TestUnchangedRerunBuildsNoTokenizer: a run with a cache does not build
// the tokenizer's dictionary up front, and an unchanged one extracts
// nothing, so never builds it.
func TestUnchangedRerunBuildsNoTokenizer(t *testing.T) {
	starts := 0
	tokenizerStartHook = func() { starts++ }
	defer func() { tokenizerStartHook = nil }()
	out := filepath.Join(t.TempDir(), "out")
	run(t, out, 2)
	if starts != 1 {
		t.Fatalf("first run: %d up-front builds, want 1", starts)
	}
	sum := run(t, out, 2)
	if starts != 1 || sum.Manifest.CacheMiss != 0 {
		t.Errorf("rerun: %d up-front builds, %d segments extracted", starts-1, sum.Manifest.CacheMiss)
	}
}

// TestRemovedFileDropsItsEntries: the cache entries of a file no longer
// in the corpus are dropped, and counted.
func TestRemovedFileDropsItsEntries(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	first := run(t, out, 1, in)
	os.Remove(files[0])
	sum := run(t, out, 1, in)
	gone := first.Segments - sum.Segments
	if gone == 0 {
		t.Fatal("the removed file had no segments")
	}
	if got := sum.Manifest.CacheDropped; got.Files != 1 || got.Segments != gone {
		t.Errorf("dropped %+v, want 1 file and its %d segments", got, gone)
	}
	if !strings.Contains(sum.String(), "cache entries dropped") {
		t.Errorf("summary: %s", sum)
	}
	if again := run(t, out, 1, in); again.CacheDropped != 0 {
		t.Errorf("rerun dropped %d entries", again.CacheDropped)
	}
}

// TestSectorsFileIsPartOfTheVersion: another sectors file changes what
// enrichment gives: every file is processed again.
func TestSectorsFileIsPartOfTheVersion(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 1, in)
	sectors := filepath.Join(dir, "sectors.csv")
	os.WriteFile(sectors, []byte("架空商事株式会社,I\n"), 0o644)
	sum, err := runCfg(t, Config{Inputs: []string{in}, Out: out, Workers: 1, Sectors: sectors})
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.Manifest.Files; got.Read != len(files) {
		t.Errorf("with a sectors file: %+v, want all %d read", got, len(files))
	}
}

// TestCorruptIndexLineIsRead: a file whose line in the index does not
// match its checksum is read and processed, not served; the rows are
// those of a --full run.
func TestCorruptIndexLineIsRead(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 1, in)
	path := filepath.Join(out, fileIndexFile)
	b, _ := os.ReadFile(path)
	start := bytes.IndexByte(b, '\n') + 1 // the first file's first batch
	kind, _, n, err := readFrame(bufio.NewReader(bytes.NewReader(b[start:])))
	if err != nil || kind != 'B' {
		t.Fatalf("first line: kind %c, %v", kind, err)
	}
	b[start+int(n)-2] ^= 1 // the last byte of its data
	os.WriteFile(path, b, 0o644)
	// A new file, so the run serves the others instead of keeping the
	// tables (a kept run reads no batch).
	seed, _ := os.ReadFile(files[0])
	os.WriteFile(filepath.Join(in, "zz-new.txt"), seed, 0o644)
	sum := run(t, out, 1, in)
	if sum.Manifest.KeptInputs != 0 {
		t.Errorf("the previous rows of %d inputs kept past a damaged index line", sum.Manifest.KeptInputs)
	}
	if got := sum.Manifest.Files; got.Read != 2 || got.Unchanged != len(files)-1 {
		t.Errorf("after an edited index line: %+v", got)
	}
	full := filepath.Join(dir, "full")
	if _, err := runCfg(t, Config{Inputs: []string{in}, Out: full, Full: true, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	sameTables(t, out, full)
}

// TestTornIndexIsIgnored: an index cut short is not used at all.
func TestTornIndexIsIgnored(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 1, in)
	path := filepath.Join(out, fileIndexFile)
	b, _ := os.ReadFile(path)
	os.WriteFile(path, b[:len(b)-40], 0o644)
	if got := run(t, out, 1, in).Manifest.Files; got.Read != len(files) {
		t.Errorf("after a torn index: %+v, want every file read", got)
	}
}

// TestBatchedFileServedFromIndex: a file of several batches is served
// batch by batch, with the rows of a --full run.
func TestBatchedFileServedFromIndex(t *testing.T) {
	stagesHook = func(st *stages) { st.batchNotices = 2 }
	defer func() { stagesHook = nil }()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	sum := run(t, out, 2, in)
	if got := sum.Manifest.Files; got.Unchanged != len(files) {
		t.Errorf("rerun: %+v", got)
	}
	full := filepath.Join(dir, "full")
	if _, err := runCfg(t, Config{Inputs: []string{in}, Out: full, Full: true, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	sameTables(t, out, full)
}

// FuzzReadFrame: any bytes give a frame or an error, never a panic, and a
// line framed by indexLine reads back as itself.
func FuzzReadFrame(f *testing.F) {
	f.Add([]byte(indexLine('B', "a/b.txt\x00b.txt", []byte("data\nwith newline"))), "k", []byte("d"))
	f.Add([]byte(strings.Repeat("0", 64)+" L 3 abc 2 {}\n"), "", []byte{})
	f.Fuzz(func(t *testing.T, raw []byte, key string, data []byte) {
		readFrame(bufio.NewReader(bytes.NewReader(raw)))
		splitIndexLine(raw)
		line := indexLine('B', key, data)
		kind, k, d, ok := splitIndexLine(line)
		if !ok || kind != 'B' || k != key || !bytes.Equal(d, data) {
			t.Fatalf("%q: read back %c %q %q %v", line, kind, k, d, ok)
		}
	})
}
