package pidlock

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestAcquire: the holder writes its pid; a second open file of the same
// path (flock locks are per open file) gets ErrHeld and that pid, and gets
// the lock once the first is closed.
func TestAcquire(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	open := func() *os.File {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	first := open()
	if _, err := Acquire(first, false); err != nil {
		t.Fatal(err)
	}
	second := open()
	defer second.Close()
	holder, err := Acquire(second, false)
	if !errors.Is(err, ErrHeld) || holder != strconv.Itoa(os.Getpid()) {
		t.Fatalf("second Acquire = %q, %v; want ErrHeld and pid %d", holder, err, os.Getpid())
	}
	first.Close()
	if _, err := Acquire(second, false); err != nil {
		t.Fatalf("Acquire after the holder closed: %v", err)
	}
}
