package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/correct"
	"github.com/breachtrend/breachtrend/stages/load"
)

// tableFiles reads every file of out's tables (not the caches, the
// manifest or the user's files), by path below out.
func tableFiles(t *testing.T, out string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, name := range keptNames() {
		if name == filepath.Dir(cacheFile) {
			continue
		}
		filepath.WalkDir(filepath.Join(out, name), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				t.Fatal(err)
			}
			if !d.IsDir() {
				b, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(out, p)
				files[rel] = string(b)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Fatalf("no table in %s", out)
	}
	return files
}

// TestUnchangedRerunKeepsTables: a rerun over unchanged inputs keeps the
// previous tables byte for byte, without reading a file or a batch of the
// index, and still publishes a whole output folder: the user's files stay,
// the manifest has the counts, and the rows are those of a --full run.
func TestUnchangedRerunKeepsTables(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	first := run(t, out, 2, in)
	if first.TablesKept {
		t.Fatal("a first run kept tables")
	}
	before := tableFiles(t, out)
	writeFiles(t, out, map[string]string{"report.html": "<html>mine</html>"})

	again := run(t, out, 2, in)
	if !again.TablesKept || !again.Manifest.TablesKept {
		t.Fatalf("unchanged rerun: tables not kept: %s", again)
	}
	if got := again.Manifest.Files; got.Unchanged != len(files) || got.Hashed+got.Read != 0 {
		t.Errorf("unchanged rerun: files %+v, want %d unchanged", got, len(files))
	}
	if again.Segments != first.Segments || again.Incidents != first.Incidents || again.CacheHits != first.Segments ||
		again.Manifest.Tables["notices"] != first.Manifest.Tables["notices"] || len(again.Manifest.Inputs) != len(files) {
		t.Errorf("kept run's summary %s, manifest rows %v; first run's %s, %v", again, again.Manifest.Tables, first, first.Manifest.Tables)
	}
	after := tableFiles(t, out)
	if len(after) != len(before) {
		t.Errorf("%d table files kept, %d before", len(after), len(before))
	}
	for name, b := range before {
		if after[name] != b {
			t.Errorf("%s changed", name)
		}
	}
	checkFiles(t, out, map[string]string{"report.html": "<html>mine</html>"})
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.staging-*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
	if !strings.Contains(again.String(), "tables kept") {
		t.Errorf("summary line does not say the tables were kept: %s", again)
	}

	// Kept again from kept tables, then a change: the rows follow it.
	if third := run(t, out, 1, in); !third.TablesKept {
		t.Error("second unchanged rerun: tables not kept")
	}
	seed, _ := os.ReadFile(files[0])
	writeFiles(t, in, map[string]string{"zz-new.txt": string(seed)})
	grown := run(t, out, 2, in)
	if grown.TablesKept || grown.Manifest.Files.Read != 1 {
		t.Fatalf("after adding a file: kept %v, files %+v", grown.TablesKept, grown.Manifest.Files)
	}
	full := filepath.Join(dir, "full")
	if _, err := runCfg(t, Config{Inputs: []string{in}, Out: full, Full: true, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	sameTables(t, out, full)
}

// TestChangesThatRebuildTables: whatever may change a row makes the run
// build the tables instead of keeping them.
func TestChangesThatRebuildTables(t *testing.T) {
	cases := []struct {
		name   string
		change func(t *testing.T, in string, files []string, cfg *Config)
	}{
		{"touched", func(t *testing.T, in string, files []string, cfg *Config) {
			now := time.Now()
			os.Chtimes(files[0], now, now)
		}},
		{"file added", func(t *testing.T, in string, files []string, cfg *Config) {
			seed, _ := os.ReadFile(files[0])
			writeFiles(t, in, map[string]string{"sub/copy.txt": string(seed)})
		}},
		{"file removed", func(t *testing.T, in string, files []string, cfg *Config) {
			os.Remove(files[len(files)-1])
		}},
		{"walk rejects a new file", func(t *testing.T, in string, files []string, cfg *Config) {
			writeFiles(t, in, map[string]string{"notes.docx": "not a notice"})
		}},
		{"full", func(t *testing.T, in string, files []string, cfg *Config) { cfg.Full = true }},
		{"verify", func(t *testing.T, in string, files []string, cfg *Config) { cfg.Verify = true }},
		{"tables missing", func(t *testing.T, in string, files []string, cfg *Config) {
			os.RemoveAll(filepath.Join(cfg.Out, "timeline"))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
			files := oldCorpus(t, in)
			run(t, out, 2, in)
			cfg := Config{Inputs: []string{in}, Out: out, Workers: 2}
			c.change(t, in, files, &cfg)
			sum, err := runCfg(t, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if sum.TablesKept {
				t.Errorf("tables kept: %s", sum)
			}
		})
	}
}

func TestSameCorrections(t *testing.T) {
	set := &correct.Set{File: "fix.csv", SHA256: "aa"}
	cases := []struct {
		prev *CorrectionsUsed
		now  *correct.Set
		same bool
	}{
		{nil, nil, true},
		{&CorrectionsUsed{Path: "fix.csv", SHA256: "aa"}, set, true},
		{&CorrectionsUsed{Path: "fix.csv", SHA256: "bb"}, set, false}, // edited
		{&CorrectionsUsed{Path: "old.csv", SHA256: "aa"}, set, false}, // the table names the file
		{nil, set, false},
		{&CorrectionsUsed{Path: "fix.csv", SHA256: "aa"}, nil, false},
	}
	for _, c := range cases {
		if got := sameCorrections(c.prev, c.now); got != c.same {
			t.Errorf("sameCorrections(%+v, %+v) = %v", c.prev, c.now, got)
		}
	}
}

// TestKilledKeptRunKeepsPreviousTables: a run killed once the kept tables
// are linked into its staging folder, before it publishes them, leaves the
// previous folder whole; the next run sweeps the staging folder and keeps
// the tables again.
func TestKilledKeptRunKeepsPreviousTables(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	oldCorpus(t, in)
	run(t, out, 1, in)
	before := tableFiles(t, out)

	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledKeptRunHelper$")
	cmd.Env = append(os.Environ(), "BREACHTREND_KEPT_OUT="+out, "BREACHTREND_KEPT_IN="+in)
	b, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("child: %v, want exit 3 from the hook\n%s", err, b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.staging-*")); len(left) != 1 {
		t.Fatalf("staging folders after the kill: %v, want the one of the killed run", left)
	}
	for name, b := range tableFiles(t, out) {
		if before[name] != b {
			t.Errorf("%s changed by the killed run", name)
		}
	}
	open(t, out).Close()
	if sum := run(t, out, 1, in); !sum.TablesKept {
		t.Errorf("the run after the kill did not keep the tables: %s", sum)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.staging-*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
	for name, b := range tableFiles(t, out) {
		if before[name] != b {
			t.Errorf("%s changed", name)
		}
	}
}

// TestKilledKeptRunHelper is the child process of
// TestKilledKeptRunKeepsPreviousTables: it dies (os.Exit, no deferred
// cleanup, as under kill -9) once the kept tables are linked.
func TestKilledKeptRunHelper(t *testing.T) {
	out := os.Getenv("BREACHTREND_KEPT_OUT")
	if out == "" {
		t.Skip("the child process of TestKilledKeptRunKeepsPreviousTables")
	}
	keptHook = func() { os.Exit(3) }
	cfg := Config{Inputs: []string{os.Getenv("BREACHTREND_KEPT_IN")}, Out: out, Workers: 1}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), cfg)
	t.Fatalf("the run did not stop once the tables were linked: %v", err)
}

// TestTokenizerBuiltUpFrontOnlyForFilesToRead: a rerun with a new file
// starts building the tokenizer's dictionary before the walk's files are
// served (off the critical path); a rerun that only finds a touched file
// (hashed, served) or a removed one never builds it.
func TestTokenizerBuiltUpFrontOnlyForFilesToRead(t *testing.T) {
	starts := 0
	tokenizerStartHook = func() { starts++ }
	defer func() { tokenizerStartHook = nil }()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	if starts != 1 {
		t.Fatalf("first run: %d up-front builds, want 1", starts)
	}
	now := time.Now()
	os.Chtimes(files[0], now, now)
	os.Remove(files[1])
	if sum := run(t, out, 2, in); starts != 1 || sum.Manifest.CacheMiss != 0 {
		t.Errorf("touched and removed files: %d up-front builds, %d segments extracted", starts-1, sum.Manifest.CacheMiss)
	}
	b, _ := os.ReadFile(files[2])
	writeFiles(t, in, map[string]string{"zz-new.txt": strings.Replace(string(b), "。", "。追記。", 1)})
	if sum := run(t, out, 2, in); starts != 2 || sum.Manifest.CacheMiss == 0 {
		t.Errorf("a new file: %d up-front builds, want 1; %d segments extracted", starts-1, sum.Manifest.CacheMiss)
	}
}

// TestWalkReplayed: the run's walk goes through the inputs and rejects
// the planning walk found, in its order, without listing the folders
// again (a file added since is not seen); a second walk lists them.
func TestWalkReplayed(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeFiles(t, in, map[string]string{"a.txt": "一", "b/c.txt": "二", "d.bin": "x"})
	cfg := Config{Inputs: []string{in}}
	type walkResult struct {
		inputs  []load.Input
		rejects []schemas.Reject
	}
	walk := func(x *fileIndex) walkResult {
		var w walkResult
		err := walkInputs(&cfg, x, func(i load.Input) error { w.inputs = append(w.inputs, i); return nil },
			func(r schemas.Reject) { w.rejects = append(w.rejects, r) })
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	want := walk(nil)
	if len(want.inputs) != 2 || len(want.rejects) != 1 {
		t.Fatalf("walk: %+v, want 2 inputs and the .bin file rejected", want)
	}
	x := readFileIndex(filepath.Join(dir, "out"), "v", time.Now(), false, false)
	x.checkInputs(context.Background(), &cfg, nil, nil)
	writeFiles(t, in, map[string]string{"e.txt": "三"})
	if got := walk(x); !reflect.DeepEqual(got, want) {
		t.Errorf("replayed walk %+v, want the planning walk's %+v", got, want)
	}
	if got := walk(x); len(got.inputs) != 3 {
		t.Errorf("second walk: %d inputs, want the 3 there now", len(got.inputs))
	}
}

// TestLinkStateReadFromTheFirstChange: the planning walk reports the first
// input that is not unchanged by its stat data as it meets it, and a run
// starts reading the previous link state then, while the walk goes on; an
// unchanged rerun never reads it, and a grown corpus's run reads it once
// and keeps the previous parts.
func TestLinkStateReadFromTheFirstChange(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	first := run(t, out, 2, in)
	reads := 0
	linkStateReadHook = func() { reads++ }
	defer func() { linkStateReadHook = nil }()
	if sum := run(t, out, 2, in); !sum.TablesKept || reads != 0 {
		t.Fatalf("unchanged rerun: tables kept %v, link state read %d times, want kept and never read", sum.TablesKept, reads)
	}

	addFile(t, in, "001_0-new.txt", newNotice(t, files[1])) // second in walk order
	version, err := cacheVersion(first.Manifest.Rules, "")
	if err != nil {
		t.Fatal(err)
	}
	x := readFileIndex(out, version, time.Now(), false, false)
	defer x.close()
	cfg := Config{Inputs: []string{in}}
	at := 0
	c := x.checkInputs(context.Background(), &cfg, nil, func() {
		if at == 0 {
			at = len(x.walked.inputs)
		}
	})
	if at != 2 || c.files != len(files)+1 {
		t.Errorf("a file added second: first change reported at input %d of %d, want 2", at, c.files)
	}

	sum := run(t, out, 2, in)
	if reads != 1 || sum.Manifest.KeptInputs == 0 {
		t.Errorf("a file added: link state read %d times, %d inputs kept; want once, and the previous parts kept", reads, sum.Manifest.KeptInputs)
	}
}

// TestLinkStateReadBeforeTheWalkWhenAFolderChanged: a file added to an
// input folder since the previous run started moves the folder's mtime,
// and the run starts reading the previous link state and indexing the
// segment cache before the walk, not when the walk meets the new file
// (last here, as dated names come); a rerun after it, unchanged, reads
// neither.
func TestLinkStateReadBeforeTheWalkWhenAFolderChanged(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	var order []string
	linkStateReadHook = func() { order = append(order, "link state") }
	cacheReadHook = func() { order = append(order, "segment cache") }
	tokenizerStartHook = func() { order = append(order, "tokenizer") }
	defer func() { linkStateReadHook, cacheReadHook, tokenizerStartHook = nil, nil, nil }()

	addFile(t, in, "zzz-new.txt", newNotice(t, files[1])) // last in walk order
	sum := run(t, out, 2, in)
	if want := []string{"link state", "segment cache", "tokenizer"}; !slices.Equal(order, want) || sum.Manifest.KeptInputs == 0 {
		t.Errorf("a file added last: %v, %d inputs kept; want %v (the reads started before the walk met the file), and the previous parts kept",
			order, sum.Manifest.KeptInputs, want)
	}
	order = nil
	if sum := run(t, out, 2, in); !sum.TablesKept || len(order) != 0 {
		t.Errorf("unchanged rerun: tables kept %v, %v; want kept, and neither the link state nor the segment cache read", sum.TablesKept, order)
	}
}

// TestInputRootsChangedSince: an input folder with an entry added, or an
// input file written, since a time is reported; one whose change is in a
// subfolder, or a missing input, is not (the walk finds those changes).
func TestInputRootsChangedSince(t *testing.T) {
	dir := t.TempDir()
	folder, file := filepath.Join(dir, "folder"), filepath.Join(dir, "file.txt")
	writeFiles(t, folder, map[string]string{"sub/a.txt": "a"})
	writeFiles(t, dir, map[string]string{"file.txt": "f"})
	past := time.Now().Add(-time.Hour)
	for _, p := range []string{folder, filepath.Join(folder, "sub"), file} {
		if err := os.Chtimes(p, past, past); err != nil {
			t.Fatal(err)
		}
	}
	since := time.Now().Add(-time.Minute)
	if inputRootsChangedSince([]string{folder, file, filepath.Join(dir, "missing")}, since) {
		t.Error("unchanged roots reported changed")
	}
	writeFiles(t, filepath.Join(folder, "sub"), map[string]string{"b.txt": "b"})
	if inputRootsChangedSince([]string{folder}, since) {
		t.Error("a change in a subfolder reported as the root's")
	}
	writeFiles(t, folder, map[string]string{"c.txt": "c"})
	if !inputRootsChangedSince([]string{file, folder}, since) {
		t.Error("a file added to an input folder not reported")
	}
	if err := os.WriteFile(file, []byte("g"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !inputRootsChangedSince([]string{file}, since) {
		t.Error("an input file written not reported")
	}
}
