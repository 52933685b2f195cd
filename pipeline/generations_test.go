package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// cacheFiles are the files of out's caches (base and deltas) by name,
// with their inodes.
func cacheFiles(t *testing.T, out string) map[string]uint64 {
	t.Helper()
	files := map[string]uint64{}
	for _, name := range []string{cacheFile, fileIndexFile} {
		for _, p := range generationPaths(filepath.Join(out, name)) {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			files[filepath.Base(p)] = statOf(fi).Inode
		}
	}
	return files
}

// TestCacheDeltaReadBack: a rerun after a file was added keeps the
// previous caches' files as they are (hard links) and writes only a delta
// of each; the next runs read base and deltas back: every unchanged input
// served by its stat data, every segment of a changed one found, rows as a
// --full run's. A removed file's entries are dropped by tombstones, once.
func TestCacheDeltaReadBack(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	first := cacheFiles(t, out)
	if len(first) != 2 {
		t.Fatalf("caches after a first run: %v, want two bases", first)
	}

	addFile(t, in, "zz-new-1.txt", newNotice(t, files[0]))
	sum := run(t, out, 2, in)
	second := cacheFiles(t, out)
	for name, ino := range first {
		if second[name] != ino {
			t.Errorf("%s was written again, not kept", name)
		}
	}
	for _, name := range []string{"segments.jsonl.1", "files.jsonl.1"} {
		if second[name] == 0 {
			t.Errorf("no delta %s: %v", name, second)
		}
	}
	if got := sum.Manifest.Files; got.Read != 1 || got.Unchanged != len(files) {
		t.Errorf("+1 file: files %+v", got)
	}

	// Another file added: a second delta; the first file's entries, in
	// the first delta, are served.
	addFile(t, in, "zz-new-2.txt", newNotice(t, files[1]))
	sum = run(t, out, 2, in)
	if got := sum.Manifest.Files; got.Read != 1 || got.Unchanged != len(files)+1 {
		t.Errorf("+1 more file: files %+v, want one read, the others unchanged", got)
	}
	if cacheFiles(t, out)["files.jsonl.2"] == 0 {
		t.Error("no second delta of the file index")
	}
	sameTables(t, out, fullRun(t, dir, in))

	// A changed file whose segments the cache holds (zz-new-2 has the
	// text of files[1] plus a sentence; files[1] now has that text): read,
	// every segment found across the files of the cache.
	b, _ := os.ReadFile(filepath.Join(in, "zz-new-2.txt"))
	addFile(t, in, filepath.Base(files[1]), string(b))
	sum = run(t, out, 2, in)
	if sum.Manifest.CacheMiss != 0 || sum.Manifest.Files.Read != 1 {
		t.Errorf("a changed file: %d cache misses, files %+v", sum.Manifest.CacheMiss, sum.Manifest.Files)
	}

	// A removed file: its entries dropped, counted once.
	os.Remove(filepath.Join(in, "zz-new-1.txt"))
	sum = run(t, out, 2, in)
	if sum.Manifest.CacheDropped.Files != 1 || sum.Manifest.CacheDropped.Segments == 0 {
		t.Errorf("a removed file: dropped %+v", sum.Manifest.CacheDropped)
	}
	again := run(t, out, 2, in)
	if again.CacheDropped != 0 || !again.TablesKept {
		t.Errorf("the next run: dropped %d, tables kept %v", again.CacheDropped, again.TablesKept)
	}
	sameTables(t, out, fullRun(t, dir, in))
}

// TestCacheCompaction: once the deltas pass maxGenerations (or the dead
// entries maxGarbage), a run writes each cache as one new base of the
// entries it references, and the runs after it serve from that.
func TestCacheCompaction(t *testing.T) {
	was := maxGenerations
	maxGenerations = 3
	t.Cleanup(func() { maxGenerations = was })
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	for i, name := range []string{"zz-new-1.txt", "zz-new-2.txt"} {
		addFile(t, in, name, newNotice(t, files[i]))
		run(t, out, 2, in)
	}
	if got := cacheFiles(t, out); len(got) != 6 {
		t.Fatalf("caches after two added files: %v, want a base and two deltas each", got)
	}
	addFile(t, in, "zz-new-3.txt", newNotice(t, files[2]))
	sum := run(t, out, 2, in)
	if got := cacheFiles(t, out); len(got) != 2 {
		t.Errorf("caches after a third: %v, want one base each", got)
	}
	if got := sum.Manifest.Files; got.Read != 1 {
		t.Errorf("the compacting run: files %+v", got)
	}
	os.Remove(files[3])
	sum = run(t, out, 2, in)
	if got := sum.Manifest.Files; got.Read != 0 || got.Unchanged != len(files)+2 || sum.Manifest.CacheMiss != 0 {
		t.Errorf("after compaction: files %+v, cache misses %d", got, sum.Manifest.CacheMiss)
	}
	sameTables(t, out, fullRun(t, dir, in))

	// Garbage alone: a removed file's entries past maxGarbage.
	wasGarbage := maxGarbage
	maxGarbage = 0
	t.Cleanup(func() { maxGarbage = wasGarbage })
	os.Remove(files[4])
	sum = run(t, out, 2, in)
	if got := cacheFiles(t, out); len(got) != 2 || sum.Manifest.CacheDropped.Segments == 0 {
		t.Errorf("after dropping entries past maxGarbage: %v, dropped %+v", got, sum.Manifest.CacheDropped)
	}
	sameTables(t, out, fullRun(t, dir, in))
}

// TestKilledRunKeepsUsableCache: a run killed once its caches are
// complete in its staging folder (deltas written, the previous files
// linked) leaves the previous folder's caches as they were, and the next
// run serves every unchanged input from them.
func TestKilledRunKeepsUsableCache(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	addFile(t, in, "zz-new-1.txt", newNotice(t, files[0]))
	run(t, out, 2, in) // a base and a delta each
	before := map[string]string{}
	for name := range cacheFiles(t, out) {
		b, _ := os.ReadFile(filepath.Join(out, "_cache", name))
		before[name] = string(b)
	}
	addFile(t, in, "zz-new-2.txt", newNotice(t, files[1]))

	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRunKeepsUsableCacheHelper$")
	cmd.Env = append(os.Environ(), "BREACHTREND_GEN_OUT="+out, "BREACHTREND_GEN_IN="+in)
	b, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("child: %v, want exit 3 from the hook\n%s", err, b)
	}
	after := cacheFiles(t, out)
	if len(after) != len(before) {
		t.Errorf("caches after the kill: %v, want %d files", after, len(before))
	}
	for name := range after {
		if b, _ := os.ReadFile(filepath.Join(out, "_cache", name)); string(b) != before[name] {
			t.Errorf("%s changed by the killed run", name)
		}
	}
	sum := run(t, out, 2, in)
	if got := sum.Manifest.Files; got.Read != 1 || got.Unchanged != len(files)+1 || sum.Manifest.CacheMiss > 1 {
		t.Errorf("the run after the kill: files %+v, cache misses %d", got, sum.Manifest.CacheMiss)
	}
	sameTables(t, out, fullRun(t, dir, in))
}

// TestKilledRunKeepsUsableCacheHelper is the child process of
// TestKilledRunKeepsUsableCache: it dies (os.Exit, as under kill -9) once
// the file index is complete in its staging folder.
func TestKilledRunKeepsUsableCacheHelper(t *testing.T) {
	out := os.Getenv("BREACHTREND_GEN_OUT")
	if out == "" {
		t.Skip("the child process of TestKilledRunKeepsUsableCache")
	}
	generationsFinishedHook = func(name string) {
		if name == fileIndexFile {
			os.Exit(3)
		}
	}
	cfg := Config{Inputs: []string{os.Getenv("BREACHTREND_GEN_IN")}, Out: out, Workers: 2}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), cfg)
	t.Fatalf("the run did not stop once its caches were complete: %v", err)
}

// FuzzReadCacheFrame: any bytes give an entry's frame, a tombstone's or an
// error, never a panic; a frame is never longer than its bytes, and a
// tombstone reads back as one.
func FuzzReadCacheFrame(f *testing.F) {
	key := strings.Repeat("ab", keyLen/2)
	f.Add([]byte(tombstone(key)))
	f.Add([]byte(key + " " + entrySum(key, []byte("xy")) + " 2 xy\n"))
	f.Add([]byte(key + " " + cacheTombstone + " 2 xy\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		k, n, dead, err := readCacheFrame(bufio.NewReader(bytes.NewReader(raw)))
		if err == nil && (n > int64(len(raw)) || len(k) != keyLen) {
			t.Fatalf("%q: frame of %d bytes, key %q", raw, n, k)
		}
		if dead && (err != nil || n != int64(len(tombstone(k)))) {
			t.Fatalf("%q: a tombstone of %d bytes, %v", raw, n, err)
		}
	})
	k, n, dead, err := readCacheFrame(bufio.NewReader(strings.NewReader(tombstone(key))))
	if err != nil || !dead || k != key || n != int64(len(tombstone(key))) {
		f.Errorf("tombstone read back as %q %d %v %v", k, n, dead, err)
	}
}

// TestParseFrameLength: a frame's length is read only as written, digits
// with no sign and no leading zero.
func TestParseFrameLength(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"0", 0, true}, {"7", 7, true}, {"130", 130, true},
		{"", 0, false}, {"-0", 0, false}, {"+5", 0, false}, {"007", 0, false}, {"1a", 0, false}, {" 1", 0, false},
	} {
		if got, ok := parseFrameLength(c.in); got != c.want || ok != c.ok {
			t.Errorf("parseFrameLength(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
