package rules

import (
	"fmt"
	"io/fs"
	"strconv"
)

// Settings are the named numbers and words of one rule file (name, value
// a line): thresholds, weights, windows. Reading a name the file lacks,
// or a number that is not one, panics naming the file (and the line), as
// Words does.
type Settings struct {
	file string
	rows map[string]Row
}

// ReadSettings reads a settings file; it panics on a malformed one.
func ReadSettings(path string) Settings {
	s, err := readSettings(files, path)
	if err != nil {
		panic(err)
	}
	return s
}

func readSettings(fsys fs.FS, path string) (Settings, error) {
	rows, err := readTSV(fsys, path, 2)
	if err != nil {
		return Settings{}, err
	}
	s := Settings{file: path, rows: map[string]Row{}}
	for _, r := range rows {
		if first, dup := s.rows[r.Fields[0]]; dup {
			return Settings{}, fmt.Errorf("rules: %s: %q is already on line %d", r.Pos(), r.Fields[0], first.Line)
		}
		s.rows[r.Fields[0]] = r
	}
	return s, nil
}

// String is the value of name.
func (s Settings) String(name string) string { return s.row(name).Fields[1] }

// Int is the value of name, a whole number.
func (s Settings) Int(name string) int {
	r := s.row(name)
	n, err := strconv.Atoi(r.Fields[1])
	if err != nil {
		panic(fmt.Errorf("rules: %s: %s %q is not a whole number", r.Pos(), name, r.Fields[1]))
	}
	return n
}

func (s Settings) row(name string) Row {
	r, ok := s.rows[name]
	if !ok {
		panic(fmt.Errorf("rules: %s: no line for %q", s.file, name))
	}
	return r
}

// Must panics with err when it is not nil: for the checks of a rule file's
// values at package init, whose errors name the file and the line.
func Must(err error) {
	if err != nil {
		panic(err)
	}
}

// CheckJSIC checks that field col (from 0) is a JSIC 2023 major group
// letter, A to T.
func (r Row) CheckJSIC(col int) error { return jsicLetter(r, r.Fields[col]) }

// CheckOneOf checks that field col (from 0), named column in the error, is
// one of allowed.
func (r Row) CheckOneOf(col int, column string, allowed ...string) error {
	return oneOf(r, column, r.Fields[col], allowed...)
}

// Int is field col (from 0) as a whole number, or an error naming the
// file, the line and column.
func (r Row) Int(col int, column string) (int, error) {
	n, err := strconv.Atoi(r.Fields[col])
	if err != nil {
		return 0, fmt.Errorf("rules: %s: %s %q is not a whole number", r.Pos(), column, r.Fields[col])
	}
	return n, nil
}
