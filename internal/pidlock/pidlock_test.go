package pidlock

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// TestOpen: a lock file, new, empty or holding a pid, is opened; a file
// with anything else, a link and a folder are refused with ErrNotLock and
// left as they were.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	contents := map[string]string{
		"empty": "", "pid": "12345\n", "pid-bare": "7", // a lock file
		"notes": "my notes\n", "digits-text": "2024 budget\n", "long": "12345\n" + strings.Repeat("x", 100), // somebody's
	}
	for name, content := range contents {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "notes"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"new", "empty", "pid", "pid-bare"} {
		f, err := Open(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("Open(%s): %v", name, err)
			continue
		}
		if _, err := Acquire(f, false); err != nil {
			t.Errorf("Acquire(%s): %v", name, err)
		}
		f.Close()
	}
	for _, name := range []string{"notes", "link", "folder", "digits-text", "long"} {
		if f, err := Open(filepath.Join(dir, name)); !errors.Is(err, ErrNotLock) {
			if f != nil {
				f.Close()
			}
			t.Errorf("Open(%s) = %v, want ErrNotLock", name, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes")); string(b) != contents["notes"] {
		t.Errorf("notes now hold %q", b)
	}
}
