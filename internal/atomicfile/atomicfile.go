// Package atomicfile writes the files breachtrend's commands produce
// (reports, review sheets, query exports, fetched pages) whole or not at
// all, and refuses to replace a file that breachtrend did not write.
//
// A file is written under a temporary name beside its final path, synced,
// and renamed over it: a reader or a crash sees the old file or the new
// one, never half of one. A symlink is written through (its target is
// replaced, the link stays). Before replacing an existing file, Guard
// checks that breachtrend wrote it: a mark Write leaves in an extended
// attribute (Linux), or the signature its first bytes carry (a report's
// generator tag, the review sheet's header). An analyst's own file of the
// same name is kept unless the user says --force.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrNotOurs is returned by Guard for an existing file that breachtrend
// did not write.
var ErrNotOurs = errors.New("exists and was not written by breachtrend")

// headSize is how much of an existing file a Signature sees.
const headSize = 4096

// Signature reports whether head, the first bytes of an existing file,
// shows that breachtrend wrote it. A nil Signature recognises nothing: any
// existing file is refused.
type Signature func(head []byte) bool

// Prefix returns a Signature matching files that start with one of
// prefixes.
func Prefix(prefixes ...string) Signature {
	return func(head []byte) bool {
		for _, p := range prefixes {
			if bytes.HasPrefix(head, []byte(p)) {
				return true
			}
		}
		return false
	}
}

// Contains returns a Signature matching files whose first 4 KB contain
// one of marks.
func Contains(marks ...string) Signature {
	return func(head []byte) bool {
		for _, m := range marks {
			if bytes.Contains(head, []byte(m)) {
				return true
			}
		}
		return false
	}
}

// Guard returns nil when path may be written: it does not exist, or it is
// a regular file whose head matches sig. A folder or another kind of file
// is refused; so is a regular file sig does not recognise, with an error
// wrapping ErrNotOurs that names the path and the way out.
func Guard(path string, sig Signature) error {
	info, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if info.IsDir() {
		return fmt.Errorf("%s is a folder; want a file name", path)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (%s); choose another name", path, info.Mode().Type())
	}
	if marked(path) {
		return nil
	}
	if sig != nil && info.Size() > 0 {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		head := make([]byte, headSize)
		n, _ := io.ReadFull(f, head)
		f.Close()
		if sig(head[:n]) {
			return nil
		}
	}
	return fmt.Errorf("%s %w: it is kept; choose another file name, or pass --force to replace it", path, ErrNotOurs)
}

// Write writes path whole or not at all: write fills a temporary file
// beside it, which is synced, made readable (0644) and renamed over path.
// When path is a symlink, its target is replaced. On error the temporary
// file is removed and path is unchanged.
func Write(path string, write func(io.Writer) error) error {
	target := Resolve(path)
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, bare(err))
	}
	tmp := f.Name()
	err = write(f)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		mark(tmp)
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, bare(err))
	}
	return nil
}

// bare is err without the temporary file's name an *os.PathError or
// *os.LinkError gives: the user named path, and .r.html.tmp-253365907 is
// none of theirs.
func bare(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// WriteBytes is Write for data already in memory.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// maxLinks bounds the links Resolve follows, as the kernel's ELOOP does.
const maxLinks = 40

// Resolve returns the file that writing path writes: path with its
// symlinks resolved, so that a link is written through and stays a link.
// A link whose target does not exist yet resolves to that target, which
// Write creates. The folders on the way are resolved where they exist.
func Resolve(path string) string {
	p := path
	for range maxLinks {
		target, err := os.Readlink(p)
		if err != nil {
			break // no link (or nothing there): p is the file
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = target
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		return filepath.Join(dir, filepath.Base(p))
	}
	return p
}
