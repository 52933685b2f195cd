package load

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// walkAll runs Walk and returns the Rels emitted and "rel reason" per reject.
func walkAll(t *testing.T, roots ...string) (rels, rejects []string) {
	t.Helper()
	err := Walk(roots, func(in Input) error {
		if _, err := os.Stat(in.Path); err != nil {
			t.Errorf("emitted %+v with unusable Path: %v", in, err)
		}
		rels = append(rels, in.Rel)
		return nil
	}, func(r schemas.Reject) {
		if r.Stage != "load" || r.Segment != -1 || r.Detail == "" {
			t.Errorf("malformed reject %+v", r)
		}
		rejects = append(rejects, r.Source+" "+r.Reason)
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return rels, rejects
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func TestWalk(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "corpus")
	for _, name := range []string{
		"b/c.html", "b/d.jsonl.gz", "a.txt", "Z.md", "e.docx", "README",
		".hidden.txt", ".git/x.txt", "b/.cache/y.txt", "sub/deeper/n.htm",
	} {
		writeFile(t, root, name, []byte(noticeJA))
	}
	writeFile(t, base, "outside/o.txt", []byte(noticeJA))
	writeFile(t, base, "outside/real.md", []byte(noticeJA))

	symlink(t, filepath.Join(base, "outside", "real.md"), filepath.Join(root, "g.md")) // to a file: followed
	symlink(t, filepath.Join(base, "outside"), filepath.Join(root, "linkdir"))         // to a directory: walked
	symlink(t, "..", filepath.Join(root, "sub", "up"))                                 // back to the root: loop
	symlink(t, ".", filepath.Join(root, "loop"))                                       // to itself: loop
	symlink(t, "b", filepath.Join(root, "samedir"))                                    // second way into b
	symlink(t, "selfloop", filepath.Join(root, "selfloop"))                            // ELOOP
	symlink(t, "nowhere.txt", filepath.Join(root, "dangling.txt"))
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}

	rels, rejects := walkAll(t, root)
	wantRels := []string{"Z.md", "a.txt", "b/c.html", "b/d.jsonl.gz", "g.md", "linkdir/o.txt", "linkdir/real.md", "sub/deeper/n.htm"}
	wantRejects := []string{
		"README unsupported_format",
		"dangling.txt unreadable",
		"e.docx unsupported_format",
		"fifo.txt unreadable",
		"loop symlink_loop",
		"samedir symlink_loop",
		"selfloop symlink_loop",
		"sub/up symlink_loop",
	}
	if !reflect.DeepEqual(rels, wantRels) {
		t.Errorf("emitted\n got %q\nwant %q", rels, wantRels)
	}
	if !reflect.DeepEqual(rejects, wantRejects) {
		t.Errorf("rejects\n got %q\nwant %q", rejects, wantRejects)
	}

	// Deterministic: a second walk gives the same answer.
	rels2, rejects2 := walkAll(t, root)
	if !reflect.DeepEqual(rels, rels2) || !reflect.DeepEqual(rejects, rejects2) {
		t.Error("second walk differs")
	}
}

func TestWalkRoots(t *testing.T) {
	base := t.TempDir()
	one := writeFile(t, base, "x/one.txt", []byte(noticeJA))
	writeFile(t, base, "y/two.md", []byte(noticeJA))
	hidden := writeFile(t, base, "x/.named.txt", []byte(noticeJA))

	// Roots keep their order; a file root's Rel is its base name, and a
	// hidden file named explicitly is wanted.
	rels, rejects := walkAll(t, filepath.Join(base, "y"), one.Path, hidden.Path)
	if want := []string{"two.md", "one.txt", ".named.txt"}; !reflect.DeepEqual(rels, want) || rejects != nil {
		t.Errorf("got %q %q, want %q", rels, rejects, want)
	}

	// A missing root is a usage error.
	err := Walk([]string{filepath.Join(base, "y"), filepath.Join(base, "missing")}, func(Input) error { return nil }, nil)
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing root: got %v", err)
	}

	// An emit error stops the walk and comes back unchanged.
	stop := errors.New("stop")
	calls := 0
	err = Walk([]string{base}, func(Input) error { calls++; return stop }, nil)
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("emit error: got %v after %d calls", err, calls)
	}
}

func TestWalkUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: chmod 000 does not stop root reading files or directories (dangling links and FIFOs are covered in TestWalk)")
	}
	base := t.TempDir()
	writeFile(t, base, "a.txt", []byte(noticeJA))
	writeFile(t, base, "locked/b.txt", []byte(noticeJA))
	writeFile(t, base, "z/c.txt", []byte(noticeJA))
	locked := filepath.Join(base, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	lockedFile := writeFile(t, base, "m.txt", []byte(noticeJA))
	if err := os.Chmod(lockedFile.Path, 0); err != nil {
		t.Fatal(err)
	}
	rels, rejects := walkAll(t, base)
	if want := []string{"a.txt", "z/c.txt"}; !reflect.DeepEqual(rels, want) {
		t.Errorf("got %q want %q", rels, want)
	}
	if want := []string{"locked unreadable", "m.txt unreadable"}; !reflect.DeepEqual(rejects, want) {
		t.Errorf("got %q want %q", rejects, want)
	}
}
