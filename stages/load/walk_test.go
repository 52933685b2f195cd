package load

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/schemas"
)

// walkAll runs Walk and returns the Rels emitted and "rel reason" per reject.
func walkAll(t *testing.T, roots ...string) (rels, rejects []string) {
	t.Helper()
	return walkWith(t, WalkOptions{}, roots...)
}

// walkWith is walkAll with options.
func walkWith(t *testing.T, opts WalkOptions, roots ...string) (rels, rejects []string) {
	t.Helper()
	err := opts.Walk(roots, func(in Input) error {
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

	symlink(t, filepath.Join(base, "outside", "real.md"), filepath.Join(root, "g.md")) // out of the root, to a file
	symlink(t, filepath.Join(base, "outside"), filepath.Join(root, "linkdir"))         // out of the root, to a directory
	symlink(t, "a.txt", filepath.Join(root, "inside.txt"))                             // inside the root: followed
	symlink(t, "..", filepath.Join(root, "sub", "up"))                                 // back to the root: loop
	symlink(t, ".", filepath.Join(root, "loop"))                                       // to itself: loop
	symlink(t, "b", filepath.Join(root, "samedir"))                                    // second way into b
	symlink(t, "selfloop", filepath.Join(root, "selfloop"))                            // ELOOP
	symlink(t, "nowhere.txt", filepath.Join(root, "dangling.txt"))
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}

	// By default the links out of the root are rejected, naming the target.
	rels, rejects := walkAll(t, root)
	wantRels := []string{"Z.md", "a.txt", "b/c.html", "b/d.jsonl.gz", "inside.txt", "sub/deeper/n.htm"}
	wantRejects := []string{
		"README unsupported_format",
		"dangling.txt unreadable",
		"e.docx unsupported_format",
		"fifo.txt unreadable",
		"g.md symlink_outside_root",
		"linkdir symlink_outside_root",
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

	// --follow-symlinks follows them; loops and devices are rejected as before.
	followRels, followRejects := walkWith(t, WalkOptions{FollowSymlinks: true}, root)
	wantFollowRels := []string{"Z.md", "a.txt", "b/c.html", "b/d.jsonl.gz", "g.md", "inside.txt", "linkdir/o.txt", "linkdir/real.md", "sub/deeper/n.htm"}
	wantFollowRejects := append(append([]string(nil), wantRejects[:4]...), wantRejects[6:]...)
	if !reflect.DeepEqual(followRels, wantFollowRels) || !reflect.DeepEqual(followRejects, wantFollowRejects) {
		t.Errorf("FollowSymlinks:\n got %q %q\nwant %q %q", followRels, followRejects, wantFollowRels, wantFollowRejects)
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

func TestWalkSymlinkOutsideNamesTarget(t *testing.T) {
	root := t.TempDir()
	symlink(t, "/etc/passwd", filepath.Join(root, "shadow.txt"))
	symlink(t, "/", filepath.Join(root, "everything"))
	var details []string
	err := Walk([]string{root}, func(in Input) error {
		t.Errorf("emitted %s", in.Rel)
		return nil
	}, func(r schemas.Reject) {
		if r.Reason != ReasonSymlinkOutside {
			t.Errorf("%s: reason %s, want %s", r.Source, r.Reason, ReasonSymlinkOutside)
		}
		details = append(details, r.Detail)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(details) != 2 || !strings.Contains(details[0], "to /,") || !strings.Contains(details[1], "to /etc/passwd,") {
		t.Errorf("details do not name the targets: %q", details)
	}
}

// TestWalkExcludePatterns: Exclude entries named through a link, a
// pattern in the last element, an entry that does not exist; an excluded
// root. (TestWalkExclude: the output folder, its lock, links into it.)
func TestWalkExcludePatterns(t *testing.T) {
	base := t.TempDir()
	in := filepath.Join(base, "in")
	writeFile(t, in, "a.txt", []byte(noticeJA))
	writeFile(t, in, "out/notices.txt", []byte(noticeJA)) // the run's own output folder
	writeFile(t, in, "out.lock.txt", []byte(noticeJA))
	writeFile(t, in, "outer/b.txt", []byte(noticeJA))
	writeFile(t, in, "staging-x/c.txt", []byte(noticeJA))
	// The output named through a link to the input folder still matches.
	symlink(t, in, filepath.Join(base, "link"))
	opts := WalkOptions{Exclude: []string{
		filepath.Join(base, "link", "out"),
		filepath.Join(in, "out.lock.txt"),
		filepath.Join(in, "staging-*"),
		filepath.Join(base, "missing", "x"), // an entry that does not exist is harmless
	}}
	rels, rejects := walkWith(t, opts, in)
	if want := []string{"a.txt", "outer/b.txt"}; !reflect.DeepEqual(rels, want) || rejects != nil {
		t.Errorf("got %q %q, want %q and no rejects", rels, rejects, want)
	}
	// An excluded root is not walked at all.
	rels, rejects = walkWith(t, WalkOptions{Exclude: []string{in}}, in)
	if rels != nil || rejects != nil {
		t.Errorf("excluded root: got %q %q", rels, rejects)
	}
}

// TestWalkRootsShareNames: two roots that hold the same path give two
// Rels: the first root's as it is, the later's under its folder's name
// (and a number when that name is taken too), so no two files share a
// source_path.
func TestWalkRootsShareNames(t *testing.T) {
	base := t.TempDir()
	for _, f := range []string{"c4a/notice.txt", "c4a/sub/deep.txt", "c4b/notice.txt", "c4b/sub/deep.txt", "c4b/only.txt", "other/c4b/notice.txt"} {
		writeFile(t, base, f, []byte(noticeJA))
	}
	writeFile(t, base, "file/notice.txt", []byte(noticeJA))
	rels, rejects := walkAll(t, filepath.Join(base, "c4a"), filepath.Join(base, "c4b"), filepath.Join(base, "other", "c4b"), filepath.Join(base, "file", "notice.txt"))
	want := []string{"notice.txt", "sub/deep.txt", "c4b/notice.txt", "only.txt", "c4b/sub/deep.txt",
		"c4b~2/notice.txt", "file/notice.txt"}
	if !reflect.DeepEqual(rels, want) || rejects != nil {
		t.Errorf("got %q %q, want %q", rels, rejects, want)
	}
}

func TestWalkInvalidUTF8Name(t *testing.T) {
	root := t.TempDir()
	// 個人情報.txt in Shift_JIS, as zip archives from Japanese Windows name it.
	name := string(sjis(t, "個人情報")) + ".txt"
	writeFile(t, root, name, []byte(noticeJA))
	writeFile(t, root, "100%AB.txt", []byte(noticeJA))
	var got []Input
	if err := Walk([]string{root}, func(in Input) error { got = append(got, in); return nil }, nil); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d inputs, want 2", len(got))
	}
	for _, in := range got {
		if !utf8.ValidString(in.Rel) {
			t.Errorf("Rel %q is not valid UTF-8", in.Rel)
		}
		if UnescapePath(in.Rel) != filepath.Base(in.Path) {
			t.Errorf("Rel %q does not unescape to the name %q", in.Rel, filepath.Base(in.Path))
		}
		if docs, rejects := NewLoader().Load(in); len(docs) != 1 || rejects != nil || docs[0].Source != in.Rel {
			t.Errorf("%q: not loaded: %d docs, rejects %v", in.Rel, len(docs), rejects)
		}
	}
	// C2 90 in the Shift_JIS bytes is valid UTF-8 (U+0090): kept as it is.
	if got[0].Rel != "100%25AB.txt" || got[1].Rel != "%8C\u0090l%8F%EE%95%F1.txt" {
		t.Errorf("Rels %q %q", got[0].Rel, got[1].Rel)
	}
}
