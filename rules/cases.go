package rules

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Case is one example beside the rules: a text, what the extractor must
// find in it, and why. Tests of the package that owns a field run its
// cases through the extractor.
type Case struct {
	Pos      string // file:line
	Text     string // \n in the file is a line break
	Expected string // the field's value as the cases file writes it; "null": not stated
	Note     string
}

// Cases reads rules/cases/<field>.tsv: text, expected, note. It returns an
// error naming the file and the line for a malformed one.
func Cases(field string) ([]Case, error) { return cases(files, field) }

func cases(fsys fs.FS, field string) ([]Case, error) {
	rows, err := readTSV(fsys, path.Join(casesDir, field+".tsv"), 3)
	if err != nil {
		return nil, err
	}
	seen := map[string]string{}
	out := make([]Case, 0, len(rows))
	for _, r := range rows {
		c := Case{Pos: r.Pos(), Text: strings.ReplaceAll(r.Fields[0], `\n`, "\n"), Expected: r.Fields[1], Note: r.Fields[2]}
		if first, dup := seen[c.Text]; dup {
			return nil, fmt.Errorf("rules: %s: the same text as %s", c.Pos, first)
		}
		seen[c.Text] = c.Pos
		out = append(out, c)
	}
	return out, nil
}

// CaseFields lists the fields that have a cases file.
func CaseFields() []string {
	entries, _ := fs.ReadDir(files, casesDir)
	var out []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".tsv"); ok {
			out = append(out, name)
		}
	}
	return out
}
