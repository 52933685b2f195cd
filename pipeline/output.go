package pipeline

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// staging is the folder a run writes its tables into, beside the output
// folder; commit swaps it in whole.
type staging struct {
	out outputDir
	dir string
}

// newStaging makes a staging folder beside the output folder: in the same
// parent, so the swap is a rename within one file system. It carries the
// marker from the start, so the sweep of a later run (sweepStaging) knows
// it for breachtrend's own.
func newStaging(o outputDir) (*staging, error) {
	parent := filepath.Dir(o.real)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("--out %s: cannot create the folder that holds it: %w", o.user, bare(err))
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(o.real)+".staging-")
	if err != nil {
		return nil, fmt.Errorf("--out %s: cannot create a folder beside it for the new tables: %w", o.user, bare(err))
	}
	s := &staging{out: o, dir: dir}
	if err := os.Chmod(dir, 0o755); err != nil { // MkdirTemp makes it 0700
		os.Remove(dir)
		return nil, fmt.Errorf("--out %s: %w", o.user, bare(err))
	}
	if err := writeMarker(dir); err != nil {
		os.RemoveAll(dir) // holds nothing but what was just written
		return nil, fmt.Errorf("--out %s: cannot write the new tables beside it: %w", o.user, bare(err))
	}
	return s, nil
}

// exchange swaps two folders atomically (a variable so tests can take the
// fallback path of systems without it).
var exchange = func(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// afterSwapHook, when set (by tests), runs between the swap and the carry
// over of the user's files, where a crash is the worst it can be.
var afterSwapHook func()

// commit replaces the tables of the output folder by the staging folder's.
// On Linux the two folders are exchanged in one renameat2(RENAME_EXCHANGE),
// so a reader, or a crash, sees either the old tables or the new ones,
// never a mix or none. Then every entry of the previous folder that a run
// does not write (a report, an analyst's CSV) is moved into the new one,
// and the previous tables are removed. Both folders carry the marker, so
// after a crash between those steps the next run's sweep moves the user's
// files on and nothing is lost.
func (s *staging) commit() error {
	if err := syncDir(s.dir); err != nil {
		return fmt.Errorf("--out %s: %w", s.out.user, bare(err))
	}
	parent := filepath.Dir(s.out.real)
	if _, err := os.Lstat(s.out.real); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(s.dir, s.out.real); err != nil {
			return fmt.Errorf("--out %s: %w", s.out.user, bare(err))
		}
		s.dir = ""
		return syncDir(parent)
	}
	// An empty folder, or the output of a breachtrend from before the
	// marker, becomes a marked one first: after the swap it is the
	// staging folder, which the sweep touches only when marked.
	if marked, _ := hasMarker(s.out.real); !marked {
		if err := writeMarker(s.out.real); err != nil {
			return fmt.Errorf("--out %s: %w", s.out.user, bare(err))
		}
	}
	if err := exchange(s.dir, s.out.real); err != nil {
		// No atomic exchange (another OS, an old kernel, a file system
		// without it): move the old folder aside, then the new one in.
		// The old one's name is a staging name, so the sweep finds it.
		old := filepath.Join(parent, "."+filepath.Base(s.out.real)+".staging-old-"+strconv.FormatInt(time.Now().UnixNano(), 36))
		if err := os.Rename(s.out.real, old); err != nil {
			return fmt.Errorf("--out %s: %w", s.out.user, bare(err))
		}
		if err := os.Rename(s.dir, s.out.real); err != nil {
			_ = os.Rename(old, s.out.real)
			return fmt.Errorf("--out %s: %w", s.out.user, bare(err))
		}
		s.dir = old
	}
	// s.dir now holds the previous output.
	if err := syncDir(parent); err != nil {
		return err
	}
	if afterSwapHook != nil {
		afterSwapHook()
	}
	if err := carryOver(s.dir, s.out.real); err != nil {
		return fmt.Errorf("--out %s: the tables were replaced, but %w; they are kept in %s", s.out.user, err, s.dir)
	}
	return syncDir(s.out.real)
}

// cleanup retires the staging folder: after a failed run its new tables,
// after commit the previous ones (with the user's files already moved).
func (s *staging) cleanup(log *slog.Logger) {
	if s.dir == "" {
		return
	}
	if err := retire(s.dir, s.out); err != nil {
		log.Warn("staging folder kept", "out", s.out.user, "folder", s.dir, "error", err)
	}
}

// carryOver moves every entry of from that a run does not write into to
// (made, marked, if missing). An entry whose name to already holds stays
// where it is and is named in the error: nothing is overwritten.
func carryOver(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return fmt.Errorf("the previous output cannot be read: %w", bare(err))
	}
	owned := ownedNames()
	var kept []string
	for _, e := range entries {
		if owned[e.Name()] {
			continue
		}
		if _, err := os.Stat(to); errors.Is(err, os.ErrNotExist) {
			if err := os.MkdirAll(to, 0o755); err != nil {
				return fmt.Errorf("the output folder cannot be made: %w", bare(err))
			}
			if err := writeMarker(to); err != nil {
				return err
			}
		}
		dst := filepath.Join(to, e.Name())
		if _, err := os.Lstat(dst); err == nil {
			kept = append(kept, e.Name())
			continue
		}
		if err := os.Rename(filepath.Join(from, e.Name()), dst); err != nil {
			kept = append(kept, e.Name())
		}
	}
	if len(kept) > 0 {
		return fmt.Errorf("%s could not be moved into the output folder (a file of that name is there)", strings.Join(kept, ", "))
	}
	return nil
}

// errNotOurs marks a folder with a staging name that breachtrend did not
// make: it holds files but no marker.
var errNotOurs = errors.New("holds files but no breachtrend marker: left alone")

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// retire removes a staging folder of o without losing a user's file: an
// unmarked folder is not breachtrend's and is removed only when empty; a
// marked one first gives its user entries back to the output folder
// (carryOver), then loses the entries a run writes, the marker last so an
// interrupted retire is finished by the next sweep.
func retire(dir string, o outputDir) error {
	marked, err := hasMarker(dir)
	if err != nil || !marked {
		if os.Remove(dir) == nil { // empty: a run killed right after making it
			return nil
		}
		return fmt.Errorf("%s: %w", dir, errNotOurs)
	}
	if err := carryOver(dir, o.real); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != markerName {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	if err := os.Remove(filepath.Join(dir, markerName)); err != nil {
		return err
	}
	return os.Remove(dir)
}

// sweepStaging retires the staging folders that runs killed on o left
// beside it (it must hold o's lock). A run killed between the two renames
// of the fallback swap left no output folder: its previous one is put
// back first.
func sweepStaging(o outputDir, log *slog.Logger) {
	stale, _ := filepath.Glob(o.stagingPattern())
	isPrevious := func(dir string) bool { return strings.Contains(filepath.Base(dir), ".staging-old-") }
	slices.SortStableFunc(stale, func(a, b string) int { // the previous outputs first
		return cmp.Compare(btoi(!isPrevious(a)), btoi(!isPrevious(b)))
	})
	for _, dir := range stale {
		if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() {
			continue
		}
		if isPrevious(dir) {
			if _, err := os.Lstat(o.real); errors.Is(err, os.ErrNotExist) {
				if marked, _ := hasMarker(dir); marked && os.Rename(dir, o.real) == nil {
					continue
				}
			}
		}
		switch err := retire(dir, o); {
		case errors.Is(err, errNotOurs):
			log.Debug("folder beside the output left alone", "out", o.user, "folder", dir, "error", err)
		case err != nil:
			log.Warn("stale staging folder kept", "out", o.user, "folder", dir, "error", err)
		}
	}
}

// userError is err with the staging folder in its message replaced by the
// output folder as the user named it: a file the message names (a table
// that could not be written) would have been there after the run.
func (s *staging) userError(err error) error {
	if err == nil || s.dir == "" {
		return err
	}
	msg := err.Error()
	if reworded := strings.NewReplacer(s.dir, s.out.user, s.out.real, s.out.user).Replace(msg); reworded != msg {
		return &rewordedError{msg: reworded, err: err}
	}
	return err
}

// rewordedError is an error with another message; errors.Is and As see
// the original.
type rewordedError struct {
	msg string
	err error
}

func (e *rewordedError) Error() string { return e.msg }
func (e *rewordedError) Unwrap() error { return e.err }

// bare is err without the path an *os.PathError or *os.LinkError names:
// those are internal (staging folders, the lock), and the message names
// the user's --out instead.
func bare(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("%s: %w", le.Op, le.Err)
	}
	return err
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, unix.EINVAL) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
