package rules

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSettings(t *testing.T) {
	fsys := fstest.MapFS{
		"x/settings.tsv": {Data: []byte("# windows\nwindow_days\t120\nword\t確報\nbad\t1.5\n")},
		"x/dup.tsv":      {Data: []byte("a\t1\na\t2\n")},
	}
	s, err := readSettings(fsys, "x/settings.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if s.Int("window_days") != 120 || s.String("word") != "確報" {
		t.Errorf("settings = %+v", s)
	}
	for name, want := range map[string]string{
		"bad":     `x/settings.tsv:4: bad "1.5" is not a whole number`,
		"missing": `x/settings.tsv: no line for "missing"`,
	} {
		if got := panicOf(func() { s.Int(name) }); !strings.Contains(got, want) {
			t.Errorf("Int(%q) panics %q, want %q", name, got, want)
		}
	}
	if _, err := readSettings(fsys, "x/dup.tsv"); err == nil || !strings.Contains(err.Error(), `x/dup.tsv:2: "a" is already on line 1`) {
		t.Errorf("duplicate name: %v", err)
	}
}

func TestRowChecks(t *testing.T) {
	r := Row{File: "s/t.tsv", Line: 3, Fields: []string{"病院", "Z", "x", "two"}}
	if err := r.CheckJSIC(1); err == nil || !strings.Contains(err.Error(), `s/t.tsv:3: JSIC letter "Z"`) {
		t.Errorf("CheckJSIC: %v", err)
	}
	if err := r.CheckOneOf(2, "side", "after", "before"); err == nil || !strings.Contains(err.Error(), `s/t.tsv:3: side "x" is not one of after, before`) {
		t.Errorf("CheckOneOf: %v", err)
	}
	if _, err := r.Int(3, "rank"); err == nil || !strings.Contains(err.Error(), `s/t.tsv:3: rank "two"`) {
		t.Errorf("Int: %v", err)
	}
	if got := panicOf(func() { Must(fmt.Errorf("rules: a.tsv:1: bad")) }); got != "rules: a.tsv:1: bad" {
		t.Errorf("Must panics %q", got)
	}
}

func panicOf(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}
