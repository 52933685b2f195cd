package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGuard(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ours := Contains(`<meta name="generator" content="breachtrend`)
	cases := []struct {
		name    string
		path    string
		sig     Signature
		notOurs bool
		wantErr bool
	}{
		{"absent", filepath.Join(dir, "new.html"), ours, false, false},
		{"ours", write("ours.html", `<!DOCTYPE html><head><meta name="generator" content="breachtrend 1.0">`), ours, false, false},
		{"an analyst's", write("mine.html", "<html>my notes</html>"), ours, true, true},
		{"empty file", write("empty.html", ""), ours, true, true},
		{"no signature", write("data.csv", "a,b\n"), nil, true, true},
		{"folder", dir, ours, false, true},
		{"prefix", write("review.csv", "\ufeffrank,notice_id\r\n"), Prefix("\ufeffrank,notice_id"), false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Guard(c.path, c.sig)
			if (err != nil) != c.wantErr {
				t.Fatalf("Guard(%s) = %v, want error %v", c.path, err, c.wantErr)
			}
			if errors.Is(err, ErrNotOurs) != c.notOurs {
				t.Fatalf("Guard(%s) = %v, want ErrNotOurs %v", c.path, err, c.notOurs)
			}
			if c.notOurs && !strings.Contains(err.Error(), "--force") {
				t.Errorf("error %q does not say how to replace the file", err)
			}
		})
	}
}

func TestWriteReplacesWholeOrNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.html")
	if err := WriteBytes(p, []byte("old")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk on fire")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), p) {
		t.Fatalf("Write error = %v, want one naming %s and wrapping the cause", err, p)
	}
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Errorf("after a failed write the file holds %q, want the old content", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed write left %d entries, want only the file", len(entries))
	}
	if err := WriteBytes(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	if got, _ := os.ReadFile(p); string(got) != "new" || info.Mode().Perm() != 0o644 {
		t.Errorf("file = %q mode %v, want new, 0644", got, info.Mode().Perm())
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.csv")
	link := filepath.Join(dir, "link.csv")
	os.WriteFile(target, []byte("old"), 0o644)
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := WriteBytes(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi, err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target holds %q, want new", got)
	}
}

// TestWriteThroughDanglingSymlink: a link whose target does not exist yet
// (shared/latest.csv, made once the first export is) is written through:
// the target is created and the link stays, relative and chained links
// alike.
func TestWriteThroughDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "shared"), 0o755); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{ // link → what it points to
		"latest.csv":      filepath.Join("shared", "latest.csv"), // relative
		"chain.csv":       filepath.Join(dir, "latest-link.csv"), // to a link
		"latest-link.csv": filepath.Join(dir, "shared", "chained.csv"),
	}
	for link, to := range links {
		if err := os.Symlink(to, filepath.Join(dir, link)); err != nil {
			t.Skip("no symlinks:", err)
		}
	}
	for link, target := range map[string]string{"latest.csv": "shared/latest.csv", "chain.csv": "shared/chained.csv"} {
		if err := WriteBytes(filepath.Join(dir, link), []byte(link)); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(filepath.Join(dir, link)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s was replaced: %v %v", link, fi, err)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, target)); string(got) != link {
			t.Errorf("%s holds %q, want %q", target, got, link)
		}
	}
}

// TestWriteErrorNamesPath: a write that cannot start names the file the
// caller asked for, not the temporary file beside it.
func TestWriteErrorNamesPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nodir", "r.html")
	err := WriteBytes(path, []byte("x"))
	if err == nil || !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), ".tmp-") {
		t.Errorf("WriteBytes into a missing folder: %v, want an error naming %s and no temporary file", err, path)
	}
}

func TestWrittenFileIsOursWithoutSignature(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "export.csv")
	if err := WriteBytes(p, []byte("a,b\n1,2\n")); err != nil {
		t.Fatal(err)
	}
	if !marked(p) {
		t.Skip("no user extended attributes here: query exports rely on --force")
	}
	if err := Guard(p, nil); err != nil {
		t.Errorf("Guard on a file Write wrote = %v, want nil", err)
	}
	// A copy the analyst made (cp keeps no extended attributes) is theirs.
	data, _ := os.ReadFile(p)
	cp := filepath.Join(dir, "copy.csv")
	os.WriteFile(cp, data, 0o644)
	if err := Guard(cp, nil); !errors.Is(err, ErrNotOurs) {
		t.Errorf("Guard on an analyst's copy = %v, want ErrNotOurs", err)
	}
}
