package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
)

// markerName is the file every run writes into its output folder. A folder
// that holds it is one breachtrend may replace the tables of; any other
// folder that is not empty is refused, so a mistyped --out never costs a
// user's files.
const markerName = ".breachtrend-output"

// markerFormat is the layout of the output folder the marker stands for;
// a folder of a later format is refused instead of guessed at.
const markerFormat = 1

type marker struct {
	Format int    `json:"format"`
	Tool   string `json:"tool"`
	Note   string `json:"note"`
}

// ownedNames are the entries of an output folder that a run writes and
// replaces: the marker, the manifest, the cache and one folder per table.
// Every other entry (a report, an analyst's CSV) belongs to the user and
// is carried over into the new output folder.
func ownedNames() map[string]bool {
	owned := map[string]bool{markerName: true, "manifest.json": true, filepath.Dir(cacheFile): true}
	for _, t := range schemas.Dictionary() {
		owned[t.Name] = true
	}
	return owned
}

func writeMarker(dir string) error {
	b, _ := json.Marshal(marker{Format: markerFormat, Tool: "breachtrend",
		Note: "written by breachtrend run, which replaces the tables, manifest.json and _cache/ of this folder and keeps every other file"})
	path := filepath.Join(dir, markerName)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(append(b, '\n'))
	return errors.Join(err, f.Sync(), f.Close())
}

// hasMarker reports whether dir carries a readable marker of a format this
// version writes. A marker of a later format is an error.
func hasMarker(dir string) (bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, markerName))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var m marker
	if err := json.Unmarshal(b, &m); err != nil || m.Format < 1 {
		return false, fmt.Errorf("%s is not a breachtrend marker (%s)", markerName, strings.TrimSpace(string(b)))
	}
	if m.Format > markerFormat {
		return false, fmt.Errorf("it was written by a later breachtrend (output format %d, this one writes %d)", m.Format, markerFormat)
	}
	return true, nil
}

// isLegacyOutput reports whether dir is the output of a breachtrend from
// before the marker: its manifest.json names a run and a version.
func isLegacyOutput(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return false
	}
	var m Manifest
	return json.Unmarshal(b, &m) == nil && m.RunID != "" && m.Version != ""
}

// outputDir is the output folder as the user named it (for messages) and
// as it really is, symbolic links resolved (for the lock, the staging
// folder and the swap: a link to a folder stays a link, its target is
// updated, and every run on the target takes the same lock).
type outputDir struct {
	user string
	real string
}

func (o outputDir) lockPath() string { return o.real + ".lock" }

// stagingPattern matches the staging folders of o (filepath.Glob).
func (o outputDir) stagingPattern() string {
	return filepath.Join(filepath.Dir(o.real), "."+filepath.Base(o.real)+".staging-*")
}

// realPath is p absolute with every symbolic link resolved, also when p
// (or some of its last components) does not exist yet.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(dir); err == nil {
			real, err := filepath.EvalSymlinks(dir)
			if err != nil {
				return "", err
			}
			slices.Reverse(rest)
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if dir == filepath.Dir(dir) {
			return abs, nil
		}
		rest = append(rest, filepath.Base(dir))
	}
}

// within reports whether p is dir or lies inside it (both clean, absolute).
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// resolveOutput checks where --out points before anything is written:
// not the root, the home or the working folder (nor a folder holding
// one), not a file, no overlap with an input root but the output folder
// inside one (the walk skips it). Its contents are checked by
// checkOutputContents, under the lock.
func resolveOutput(out string, inputs []string) (outputDir, error) {
	if out == "" {
		return outputDir{}, fmt.Errorf("%w: --out is empty: name the output folder", ErrUsage)
	}
	o := outputDir{user: out}
	abs, err := filepath.Abs(out)
	if err != nil {
		return o, fmt.Errorf("%w: --out %s: %v", ErrUsage, out, err)
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if _, err := os.Stat(abs); err != nil {
			target, _ := os.Readlink(abs)
			return o, fmt.Errorf("%w: --out %s is a symbolic link to %s, which is missing: create that folder or name another --out", ErrUsage, out, target)
		}
	}
	if o.real, err = realPath(abs); err != nil {
		return o, fmt.Errorf("%w: --out %s: %v", ErrUsage, out, err)
	}
	guarded := []struct{ what, path string }{{"the root folder", "/"}}
	if home, err := os.UserHomeDir(); err == nil {
		guarded = append(guarded, struct{ what, path string }{"your home folder", home})
	}
	if wd, err := os.Getwd(); err == nil {
		guarded = append(guarded, struct{ what, path string }{"the working folder", wd})
	}
	for _, g := range guarded {
		real, err := realPath(g.path)
		if err != nil {
			continue
		}
		if within(real, o.real) {
			what := g.what
			if real != o.real {
				what = "a folder holding " + g.what
			}
			return o, fmt.Errorf("%w: --out %s is %s: name a folder of its own for the tables, such as %s", ErrUsage, out, what, filepath.Join(out, "breachtrend-out"))
		}
	}
	if fi, err := os.Stat(o.real); err == nil && !fi.IsDir() {
		return o, fmt.Errorf("%w: --out %s is a file, not a folder: name a folder for the tables", ErrUsage, out)
	}
	for _, in := range inputs {
		realIn, err := realPath(in)
		if err != nil {
			return o, fmt.Errorf("%w: --in %s: %v", ErrUsage, in, err)
		}
		switch {
		case realIn == o.real:
			return o, fmt.Errorf("%w: --out %s is the --in folder %s: the run would replace what it reads; name another --out", ErrUsage, out, in)
		case within(realIn, o.real):
			return o, fmt.Errorf("%w: --in %s lies inside --out %s: the run would replace what it reads; name another --out", ErrUsage, in, out)
		}
	}
	return o, nil
}

// checkOutputContents refuses an output folder that breachtrend may not
// write into: one that holds files but no marker (nor a manifest of an
// older breachtrend).
func checkOutputContents(o outputDir) error {
	entries, err := os.ReadDir(o.real)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--out %s: %w", o.user, err)
	}
	if len(entries) == 0 {
		return nil
	}
	marked, err := hasMarker(o.real)
	if err != nil {
		return fmt.Errorf("%w: --out %s: %v; name another --out", ErrUsage, o.user, err)
	}
	if marked || isLegacyOutput(o.real) {
		return nil
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			name += "/"
		}
		names = append(names, name)
		if len(names) == 3 {
			break
		}
	}
	more := ""
	if len(entries) > len(names) {
		more = fmt.Sprintf(" and %d more", len(entries)-len(names))
	}
	return fmt.Errorf("%w: --out %s holds files that breachtrend did not write (%s%s) and no %s marker: "+
		"breachtrend writes only into a new or empty folder or one of its own outputs; name another --out", ErrUsage,
		o.user, strings.Join(names, ", "), more, markerName)
}
