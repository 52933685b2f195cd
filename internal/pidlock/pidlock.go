// Package pidlock takes an exclusive flock on a lock file and writes the
// holder's pid into it, so that a second process can say who holds it.
// The kernel drops the lock when the process ends, even by kill -9, so a
// crashed process never leaves a stale lock.
package pidlock

import (
	"errors"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// ErrHeld is returned by Acquire when another process holds the lock.
var ErrHeld = errors.New("lock held by another process")

// Acquire takes an exclusive flock on f, an open lock file, waiting for it
// when wait is set, and writes this process's pid into f. When another
// process holds it and wait is not set, it returns ErrHeld and the pid that
// process wrote. f stays open either way: closing it releases the lock.
func Acquire(f *os.File, wait bool) (holder string, err error) {
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	if err := unix.Flock(int(f.Fd()), how); err != nil {
		if errors.Is(err, unix.EWOULDBLOCK) {
			b, _ := os.ReadFile(f.Name())
			return strings.TrimSpace(string(b)), ErrHeld
		}
		return "", err
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return "", nil
}
