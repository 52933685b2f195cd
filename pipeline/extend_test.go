package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/link"
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
	os.RemoveAll(full)
	if _, err := runCfg(t, Config{Inputs: []string{in}, Out: full, Full: true, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	return full
}

// smallParts makes the parts of the tests' runs two notices at least: the
// sample corpus's five inputs (1, 8, 8, 6 and 1 notices) make four parts,
// (000, 001), (002), (003), (004), as the inputs of 2,048 notices of a
// real corpus do.
func smallParts(t *testing.T) {
	stagesHook = func(s *stages) { s.partRows = 2 }
	t.Cleanup(func() { stagesHook = nil })
	smallIncidentParts(t, 2)
}

// addFile writes a new input written an hour ago, as a week's new files
// would be by the next run: a file modified in the second its run started
// is hashed by the next one ("racily clean").
func addFile(t *testing.T, in, name, content string) {
	t.Helper()
	writeFiles(t, in, map[string]string{name: content})
	past := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(in, name), past, past)
}

// partInodes are the inodes of a table's parts.
func partInodes(t *testing.T, out, table string) map[uint64]bool {
	t.Helper()
	inodes := map[uint64]bool{}
	for _, p := range parts(t, out, table) {
		fi, err := os.Stat(filepath.Join(out, table, p))
		if err != nil {
			t.Fatal(err)
		}
		inodes[statOf(fi).Inode] = true
	}
	return inodes
}

// keptParts counts the parts of table in out that are hard links to a
// part of before (partInodes): kept, not written again.
func keptParts(t *testing.T, before map[uint64]bool, out, table string) int {
	t.Helper()
	n := 0
	for ino := range partInodes(t, out, table) {
		if before[ino] {
			n++
		}
	}
	return n
}

// TestGrownCorpusKeepsOldRows: files added at the end, in the middle or at
// the start of the walk, or changed or removed, cost their own rows: the
// parts of the other inputs are kept byte for byte, and every table reads
// as a --full run's, rows in the same order.
func TestGrownCorpusKeepsOldRows(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	if got := parts(t, out, "notices"); len(got) != 4 {
		t.Fatalf("parts %v, want 4", got)
	}

	// restored: the run restored the previous linker instead of linking
	// the kept inputs again (only the new inputs come after every kept
	// one, none was removed: extend.go's settle).
	var restored []bool
	linkerSettledHook = func(r bool) { restored = append(restored, r) }
	t.Cleanup(func() { linkerSettledHook = nil })
	steps := []struct {
		name             string
		change           func()
		keptFiles, parts int // inputs whose rows are kept, parts kept
		restored         bool
	}{
		// After (002), a full part: a part of its own, every other kept.
		{"a file added after a full part", func() { addFile(t, in, "002_5-new.txt", newNotice(t, files[1])) }, 5, 4, false},
		// After (004), a part at least half full (1 notice of partRows 2):
		// kept, the new file a part of its own (a last part under half full
		// is written again with the new files instead:
		// TestFilesAddedAtTheEndFillASmallLastPart).
		{"a file added at the end", func() { addFile(t, in, "zz-new-1.txt", newNotice(t, files[0])) }, 6, 5, true},
		// Touched, unchanged (hashed): every input kept, in order.
		{"a file touched", func() { os.Chtimes(files[0], time.Now(), time.Now()) }, 7, 6, true},
		{"another file added at the end", func() { addFile(t, in, "zz-new-2.txt", newNotice(t, files[4])) }, 7, 6, true},
		// Between 000 and 001: their part written again, as (000, 000_b-new)
		// and (001).
		{"a file added in the middle", func() { addFile(t, in, "000_b-new.txt", newNotice(t, files[3])) }, 6, 6, false},
		// Read again, its segments are all in the segment cache (000_b-new
		// has its text), whose entries the incremental runs before copied
		// file to file.
		{"a file changed", func() { os.WriteFile(files[3], []byte(newNotice(t, files[3])), 0o644) }, 8, 7, false},
		{"a file removed", func() { os.Remove(files[2]) }, 8, 7, false},
		{"the last file removed", func() { os.Remove(filepath.Join(in, "zz-new-2.txt")) }, 7, 6, false},
	}
	for _, step := range steps {
		restored = nil
		before := partInodes(t, out, "notices")
		beforeIncidents := partInodes(t, out, "incidents")
		step.change()
		sum := run(t, out, 2, in)
		if sum.Manifest.KeptInputs != step.keptFiles || sum.TablesKept {
			t.Errorf("%s: kept rows of %d inputs, want %d (files %+v)", step.name, sum.Manifest.KeptInputs, step.keptFiles, sum.Manifest.Files)
		}
		if len(restored) != 1 || restored[0] != step.restored {
			t.Errorf("%s: linker restored %v, want [%v]", step.name, restored, step.restored)
		}
		if step.name == "a file changed" && (sum.Manifest.CacheMiss != 0 || sum.Manifest.Files.Read != 1) {
			t.Errorf("%s: cache misses %d, files %+v, want one file read, every segment from the cache", step.name, sum.Manifest.CacheMiss, sum.Manifest.Files)
		}
		if kept := keptParts(t, before, out, "notices"); kept != step.parts {
			t.Errorf("%s: %d parts kept, want %d", step.name, kept, step.parts)
		}
		// The incidents parts no change touches are kept too (all of them
		// when the removed file's incidents were parts of their own, or
		// when a file was only touched).
		kept, all := keptParts(t, beforeIncidents, out, "incidents"), len(parts(t, out, "incidents"))
		if kept == 0 || kept == all && step.name != "a file removed" && step.name != "a file touched" {
			t.Errorf("%s: %d of %d incidents parts kept, want some", step.name, kept, all)
		}
		full := fullRun(t, dir, in)
		sameTables(t, out, full)
		for _, table := range partedTables {
			if got, want := sum.Manifest.Tables[table], rowCount(t, full, table); got != want {
				t.Errorf("%s: manifest: %d %s rows, a --full run has %d", step.name, got, table, want)
			}
		}
	}
}

// TestFilesAddedAtTheEndFillASmallLastPart: files added at the end of the
// walk join a last part under half full, which is written again with
// them, instead of leaving a trail of small parts; once the last part is
// half full, the next files start a part of their own and it is kept.
func TestFilesAddedAtTheEndFillASmallLastPart(t *testing.T) {
	stagesHook = func(s *stages) { s.partRows = 20 }
	t.Cleanup(func() { stagesHook = nil })
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in) // 1, 8, 8, 6 and 1 notices: parts (000-003) and (004)
	run(t, out, 2, in)
	if got := parts(t, out, "notices"); len(got) != 2 {
		t.Fatalf("parts %v, want 2", got)
	}
	steps := []struct {
		name             string
		file             string
		keptFiles, parts int
		total            int
	}{
		// (004) holds 1 notice, under 10: written again as (004, zz-1).
		{"a file after a small last part", files[0], 4, 1, 2},
		// (004, zz-1) holds 9 notices: still under half, written again.
		{"a file after a last part still under half", files[1], 4, 1, 2},
		// (004, zz-1, zz-2) holds 17: kept, zz-3 a part of its own.
		{"a file after a last part half full", files[3], 7, 2, 3},
	}
	for i, step := range steps {
		before := partInodes(t, out, "notices")
		name := fmt.Sprintf("zz-%d.txt", i+1)
		addFile(t, in, name, newNotice(t, step.file))
		sum := run(t, out, 2, in)
		if sum.Manifest.KeptInputs != step.keptFiles {
			t.Errorf("%s: kept rows of %d inputs, want %d", step.name, sum.Manifest.KeptInputs, step.keptFiles)
		}
		if kept := keptParts(t, before, out, "notices"); kept != step.parts {
			t.Errorf("%s: %d parts kept, want %d", step.name, kept, step.parts)
		}
		if got := len(parts(t, out, "notices")); got != step.total {
			t.Errorf("%s: %d parts, want %d", step.name, got, step.total)
		}
	}
	sameTables(t, out, fullRun(t, dir, in))
}

// rowCount is the number of rows of a table of out.
func rowCount(t *testing.T, out, table string) int {
	t.Helper()
	return int(scalar[int64](t, open(t, out), "SELECT count(*) FROM "+table))
}

// TestNewFileFirstChangesLaterIncidents: a new notice that the walk meets
// before an old report of the same incident opens the incident, whose id
// is then its own: the part of the old report is written again with the
// new id, and the parts in between are kept.
func TestNewFileFirstChangesLaterIncidents(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	idQuery := "SELECT incident_id FROM notices WHERE source_path = '" + filepath.Base(files[4]) + "'"
	was := scalar[string](t, open(t, out), idQuery)
	before := partInodes(t, out, "notices")

	addFile(t, in, "000_0-new.txt", newNotice(t, files[4])) // the same header-less notice, first in the walk
	sum := run(t, out, 2, in)
	if now := scalar[string](t, open(t, out), idQuery); now == was {
		t.Fatalf("the incident id of %s did not change (%s): the test shows nothing", files[4], now)
	}
	// The new file is a part of its own, before the others; the last
	// input's notice has another incident id: its part is written again,
	// the three before it are kept.
	if sum.Manifest.KeptInputs != 4 || keptParts(t, before, out, "notices") != 3 {
		t.Errorf("kept rows of %d inputs, %d parts kept, want 4 and 3", sum.Manifest.KeptInputs, keptParts(t, before, out, "notices"))
	}
	sameTables(t, out, fullRun(t, dir, in))
}

// TestKeptInputChangedDuringRun: an old input that changes after the run
// planned to keep its rows is read as it is then, and its part written
// again: the rows are those of a --full run of what the run read.
func TestKeptInputChangedDuringRun(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	addFile(t, in, "zz-new.txt", newNotice(t, files[0]))
	incrementalPlannedHook = func() { os.WriteFile(files[0], []byte(newNotice(t, files[0])), 0o644) }
	defer func() { incrementalPlannedHook = nil }()
	sum, err := runCfg(t, Config{Inputs: []string{in}, Out: out, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	// (000, 001) written again, (002), (003) and (004) kept, (zz-new) new.
	if sum.Manifest.KeptInputs != 3 || sum.Manifest.Files.Read != 2 {
		t.Errorf("kept rows of %d inputs, files %+v; want 3 kept, 2 read", sum.Manifest.KeptInputs, sum.Manifest.Files)
	}
	sameTables(t, out, fullRun(t, dir, in))
}

// TestCorruptLinkStateWritesTablesWhole: a link state that does not check
// is not trusted: the run writes every table, as a --full run's.
func TestCorruptLinkStateWritesTablesWhole(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	path := filepath.Join(out, linkStateFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 1
	os.Remove(path) // a hard link of the previous folder's: never written in place
	os.WriteFile(path, b, 0o644)
	addFile(t, in, "zz-new.txt", newNotice(t, files[0]))
	if sum := run(t, out, 2, in); sum.Manifest.KeptInputs != 0 {
		t.Errorf("kept rows of %d inputs with a damaged link state", sum.Manifest.KeptInputs)
	}
	sameTables(t, out, fullRun(t, dir, in))
}

// TestKilledIncrementalRunKeepsPreviousTables: a run killed once it has
// linked the kept parts and written the others into its staging folder
// leaves the previous folder whole (its parts are linked, never written);
// the next run writes the tables of the grown corpus.
func TestKilledIncrementalRunKeepsPreviousTables(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	run(t, out, 2, in)
	before := tableFiles(t, out)
	addFile(t, in, "000_b-new.txt", newNotice(t, files[3]))

	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledIncrementalRunHelper$")
	cmd.Env = append(os.Environ(), "BREACHTREND_INCR_OUT="+out, "BREACHTREND_INCR_IN="+in)
	b, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("child: %v, want exit 3 from the hook\n%s", err, b)
	}
	for name, b := range tableFiles(t, out) {
		if before[name] != b {
			t.Errorf("%s changed by the killed run", name)
		}
	}
	if len(tableFiles(t, out)) != len(before) {
		t.Errorf("the killed run left files in the tables")
	}
	if sum := run(t, out, 2, in); sum.Manifest.KeptInputs != 3 {
		t.Errorf("the run after the kill kept the rows of %d inputs, want 3", sum.Manifest.KeptInputs)
	}
	sameTables(t, out, fullRun(t, dir, in))
}

// TestKilledIncrementalRunHelper is the child process of
// TestKilledIncrementalRunKeepsPreviousTables: it dies (os.Exit, no
// deferred cleanup, as under kill -9) once the parts are written.
func TestKilledIncrementalRunHelper(t *testing.T) {
	out := os.Getenv("BREACHTREND_INCR_OUT")
	if out == "" {
		t.Skip("the child process of TestKilledIncrementalRunKeepsPreviousTables")
	}
	smallParts(t)
	planned := false
	incrementalPlannedHook = func() { planned = true }
	partsWrittenHook = func() {
		if planned {
			os.Exit(3)
		}
	}
	cfg := Config{Inputs: []string{os.Getenv("BREACHTREND_INCR_IN")}, Out: out, Workers: 2}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), cfg)
	t.Fatalf("the run was not incremental or did not stop once the parts were written: %v", err)
}

// TestSettleRestoresOrRelinks: the deferred kept inputs of a run are the
// previous linker restored when they are all the previous inputs and its
// snapshot restores; linked again, each getting its incident ids, when one
// is missing or the snapshot does not restore. Both linkers then give a
// new notice the same incident id.
func TestSettleRestoresOrRelinks(t *testing.T) {
	dir := t.TempDir()
	w, err := createLinkState(dir, "v")
	if err != nil {
		t.Fatal(err)
	}
	b := linkStateBuilder{out: w}
	prev := link.NewLinker()
	for i, org := range []string{"架空市", "架空県", "架空市"} {
		n := schemas.Notice{NoticeID: fmt.Sprintf("n%d", i), IsIncident: true, Organization: org, Cause: "loss",
			PublishedDate: schemas.MustDate("2024-01-02")}
		prev.Add(&n)
		b.add(&n)
		b.endInput(fmt.Sprintf("in%d", i), "sha", 0)
	}
	snap, err := prev.AppendSnapshot(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.finish([]partInfo{{}}, prev); err != nil {
		t.Fatal(err)
	}
	state, err := readLinkState(dir, "v")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(state.linker, snap) {
		t.Fatal("the link state's snapshot is not the linker's")
	}
	entries := func() []incrementalEntry {
		var es []incrementalEntry
		for i := range state.inputs {
			es = append(es, incrementalEntry{kept: &keptInput{index: i, state: &state.inputs[i]}, state: state.inputs[i]})
		}
		return es
	}
	var restored []bool
	linkerSettledHook = func(r bool) { restored = append(restored, r) }
	t.Cleanup(func() { linkerSettledHook = nil })
	next := func(l *link.Linker) string {
		n := schemas.Notice{NoticeID: "new", IsIncident: true, Organization: "架空市", Cause: "loss", PublishedDate: schemas.MustDate("2024-01-09")}
		l.Add(&n)
		return n.IncidentID
	}
	want := next(prev)

	p := &incrementalPlan{state: state}
	es := entries()
	l, err := p.settle(link.NewLinker(), es, len(es))
	if err != nil || len(restored) != 1 || !restored[0] || es[0].ids != nil {
		t.Fatalf("every input in order: restored %v, error %v, ids %v", restored, err, es[0].ids)
	}
	if got := next(l); got != want {
		t.Errorf("restored: a new notice's incident %s, want %s", got, want)
	}

	for name, c := range map[string]struct {
		snapshot []byte
		deferred int
	}{"a snapshot that does not restore": {[]byte("damaged"), 3}, "the last input missing": {snap, 2}} {
		restored = nil
		state.linker = c.snapshot
		es := entries()
		l, err := p.settle(link.NewLinker(), es, c.deferred)
		if err != nil || len(restored) != 1 || restored[0] {
			t.Fatalf("%s: restored %v, error %v", name, restored, err)
		}
		for i, e := range es[:c.deferred] {
			rec, _ := decodeInputRecord(e.state.record)
			if len(e.ids) != 1 || e.ids[0] != rec.incident[0].IncidentID || e.changed {
				t.Errorf("%s: input %d linked again: ids %v, changed %v, want %s", name, i, e.ids, e.changed, rec.incident[0].IncidentID)
			}
		}
		if c.deferred == 3 {
			if got := next(l); got != want {
				t.Errorf("%s: a new notice's incident %s, want %s", name, got, want)
			}
		}
	}
}
