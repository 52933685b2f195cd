package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/breachtrend/breachtrend/schemas"
)

// WalkOptions are the choices of a walk; the zero value is the default.
type WalkOptions struct {
	// Exclude lists paths that are not walked: neither the path nor, for a
	// folder, anything under it is emitted or rejected. Each entry is a
	// path, or a filepath.Match pattern in its last element (the run's
	// `.<out>.staging-*` folders), compared with the real path (symbolic
	// links resolved) of every file and folder met and of the folders it
	// lies in, so a link to a file inside an excluded folder is skipped
	// too; the folder part of an entry is resolved the same way, so a
	// relative or linked --out matches. The run excludes its own output
	// folder and its lock, so an --out inside an --in root is never read.
	Exclude []string
	// FollowSymlinks follows symbolic links that lead out of the --in root
	// they were found under. By default such a link is rejected
	// (symlink_outside_root, naming the target): a link to /etc/shadow or
	// to / must not pull files from elsewhere into the tables. Links that
	// stay inside the root are always followed.
	FollowSymlinks bool
}

// Walk is WalkOptions{}.Walk: the default walk.
func Walk(roots []string, emit func(Input) error, reject func(schemas.Reject)) error {
	return WalkOptions{}.Walk(roots, emit, reject)
}

// Walk finds the files under roots, in a deterministic order (roots as given,
// then lexical order within each directory, depth first, as filepath.WalkDir
// does) and calls emit for each file of a supported format. Files and
// directories that cannot be used go to reject and the walk goes on; hidden
// names (".x") and excluded paths are skipped silently. Symbolic links are
// followed, to files and to directories, as long as they stay inside their
// root (or always, with FollowSymlinks); a directory reached a second time
// through its real path (a link loop, or a second link to it) is rejected
// instead of walked again.
//
// Rel is the path below the root as a valid UTF-8 string: a name that is
// not (Shift_JIS names from archives made on Japanese Windows) has its
// invalid bytes escaped (see EscapePath); Path keeps the bytes to open.
//
// Walk returns an error only for a root that cannot be stat'ed (a usage
// error, not bad data) or when emit returns one, which stops the walk.
func (o WalkOptions) Walk(roots []string, emit func(Input) error, reject func(schemas.Reject)) error {
	if reject == nil {
		reject = func(schemas.Reject) {}
	}
	w := &walker{emit: emit, reject: reject, seen: map[string]string{}, follow: o.FollowSymlinks, rels: map[string]bool{}}
	for _, e := range o.Exclude {
		w.exclude = append(w.exclude, resolveDir(e))
	}
	for _, root := range roots {
		fi, err := os.Stat(root)
		if err != nil {
			return fmt.Errorf("load: input root: %w", err)
		}
		real, err := realPath(root)
		if err != nil {
			return fmt.Errorf("load: input root: %w", err)
		}
		if w.excluded(real) {
			continue
		}
		if fi.IsDir() {
			w.root, w.label = real, EscapePath(filepath.Base(real))
			err = w.dir(root, "", real)
		} else {
			w.label = EscapePath(filepath.Base(filepath.Dir(real)))
			// A file named explicitly is wanted even if its name is hidden.
			err = w.file(root, EscapePath(filepath.Base(root)), fi)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// realPath is the absolute path of p with every symbolic link resolved.
func realPath(p string) (string, error) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

// resolveDir is an Exclude entry made absolute, its folder part resolved
// when it exists (the last element may be a pattern, or not exist yet).
func resolveDir(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

type walker struct {
	emit    func(Input) error
	reject  func(schemas.Reject)
	seen    map[string]string // real path of each directory walked -> its Rel
	follow  bool              // follow links out of the root
	root    string            // real path of the root being walked
	exclude []string          // absolute paths or patterns, folders resolved
	// rels are the Rels emitted so far, and label the name of the root
	// being walked (its folder's, for a file): a root that holds a path
	// an earlier root emitted gets it under its label (uniqueRel).
	rels  map[string]bool
	label string
}

// uniqueRel returns rel, or, when an earlier root emitted it, rel under
// the root's label (「c4b/notice.txt」; 「c4b~2/notice.txt」 when that is
// taken too): --in c4a --in c4b that both hold notice.txt give two files
// that source_path, the file index and corrections tell apart. Within one
// root a path is unique, so the first root keeps every path as it is.
func (w *walker) uniqueRel(rel string) string {
	cand := rel
	for n := 1; w.rels[cand]; n++ {
		label := w.label
		if n > 1 {
			label += "~" + strconv.Itoa(n)
		}
		cand = path.Join(label, rel)
	}
	w.rels[cand] = true
	return cand
}

// excluded reports whether the real path p is one of the excluded paths,
// or lies inside one.
func (w *walker) excluded(p string) bool {
	if len(w.exclude) == 0 {
		return false
	}
	for q := p; ; q = filepath.Dir(q) {
		for _, e := range w.exclude {
			if e == q {
				return true
			}
			// The pattern is the last element only: a folder name with
			// '[' or '*' in it is matched as it is.
			if filepath.Dir(e) == filepath.Dir(q) {
				if ok, _ := filepath.Match(filepath.Base(e), filepath.Base(q)); ok {
					return true
				}
			}
		}
		if q == filepath.Dir(q) {
			return false
		}
	}
}

// inRoot reports whether the real path p is the root or under it.
func (w *walker) inRoot(p string) bool {
	return p == w.root || strings.HasPrefix(p, w.root+string(filepath.Separator)) || w.root == string(filepath.Separator)
}

func (w *walker) rejectf(rel, reason, format string, args ...any) {
	w.reject(schemas.Reject{Stage: stage, Source: rel, Segment: -1, Reason: reason, Detail: EscapePath(fmt.Sprintf(format, args...))})
}

// dir walks the directory at p, whose path relative to its root is rel
// ("" for the root itself) and whose real path is real.
func (w *walker) dir(p, rel, real string) error {
	name := rel
	if name == "" {
		name = "."
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
		childRel := path.Join(rel, EscapePath(e.Name()))
		childReal := filepath.Join(real, e.Name())
		var fi fs.FileInfo
		var statErr error
		if e.Type()&fs.ModeSymlink != 0 {
			fi, statErr = os.Stat(child) // follow the link
			if statErr == nil {
				childReal, statErr = realPath(child)
			}
		} else {
			fi, statErr = e.Info()
		}
		if statErr == nil && w.excluded(childReal) {
			continue
		}
		var emitErr error
		switch {
		case errors.Is(statErr, syscall.ELOOP):
			w.rejectf(childRel, ReasonSymlinkLoop, "%s: %v", child, statErr)
		case statErr != nil: // a dangling link, or the entry vanished
			w.rejectf(childRel, ReasonUnreadable, "%s: %v", child, statErr)
		case !w.follow && !w.inRoot(childReal):
			w.rejectf(childRel, ReasonSymlinkOutside, "%s is a symbolic link to %s, outside the --in root %s: not read (--follow-symlinks reads it)", child, childReal, w.root)
		case fi.IsDir():
			emitErr = w.dir(child, childRel, childReal)
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
		w.rejectf(rel, ReasonUnsupported, "%s: extension is not one of "+extensionList, p)
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
	return w.emit(Input{Path: p, Rel: w.uniqueRel(rel), Size: fi.Size()})
}
