package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"

	"github.com/breachtrend/breachtrend/internal/pidlock"
)

// ErrLocked is returned when another run holds the output folder.
var ErrLocked = errors.New("output folder is locked by another run")

// outputLock is an flock on <out>.lock, beside the output folder (not in
// it: the folder itself is swapped), <out> with symbolic links resolved, so
// runs through a link and through the real path take the same lock. The
// kernel drops it when the process dies, even by kill -9, so a crashed run
// never leaves a stale lock.
type outputLock struct{ f *os.File }

// lockOutput locks the output folder out.
func lockOutput(out string, wait bool) (*outputLock, error) {
	real, err := realPath(out)
	if err != nil {
		return nil, fmt.Errorf("--out %s: %w", out, err)
	}
	return lockDir(outputDir{user: out, real: real}, wait)
}

// lockDir takes o's lock; its errors name o as the user named it.
func lockDir(o outputDir, wait bool) (*outputLock, error) {
	if err := os.MkdirAll(filepath.Dir(o.real), 0o755); err != nil {
		return nil, fmt.Errorf("--out %s: cannot create the folder that holds it: %w", o.user, bare(err))
	}
	path := o.lockPath()
	f, err := pidlock.Open(path)
	if errors.Is(err, pidlock.ErrNotLock) {
		return nil, fmt.Errorf("%w: --out %s: its lock file %s is somebody's (%v); move it away or name another --out",
			ErrUsage, o.user, path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("--out %s: cannot take its lock beside it: %w", o.user, bare(err))
	}
	if holder, err := pidlock.Acquire(f, wait); err != nil {
		f.Close()
		if errors.Is(err, pidlock.ErrHeld) {
			return nil, fmt.Errorf("%w: --out %s is being written by pid %s (use --wait to queue behind it)", ErrLocked, o.user, holder)
		}
		return nil, fmt.Errorf("--out %s: cannot take its lock: %w", o.user, err)
	}
	return &outputLock{f: f}, nil
}

func (l *outputLock) release() {
	unix.Flock(int(l.f.Fd()), unix.LOCK_UN)
	l.f.Close()
}
