// Package pidlock takes an exclusive flock on a lock file and writes the
// holder's pid into it, so that a second process can say who holds it.
// The kernel drops the lock when the process ends, even by kill -9, so a
// crashed process never leaves a stale lock.
package pidlock

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// ErrHeld is returned by Acquire when another process holds the lock.
var ErrHeld = errors.New("lock held by another process")

// ErrNotLock is returned by Open when the path holds something else than
// a lock file: a link, a folder, or a file with other content than a pid.
var ErrNotLock = errors.New("not a lock file")

// Open opens the lock file at path, creating it when it is absent. A lock
// file holds nothing but the pid of its last holder, so anything else at
// path is somebody's file, which Acquire would empty: Open refuses it
// (ErrNotLock) and a symbolic link (whose target it would empty), rather
// than taking it.
func Open(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW, 0o644)
	if errors.Is(err, unix.ELOOP) {
		return nil, fmt.Errorf("%w: it is a symbolic link", ErrNotLock)
	}
	if errors.Is(err, unix.EISDIR) {
		return nil, fmt.Errorf("%w: it is a folder", ErrNotLock)
	}
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: it is no regular file", ErrNotLock)
	}
	head := make([]byte, 32)
	n, err := f.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		f.Close()
		return nil, err
	}
	if !isPidLine(head[:n]) {
		f.Close()
		return nil, fmt.Errorf("%w: it holds other data than a pid", ErrNotLock)
	}
	return f, nil
}

// isPidLine reports whether b, the head of a file, is what Acquire writes:
// nothing, or a pid and a newline.
func isPidLine(b []byte) bool {
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return len(b) == 0 || len(b) == 1
	}
	_, err := strconv.ParseUint(s, 10, 31)
	return err == nil && len(b) < 32
}

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
