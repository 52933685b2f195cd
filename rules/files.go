package rules

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// files are every rule file, one folder deep: <concept folder>/<name>.tsv.
//
//go:embed */*.tsv
var files embed.FS

// casesDir holds the example cases: they check the rules, they are not
// rules, and do not change Version.
const casesDir = "cases"

// Version is a hash of every rule file (not the cases): a result computed
// under one set of rules is stale under another, so a cache keyed by it
// is invalidated by any edit of a rule file, with nothing to bump by hand.
var Version = sync.OnceValue(func() string {
	v, err := version(files)
	if err != nil {
		panic(err) // the embedded files are always there
	}
	return v
})

func version(fsys fs.FS) (string, error) {
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(p, casesDir+"/") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	slices.Sort(paths)
	h := sha256.New()
	for _, p := range paths {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
	}
	return "rules-" + hex.EncodeToString(h.Sum(nil))[:12], nil
}

// Words reads a word list: a rule file of one column, each word once
// (include lines expanded: readRules). It panics on a malformed or missing file, naming the file and the line:
// the files are embedded and TestBundledRules reads every one, so a
// panic here is a rule file that its test would have caught.
func Words(path string) []string {
	w, err := words(files, path)
	if err != nil {
		panic(err)
	}
	return w
}

func words(fsys fs.FS, path string) ([]string, error) {
	rows, err := readRules(fsys, path, 1)
	if err != nil {
		return nil, err
	}
	seen := map[string]Row{}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		w := r.Fields[0]
		if first, dup := seen[w]; dup {
			return nil, fmt.Errorf("rules: %s: %q is already on line %s", r.Pos(), w, strings.TrimPrefix(first.Pos(), path+":"))
		}
		seen[w] = r
		out = append(out, w)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("rules: %s: no words", path)
	}
	return out, nil
}

// Table reads a rule file of columns fields a line (see readTSV), its
// include lines expanded (readRules); it panics as Words does. The caller checks each field's values with
// Row.Check* so that an error names the file, the line and the column.
func Table(path string, columns int) []Row {
	rows, err := readRules(files, path, columns)
	if err != nil {
		panic(err)
	}
	if len(rows) == 0 {
		panic(fmt.Errorf("rules: %s: no rows", path))
	}
	return rows
}

// Files lists the rule files (not the cases), for the tests that read
// them all.
func Files() []string {
	var out []string
	fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(p, casesDir+"/") {
			out = append(out, p)
		}
		return nil
	})
	return out
}
