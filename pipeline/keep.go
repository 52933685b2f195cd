package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/correct"
	"github.com/breachtrend/breachtrend/stages/load"
)

// A rerun over inputs that are all unchanged since the previous run, by
// their stat data, keeps the previous run's tables: they are exactly what
// the run would write again, every notice served from the file index, every
// table recomputed from the same rows. Serving, rewriting and recomputing
// them cost 1.9 s of CPU on the 10k bench corpus; keeping them costs the
// walk and a stat per file. The tables, the manifest's counts and the caches
// are hard links into the staging folder (a copy where the file system has
// no hard links), which is published as any run's: swapped in whole, so a
// run killed at any point leaves the previous folder as it was. A file is
// never written in place in either folder, so the two names of one file
// never see a change.
//
// Anything else that decides the rows must be the same too: the rules'
// version and the --sectors file (the file index's version), the
// corrections file (its path and content), and the walk's own rejects
// (files it could not use). --full and --verify never keep.

// tablesPlan is what a run does with the previous run's tables.
type tablesPlan struct {
	// kept: nothing changed, and the previous tables were linked into
	// the staging folder: the run is published as it is.
	kept bool
	// toRead: some input is to be read, so the run builds the tokenizer's
	// dictionary up front.
	toRead bool
	// incremental, when not nil: the run may keep the parts of the
	// previous notices and timeline tables that none of the changes
	// touch, once its link state reads back (pendingIncremental.wait).
	incremental *pendingIncremental
}

// keepTables publishes the previous tables as this run's when nothing that
// decides them changed (plan.kept); otherwise the staging folder is left
// untouched and the run goes on, with plan.incremental when it can keep
// parts of them. toRead is called once, as soon as the walk meets an input
// to read.
//
// changed, when not nil, is called (maybe more than once) as soon as a
// change is likely or found, as the read of the previous link state
// starts: the run starts indexing its segment cache then.
func keepTables(ctx context.Context, cfg Config, out outputDir, stage *staging, x *fileIndex, fixes *correct.Set, man *Manifest, toRead, changed func()) (plan tablesPlan, err error) {
	if cfg.Full || x.prev == nil {
		return tablesPlan{toRead: true}, nil
	}
	// The previous link state is read (~0.1 s of CPU at 100k notices) on
	// a goroutine of its own from the first input the walk finds changed,
	// or before the walk when an input folder's mtime says an entry was
	// added or removed since the previous run ended, while the walk goes
	// on and the run opens its caches; an unchanged rerun never reads it.
	var state *linkStateRead
	if fixes == nil && !cfg.Verify {
		state = newLinkStateRead(out.real, x.version)
	}
	onChange := func() {
		state.start()
		if changed != nil {
			changed()
		}
	}
	// The previous manifest's mtime, not its content: decoding it (1.5 MB
	// of JSON at 100k) before the walk added ~15 MB to an unchanged
	// rerun's peak RSS.
	if fi, err := os.Stat(filepath.Join(out.real, "manifest.json")); err == nil && inputRootsChangedSince(cfg.Inputs, fi.ModTime()) {
		// A file was added, removed or renamed in an input folder (or
		// an input file written) since the previous run ended: the walk
		// will find a change, most likely at its end (new files come
		// last in a folder of dated names), so the reads start now.
		onChange()
	}
	c := x.checkInputs(ctx, &cfg, toRead, onChange)
	if err := ctx.Err(); err != nil {
		return tablesPlan{}, err
	}
	plan.toRead = c.toRead
	prev, err := readManifest(out.real)
	if cfg.Verify || err != nil || prev.Rules != man.Rules || !sameCorrections(prev.Corrections, fixes) {
		return plan, nil
	}
	if c.readBytes < 0 {
		return plan, nil // the walk failed: the run walks again and says why
	}
	if !c.unchanged || c.files != prev.Summary.Files || c.walkSum != prev.WalkRejects {
		if fixes == nil {
			plan.incremental = planIncremental(out, x, c, state)
		}
		return plan, nil
	}
	n := c.files
	names := keptNames()
	for _, name := range names {
		if _, err := os.Lstat(filepath.Join(out.real, name)); err != nil {
			return plan, nil // a table missing: the run writes it
		}
	}
	for _, name := range names {
		if err := linkTree(filepath.Join(out.real, name), filepath.Join(stage.dir, name)); err != nil {
			return plan, fmt.Errorf("keeping the unchanged tables: %w", err)
		}
	}
	if keptHook != nil {
		keptHook()
	}
	if err := ctx.Err(); err != nil {
		return plan, err
	}
	man.Inputs, man.Tables, man.Rejects = prev.Inputs, prev.Tables, prev.Rejects
	man.Corrections, man.WalkRejects, man.Summary = prev.Corrections, prev.WalkRejects, prev.Summary
	man.CacheHits, man.Files, man.TablesKept, man.KeptInputs = prev.Summary.Segments, FileCounts{Unchanged: n}, true, n
	return tablesPlan{kept: true}, nil
}

// inputRootsChangedSince reports whether an input root (a folder or a
// file, as given) was modified at or after since: a folder's mtime moves
// when an entry directly in it is added, removed or renamed. It is a hint
// of when to start work a change needs, never what decides a change: a
// file changed deeper down leaves its root's mtime as it was.
func inputRootsChangedSince(inputs []string, since time.Time) bool {
	for _, in := range inputs {
		if fi, err := os.Stat(in); err == nil && !fi.ModTime().Before(since) {
			return true
		}
	}
	return false
}

// keptHook, when set (by tests), runs once the kept tables are linked into
// the staging folder, before it is published.
var keptHook func()

// keptNames are the entries of an output folder a kept run links: every
// table and the caches; the marker and the manifest are its own.
func keptNames() []string {
	names := []string{filepath.Dir(cacheFile)}
	for _, t := range schemas.Dictionary() {
		names = append(names, t.Name)
	}
	return names
}

// inputsCheck is what a walk of the inputs found, before the run (see
// checkInputs).
type inputsCheck struct {
	files   int    // inputs walked
	walkSum string // walkRejectsSum of the walk's rejects
	// unchanged: every input is unchanged by its stat data and the
	// previous index holds no other file. toRead: some input is new or
	// changed in size, so the run reads it (and, most likely, extracts);
	// readBytes is the size of those inputs.
	unchanged, toRead bool
	readBytes         int64
}

// checkInputs walks the inputs and compares each one's stat data with the
// previous index, hashing none. toRead is called at the first input to
// read, so the tokenizer's dictionary starts building while the walk goes
// on.
//
// changed, when not nil, is called at each input that is not unchanged by
// its stat data (to read or to hash).
func (x *fileIndex) checkInputs(ctx context.Context, cfg *Config, toRead, changed func()) inputsCheck {
	sum := newWalkRejectsSum()
	var c inputsCheck
	allSame := true
	x.metas, x.recordMetas = map[string]fileMeta{}, true
	defer func() { x.recordMetas = false }()
	x.walked = &walked{}
	err := cfg.walk(func(in load.Input) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		x.walked.inputs = append(x.walked.inputs, in)
		switch _, _, _, _, verdict := x.statCheck(in); verdict {
		case statMustRead:
			if !c.toRead && toRead != nil {
				toRead()
			}
			c.toRead, allSame = true, false
			c.readBytes += in.Size
			if changed != nil {
				changed()
			}
		case statMustHash:
			allSame = false
			if changed != nil {
				changed()
			}
		}
		c.files++
		return nil
	}, func(r schemas.Reject) {
		sum.add(r)
		x.walked.rejects = append(x.walked.rejects, r)
	})
	if err != nil || len(x.walked.inputs) > maxWalked {
		x.walked = nil
	}
	if err != nil {
		return inputsCheck{toRead: true, readBytes: -1}
	}
	complete := 0
	for _, e := range x.oldIdx {
		if e.complete {
			complete++
		}
	}
	c.walkSum, c.unchanged = sum.String(), allSame && c.files == complete
	return c
}

// walked is what the walk that plans a run found, in walk order: the run
// goes through the same inputs and rejects again (walkInputs) instead of
// listing every folder and stat'ing every file a second time, ~0.1 s of
// CPU at 9.5k files. A file added or removed between the two is seen as
// it would be by a run started a moment earlier.
type walked struct {
	inputs  []load.Input
	rejects []schemas.Reject
}

// maxWalked bounds the inputs a walk keeps (~0.2 KB each); a corpus of
// more files is walked twice.
const maxWalked = 1 << 20

// walkInputs calls emit for each input and reject for each reject of the
// walk, as cfg.walk does: from the walk that planned the run, when it kept
// them (once: a later call walks again), or by walking.
func walkInputs(cfg *Config, x *fileIndex, emit func(load.Input) error, reject func(schemas.Reject)) error {
	if x == nil || x.walked == nil {
		return cfg.walk(emit, reject)
	}
	w := x.walked
	x.walked = nil
	for _, r := range w.rejects {
		reject(r)
	}
	for _, in := range w.inputs {
		if err := emit(in); err != nil {
			return err
		}
	}
	return nil
}

// walkRejectsSum is a hash of the rejects of the walk (files it could not
// use, in walk order), which a manifest records: a kept run must have the
// same.
type walkRejectsSum struct {
	h     hash.Hash
	count int
}

func newWalkRejectsSum() *walkRejectsSum { return &walkRejectsSum{h: sha256.New()} }

func (w *walkRejectsSum) add(r schemas.Reject) {
	w.count++
	b, _ := json.Marshal(r)
	w.h.Write(append(b, '\n'))
}

// String is "" when there was no reject, else the hex SHA-256.
func (w *walkRejectsSum) String() string {
	if w.count == 0 {
		return ""
	}
	return hex.EncodeToString(w.h.Sum(nil))
}

// sameCorrections reports whether the corrections of the previous run are
// those of this one: the same file by path and content, or none.
func sameCorrections(prev *CorrectionsUsed, now *correct.Set) bool {
	if prev == nil || now == nil {
		return prev == nil && now == nil
	}
	return prev.Path == now.File && prev.SHA256 == now.SHA256
}

// readManifest reads the manifest of an output folder.
func readManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	return &m, nil
}

// linkTree makes dst a tree of hard links to the files of src (a file or
// a folder of files and folders), copying a file that cannot be linked.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular():
			return fmt.Errorf("%s: not a regular file", p)
		}
		if err := os.Link(p, target); err == nil {
			return nil
		}
		return copyFile(p, target)
	})
}

// copyFile copies src to a new file dst, synced.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Sync(), out.Close())
}
