// Package filesnap is a test helper: it lists the files under some folders
// with what a write would change about each (size, mode, modification
// time), so a test can show that a command created, changed or removed no
// file.
package filesnap

import (
	"io/fs"
	"maps"
	"path/filepath"
	"testing"
	"time"
)

// State is what a write would change about a file or folder.
type State struct {
	Size  int64
	Mode  fs.FileMode
	MTime time.Time
}

// Snapshot is the State of every file and folder under some roots, by path.
type Snapshot map[string]State

// Take lists every file and folder under the roots.
func Take(t testing.TB, roots ...string) Snapshot {
	t.Helper()
	files := Snapshot{}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			files[path] = State{info.Size(), info.Mode(), info.ModTime()}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// AssertUnchanged reports, as errors of t prefixed by what (when it is
// not empty), every path created, changed or removed between before and
// after.
func AssertUnchanged(t testing.TB, what string, before, after Snapshot) {
	t.Helper()
	if maps.Equal(before, after) {
		return
	}
	if what != "" {
		what += ": "
	}
	for p, s := range after {
		if b, ok := before[p]; !ok {
			t.Errorf("%s%s was created", what, p)
		} else if b != s {
			t.Errorf("%s%s changed: %+v, was %+v", what, p, s, b)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("%s%s was removed", what, p)
		}
	}
}
