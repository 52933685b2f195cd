package rules

import (
	"bufio"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// Row is one data line of a rule file: its fields, and where it is (for
// the errors of whoever reads it).
type Row struct {
	File   string
	Line   int
	Fields []string
	// Via is the place, "file:line", of the word an include line (see
	// readRules) brought into this row; empty for a row written out.
	Via string
}

// Pos is the row's place, "file:line", for errors; a row an include line
// brought in names the include line and, in brackets, the word's own line.
func (r Row) Pos() string {
	if r.Via != "" {
		return fmt.Sprintf("%s:%d (%s)", r.File, r.Line, r.Via)
	}
	return fmt.Sprintf("%s:%d", r.File, r.Line)
}

// readTSV reads a rule file of tab-separated lines: blank lines and lines
// starting with # are comments, every other line has exactly columns
// fields, none empty, no field with white space at either end. Any other
// line is an error naming the file and the line.
func readTSV(fsys fs.FS, name string, columns int) ([]Row, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("rules: %s: not valid UTF-8", name)
	}
	var rows []Row
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != columns {
			return nil, fmt.Errorf("rules: %s:%d: want %d tab-separated fields, got %d: %q", name, line, columns, len(f), t)
		}
		for i, v := range f {
			if v == "" || strings.TrimSpace(v) != v {
				return nil, fmt.Errorf("rules: %s:%d: field %d is empty or has spaces around it: %q", name, line, i+1, t)
			}
		}
		rows = append(rows, Row{File: name, Line: line, Fields: f})
	}
	return rows, sc.Err()
}

// oneOf checks that v is among allowed, for a row's error.
func oneOf(r Row, column, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("rules: %s: %s %q is not one of %s", r.Pos(), column, v, strings.Join(allowed, ", "))
}

// jsicLetter checks a JSIC 2023 major group letter, A to T.
func jsicLetter(r Row, v string) error {
	if len(v) != 1 || v[0] < 'A' || v[0] > 'T' {
		return fmt.Errorf("rules: %s: JSIC letter %q is not one of A-T", r.Pos(), v)
	}
	return nil
}
