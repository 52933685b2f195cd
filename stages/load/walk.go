package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/breachtrend/breachtrend/schemas"
)

// Walk finds the files under roots, in a deterministic order (roots as given,
// then lexical order within each directory, depth first, as filepath.WalkDir
// does) and calls emit for each file of a supported format. Files and
// directories that cannot be used go to reject and the walk goes on; hidden
// names (".x") are skipped silently. Symbolic links are followed, to files
// and to directories; a directory reached a second time through its real
// path (a link loop, or a second link to it) is rejected instead of walked
// again.
//
// Walk returns an error only for a root that cannot be stat'ed (a usage
// error, not bad data) or when emit returns one, which stops the walk.
func Walk(roots []string, emit func(Input) error, reject func(schemas.Reject)) error {
	return WalkOptions{}.Walk(roots, emit, reject)
}

// WalkOptions change what Walk visits.
type WalkOptions struct {
	// Exclude names files and folders that are neither walked nor
	// rejected, nor anything inside them: a run's own output folder and
	// its lock beside it, when they lie under an input root, so a run
	// never reads what it wrote. They are compared after resolving
	// symbolic links, so a link into an excluded folder is skipped too.
	Exclude []string
}

// Walk is the package's Walk with the options o.
func (o WalkOptions) Walk(roots []string, emit func(Input) error, reject func(schemas.Reject)) error {
	if reject == nil {
		reject = func(schemas.Reject) {}
	}
	w := &walker{emit: emit, reject: reject, seen: map[string]string{}}
	for _, p := range o.Exclude {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		if abs, err := filepath.Abs(p); err == nil {
			w.exclude = append(w.exclude, abs)
		}
	}
	for _, root := range roots {
		fi, err := os.Stat(root)
		if err != nil {
			return fmt.Errorf("load: input root: %w", err)
		}
		if fi.IsDir() {
			err = w.dir(root, "")
		} else {
			// A file named explicitly is wanted even if its name is hidden.
			err = w.file(root, filepath.Base(root), fi)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

type walker struct {
	emit   func(Input) error
	reject func(schemas.Reject)
	seen   map[string]string // real path of each directory walked -> its Rel

	exclude []string // absolute real paths not to walk (WalkOptions.Exclude)
}

// excluded reports whether the real path p is, or lies inside, a path of
// WalkOptions.Exclude.
func (w *walker) excluded(p string) bool {
	for _, x := range w.exclude {
		if p == x || strings.HasPrefix(p, strings.TrimSuffix(x, string(filepath.Separator))+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func (w *walker) rejectf(rel, reason, format string, args ...any) {
	w.reject(schemas.Reject{Stage: stage, Source: rel, Segment: -1, Reason: reason, Detail: fmt.Sprintf(format, args...)})
}

// dir walks the directory at p, whose path relative to its root is rel
// ("" for the root itself).
func (w *walker) dir(p, rel string) error {
	name := rel
	if name == "" {
		name = "."
	}
	real, err := filepath.EvalSymlinks(p)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		w.rejectf(name, ReasonUnreadable, "directory %s: %v", p, err)
		return nil
	}
	if w.excluded(real) {
		return nil
	}
	if first, ok := w.seen[real]; ok {
		if first == "" {
			first = "."
		}
		w.rejectf(name, ReasonSymlinkLoop, "directory %s is %s, already walked as %q: not walked again", p, real, first)
		return nil
	}
	w.seen[real] = rel

	// os.ReadDir sorts by name; on error it returns what it read before.
	entries, err := os.ReadDir(p)
	if err != nil {
		w.rejectf(name, ReasonUnreadable, "directory %s: %v", p, err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		child := filepath.Join(p, e.Name())
		childRel := path.Join(rel, e.Name())
		if len(w.exclude) > 0 {
			childReal := filepath.Join(real, e.Name())
			if e.Type()&fs.ModeSymlink != 0 {
				if r, err := filepath.EvalSymlinks(child); err == nil {
					childReal = r
				}
			}
			if w.excluded(childReal) {
				continue
			}
		}
		var fi fs.FileInfo
		var statErr error
		if e.Type()&fs.ModeSymlink != 0 {
			fi, statErr = os.Stat(child) // follow the link
		} else {
			fi, statErr = e.Info()
		}
		var emitErr error
		switch {
		case errors.Is(statErr, syscall.ELOOP):
			w.rejectf(childRel, ReasonSymlinkLoop, "%s: %v", child, statErr)
		case statErr != nil: // a dangling link, or the entry vanished
			w.rejectf(childRel, ReasonUnreadable, "%s: %v", child, statErr)
		case fi.IsDir():
			emitErr = w.dir(child, childRel)
		default:
			emitErr = w.file(child, childRel, fi)
		}
		if emitErr != nil {
			return emitErr
		}
	}
	return nil
}

// file emits one file, or rejects it when it cannot be loaded.
func (w *walker) file(p, rel string, fi fs.FileInfo) error {
	if !fi.Mode().IsRegular() {
		// Opening a FIFO would block the run; devices and sockets are not
		// documents.
		w.rejectf(rel, ReasonUnreadable, "%s: not a regular file (%s)", p, fi.Mode().Type())
		return nil
	}
	if format, _ := formatOf(rel); format == "" {
		w.rejectf(rel, ReasonUnsupported, "%s: extension is not one of .txt .md .html .htm .jsonl .pdf (optionally .gz)", p)
		return nil
	}
	// Permission problems show up here, in the walk, where the file is
	// named; Load checks again, since files can change in between.
	f, err := os.Open(p)
	if err != nil {
		w.rejectf(rel, ReasonUnreadable, "%v", err)
		return nil
	}
	f.Close()
	return w.emit(Input{Path: p, Rel: rel, Size: fi.Size()})
}
