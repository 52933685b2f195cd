package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// includeMark opens an include line: "@text/leak_words.tsv", then the
// file's other columns. One list of a concept (the leak words) is then
// kept in one file that the files of every field which reads the concept
// name, instead of a copy in each that drifts from the others.
const includeMark = "@"

// readRules reads a rule file as readTSV does and expands its include
// lines: a line whose first field is @ and a rule file's path (from the
// rules folder: @text/leak_words.tsv) stands for one row per word of that
// file, in its order, each with the include line's other fields. The
// included file is a word list (one column) and may include others. A
// missing file, a file of the cases, an include of a file already being
// read (a cycle) or one that brings no word is an error naming the
// include line.
func readRules(fsys fs.FS, name string, columns int) ([]Row, error) {
	return readIncluding(fsys, name, columns, nil)
}

func readIncluding(fsys fs.FS, name string, columns int, reading []string) ([]Row, error) {
	rows, err := readTSV(fsys, name, columns)
	if err != nil {
		return nil, err
	}
	reading = append(reading, name)
	var out []Row
	for _, r := range rows {
		target, ok := strings.CutPrefix(r.Fields[0], includeMark)
		if !ok {
			out = append(out, r)
			continue
		}
		switch {
		case target == "":
			return nil, fmt.Errorf("rules: %s: %q names no file to include", r.Pos(), r.Fields[0])
		case strings.HasPrefix(target, casesDir+"/"):
			return nil, fmt.Errorf("rules: %s: %q is a cases file, not a rule file", r.Pos(), r.Fields[0])
		case slices.Contains(reading, target):
			return nil, fmt.Errorf("rules: %s: %q includes a file being read (%s)", r.Pos(), r.Fields[0],
				strings.Join(append(slices.Clone(reading), target), " → "))
		}
		words, err := readIncluding(fsys, target, 1, reading)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("rules: %s: %q: no such rule file", r.Pos(), r.Fields[0])
		}
		if err != nil {
			return nil, fmt.Errorf("%w (included by %s)", err, r.Pos())
		}
		if len(words) == 0 {
			return nil, fmt.Errorf("rules: %s: %q has no words", r.Pos(), r.Fields[0])
		}
		for _, w := range words {
			via := w.Pos()
			if w.Via != "" {
				via = w.Via // the word's own line, through nested includes
			}
			fields := append([]string{w.Fields[0]}, r.Fields[1:]...)
			out = append(out, Row{File: r.File, Line: r.Line, Fields: fields, Via: via})
		}
	}
	return out, nil
}
