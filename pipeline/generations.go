package pipeline

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// The two caches (the segment cache and the file index) are each a base
// file and deltas beside it ("segments.jsonl", "segments.jsonl.1", …),
// all of one format, each opened by the same header line. A run that
// keeps most entries does not copy them: it hard-links the previous
// run's files into its staging folder unchanged and writes only its own
// new entries, and tombstones for the entries it no longer references,
// into a new delta. A later delta overrides an earlier file for a key.
// Old entries that no run references any more are garbage left in the
// files; once they pass maxGarbage of the bytes, or the deltas
// maxGenerations, the run writes one new base instead: the entries it
// references, copied file to file, then its own. So a rerun after adding
// 10 files to a corpus of 100k notices writes a few MB instead of copying
// ~280 MB, and the caches stay within a third of their live size.
//
// Nothing is written in place: the previous folder keeps its files (the
// staging folder holds other names for the same inodes), and a run killed
// at any point leaves it as it was.

// maxGarbage is the share of a cache's bytes that may be dead entries
// before a run compacts it; maxGenerations the most files it may span
// (variables for tests).
var (
	maxGarbage     = 0.25
	maxGenerations = 16
)

// generationsFinishedHook, when set (by tests), runs once a cache is
// complete in the staging folder.
var generationsFinishedHook func(name string)

// generationPaths are the files of the cache at path in the order they
// are read: the base, then its deltas 1, 2, … up to the first missing.
func generationPaths(path string) []string {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	paths := []string{path}
	for i := 1; ; i++ {
		p := path + "." + strconv.Itoa(i)
		if _, err := os.Stat(p); err != nil {
			return paths
		}
		paths = append(paths, p)
	}
}

// generations are the previous run's files of one cache, open for ReadAt.
type generations struct {
	files []*os.File
	bytes int64 // their size, headers left out
}

// file is the generation of sp.
func (g *generations) file(sp span) *os.File { return g.files[sp.gen] }

func (g *generations) close() {
	for _, f := range g.files {
		f.Close()
	}
	g.files = nil
}

// readGenerations opens the files of the cache at path, checks each
// one's header line (head) and calls each for every file with a reader
// placed after it, its number and the header's length; an error from
// each, or a file of another header, makes the whole cache unusable (nil).
func readGenerations(path, head string, each func(r *bufio.Reader, gen int32, off int64) error) *generations {
	g := &generations{}
	for i, p := range generationPaths(path) {
		f, err := os.Open(p)
		if err != nil {
			g.close()
			return nil
		}
		g.files = append(g.files, f)
		r := bufio.NewReaderSize(f, 1<<20)
		h, err := r.ReadString('\n')
		if err != nil || h != head {
			g.close()
			return nil
		}
		if fi, err := f.Stat(); err == nil {
			g.bytes += fi.Size() - int64(len(h))
		}
		if err := each(r, int32(i), int64(len(h))); err != nil {
			g.close()
			return nil
		}
	}
	if len(g.files) == 0 {
		return nil
	}
	return g
}

// nextGeneration is the file this run writes its entries into: the base
// when there is no previous cache to build on, else the next delta.
func nextGeneration(dir, name string, prev *generations) string {
	path := filepath.Join(dir, name)
	if prev == nil {
		return path
	}
	return path + "." + strconv.Itoa(len(prev.files))
}

// generationWriter is this run's file of one cache and what it keeps of
// the previous run's.
type generationWriter struct {
	dir, name string // the staging folder and the cache's base name in it (_cache/…)
	prevDir   string // the previous output folder
	prev      *generations
	next      *os.File
	w         *bufio.Writer
	headLen   int64
	live      []span // the previous entries this run keeps, by reference
}

// startGeneration creates this run's file of the cache name in dir.
func startGeneration(dir, prevDir, name, head string, prev *generations) (*generationWriter, error) {
	path := nextGeneration(dir, name, prev)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	gw := &generationWriter{dir: dir, name: name, prevDir: prevDir, prev: prev, next: f,
		w: bufio.NewWriterSize(f, 1<<20), headLen: int64(len(head))}
	gw.w.WriteString(head)
	return gw, nil
}

// compact reports whether this run writes a new base instead of a delta:
// the garbage of the previous files, those bytes of them this run does
// not keep, passes maxGarbage of all, or the deltas maxGenerations.
func (gw *generationWriter) compact(written int64) bool {
	if gw.prev == nil {
		return false
	}
	var live int64
	for _, sp := range gw.live {
		live += sp.n
	}
	garbage := gw.prev.bytes - live
	return len(gw.prev.files)+1 > maxGenerations || float64(garbage) > maxGarbage*float64(gw.prev.bytes+written)
}

// finish ends this run's file (tail, when not nil, is called first to
// add tombstones unless the run compacts) and makes the cache complete in
// the staging folder: the previous files hard-linked beside this run's
// delta, or one new base of the kept entries and this run's. It returns
// whether it compacted.
func (gw *generationWriter) finish(tail func(w *bufio.Writer) error) (compacted bool, err error) {
	defer func() {
		if gw.prev != nil {
			gw.prev.close()
		}
		if err == nil && generationsFinishedHook != nil {
			generationsFinishedHook(gw.name)
		}
	}()
	if err := gw.w.Flush(); err != nil {
		gw.next.Close()
		return false, err
	}
	fi, err := gw.next.Stat()
	if err != nil {
		gw.next.Close()
		return false, err
	}
	written := fi.Size() - gw.headLen
	if gw.prev == nil || !gw.compact(written) {
		if tail != nil && gw.prev != nil {
			err = tail(gw.w)
		}
		if err = errors.Join(err, gw.w.Flush(), gw.next.Sync(), gw.next.Close()); err != nil || gw.prev == nil {
			return false, err
		}
		for i := range gw.prev.files {
			name := gw.name
			if i > 0 {
				name += "." + strconv.Itoa(i)
			}
			if err := linkTree(filepath.Join(gw.prevDir, name), filepath.Join(gw.dir, name)); err != nil {
				return false, fmt.Errorf("keeping %s: %w", name, err)
			}
		}
		return false, nil
	}
	return true, gw.writeBase()
}

// writeBase writes the kept entries, then this run's, as the new base, and
// removes this run's delta.
func (gw *generationWriter) writeBase() error {
	delta := gw.next
	defer delta.Close()
	base := filepath.Join(gw.dir, gw.name)
	f, err := os.Create(base + ".compacting")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	head := make([]byte, gw.headLen)
	_, err = delta.ReadAt(head, 0)
	if err == nil {
		_, err = w.Write(head)
	}
	live := slices.Clone(gw.live)
	slices.SortFunc(live, func(a, b span) int { return cmp.Or(cmp.Compare(a.gen, b.gen), cmp.Compare(a.off, b.off)) })
	var run span // adjacent entries, not copied yet
	flush := func() {
		if err == nil && run.n > 0 {
			_, err = appendSpan(w, f, gw.prev.file(run), run)
		}
	}
	for _, sp := range live {
		if run.n > 0 && run.gen == sp.gen && run.off+run.n == sp.off {
			run.n += sp.n
			continue
		}
		flush()
		run = sp
	}
	flush()
	if err == nil {
		fi, serr := delta.Stat()
		err = serr
		if err == nil {
			_, err = appendSpan(w, f, delta, span{off: gw.headLen, n: fi.Size() - gw.headLen})
		}
	}
	if err = errors.Join(err, w.Flush(), f.Sync(), f.Close()); err != nil {
		return err
	}
	if err := os.Remove(delta.Name()); err != nil {
		return err
	}
	return os.Rename(base+".compacting", base)
}
