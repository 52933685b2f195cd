package rules

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestIncludeExpandsInPlace(t *testing.T) {
	fsys := fstest.MapFS{
		"text/leak_words.tsv":   {Data: []byte("# the family\n漏えい\n@text/more_leaks.tsv\n")},
		"text/more_leaks.tsv":   {Data: []byte("流出\n")},
		"timeline/exposed.tsv":  {Data: []byte("閲覧でき\n@text/leak_words.tsv\n不正\n")},
		"count/filters.tsv":     {Data: []byte("紛失\tleak_verbs\n@text/leak_words.tsv\tstrong_leak\n")},
		"datatypes/request.tsv": {Data: []byte("お願い\n")},
	}
	w, err := words(fsys, "timeline/exposed.tsv")
	if want := []string{"閲覧でき", "漏えい", "流出", "不正"}; err != nil || !slices.Equal(w, want) {
		t.Errorf("words(exposed.tsv) = %q, %v; want %q", w, err, want)
	}
	rows, err := readRules(fsys, "count/filters.tsv", 2)
	if err != nil || len(rows) != 3 {
		t.Fatalf("readRules(filters.tsv) = %+v, %v", rows, err)
	}
	// An included word takes the include line's other columns, and its
	// place names both lines, so an error about it can be found.
	if r := rows[2]; !slices.Equal(r.Fields, []string{"流出", "strong_leak"}) || r.Pos() != "count/filters.tsv:2 (text/more_leaks.tsv:1)" {
		t.Errorf("row %+v at %s, want 流出 strong_leak at count/filters.tsv:2 (text/more_leaks.tsv:1)", r.Fields, r.Pos())
	}
	if r := rows[0]; r.Pos() != "count/filters.tsv:1" {
		t.Errorf("a written row is at %s, want count/filters.tsv:1", r.Pos())
	}
}

func TestIncludeErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"a/missing.tsv":   {Data: []byte("漏えい\n@text/nothing.tsv\n")},
		"a/self.tsv":      {Data: []byte("漏えい\n@a/self.tsv\n")},
		"a/one.tsv":       {Data: []byte("@a/two.tsv\n")},
		"a/two.tsv":       {Data: []byte("流出\n@a/one.tsv\n")},
		"a/empty.tsv":     {Data: []byte("@a/comments.tsv\n")},
		"a/comments.tsv":  {Data: []byte("# nothing yet\n")},
		"a/twice.tsv":     {Data: []byte("流出\n@a/two_words.tsv\n")},
		"a/two_words.tsv": {Data: []byte("漏えい\n流出\n")},
		"a/table.tsv":     {Data: []byte("@a/pairs.tsv\tleak\n")},
		"a/pairs.tsv":     {Data: []byte("漏えい\tleak\n")},
		"a/bare.tsv":      {Data: []byte("@\n")},
		"a/case.tsv":      {Data: []byte("@cases/cause.tsv\n")},
		"cases/cause.tsv": {Data: []byte("誤送信した。\tmisdelivery\tcue\n")},
	}
	for _, c := range []struct{ file, want string }{
		{"a/missing.tsv", `rules: a/missing.tsv:2: "@text/nothing.tsv": no such rule file`},
		{"a/self.tsv", `rules: a/self.tsv:2: "@a/self.tsv" includes a file being read (a/self.tsv → a/self.tsv)`},
		{"a/one.tsv", `rules: a/two.tsv:2: "@a/one.tsv" includes a file being read (a/one.tsv → a/two.tsv → a/one.tsv) (included by a/one.tsv:1)`},
		{"a/empty.tsv", `rules: a/empty.tsv:1: "@a/comments.tsv" has no words`},
		{"a/twice.tsv", `rules: a/twice.tsv:2 (a/two_words.tsv:2): "流出" is already on line 1`},
		{"a/table.tsv", `rules: a/pairs.tsv:1: want 1 tab-separated fields, got 2: "漏えい\tleak" (included by a/table.tsv:1)`},
		{"a/bare.tsv", `rules: a/bare.tsv:1: "@" names no file to include`},
		{"a/case.tsv", `rules: a/case.tsv:1: "@cases/cause.tsv" is a cases file, not a rule file`},
	} {
		var err error
		if strings.Contains(c.file, "table") {
			_, err = readRules(fsys, c.file, 2)
		} else {
			_, err = words(fsys, c.file)
		}
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: error %v, want %s", c.file, err, c.want)
		}
	}
}
