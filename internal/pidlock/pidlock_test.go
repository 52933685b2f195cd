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
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, p := range []string{filepath.Join(dir, "new"), write("empty", ""), write("pid", "12345\n"), write("pid-bare", "7")} {
		f, err := Open(p)
		if err != nil {
			t.Errorf("Open(%s): %v", filepath.Base(p), err)
			continue
		}
		if _, err := Acquire(f, false); err != nil {
			t.Errorf("Acquire(%s): %v", filepath.Base(p), err)
		}
		f.Close()
	}
	notes := write("notes", "my notes\n")
	link := filepath.Join(dir, "link")
	if err := os.Symlink(notes, link); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	long := write("long", "12345\n"+strings.Repeat("x", 100))
	for _, p := range []string{notes, link, folder, write("digits-text", "2024 budget\n"), long} {
		if f, err := Open(p); !errors.Is(err, ErrNotLock) {
			if f != nil {
				f.Close()
			}
			t.Errorf("Open(%s) = %v, want ErrNotLock", filepath.Base(p), err)
		}
	}
	if b, _ := os.ReadFile(notes); string(b) != "my notes\n" {
		t.Errorf("notes now hold %q", b)
	}
}
