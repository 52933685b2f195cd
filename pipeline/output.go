package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// staging is the folder a run writes its tables into, beside the output
// folder; commit swaps it in whole.
type staging struct {
	out string
	dir string
}

// newStaging makes an empty staging folder beside out: in the same parent,
// so the swap is a rename within one file system.
func newStaging(out string) (*staging, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".staging-")
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // MkdirTemp makes it 0700
		os.RemoveAll(dir)
		return nil, err
	}
	return &staging{out: abs, dir: dir}, nil
}

// commit replaces the output folder by the staging folder. On Linux the two
// folders are exchanged in one renameat2(RENAME_EXCHANGE), so a reader, or
// a crash, sees either the old tables or the new ones, never a mix or
// none; the old ones are then removed.
func (s *staging) commit() error {
	if err := syncDir(s.dir); err != nil {
		return err
	}
	if _, err := os.Stat(s.out); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(s.dir, s.out); err != nil {
			return fmt.Errorf("output folder %s: %w", s.out, err)
		}
		s.dir = ""
		return syncDir(filepath.Dir(s.out))
	}
	err := unix.Renameat2(unix.AT_FDCWD, s.dir, unix.AT_FDCWD, s.out, unix.RENAME_EXCHANGE)
	if err != nil {
		// No atomic exchange (another OS, an old kernel, a file system
		// without it): move the old folder aside, then the new one in.
		old := s.out + ".old-" + strconv.FormatInt(time.Now().UnixNano(), 36)
		if err := os.Rename(s.out, old); err != nil {
			return fmt.Errorf("output folder %s: %w", s.out, err)
		}
		if err := os.Rename(s.dir, s.out); err != nil {
			_ = os.Rename(old, s.out)
			return fmt.Errorf("output folder %s: %w", s.out, err)
		}
		s.dir = old
	}
	// s.dir now holds the previous tables.
	return syncDir(filepath.Dir(s.out))
}

// cleanup removes the staging folder (after commit: the old tables).
func (s *staging) cleanup() {
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
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
