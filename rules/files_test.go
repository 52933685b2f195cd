package rules

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestBundledRules reads every rule file as a word list or table, so a
// malformed line fails here and not at a run's start.
func TestBundledRules(t *testing.T) {
	if len(Files()) == 0 {
		t.Fatal("no rule files embedded")
	}
	// Every file: as many fields on every line as on its first, none empty.
	// The packages that read a file check its values (TestEnrichRulesLoad,
	// TestBundledGazetteers).
	for _, f := range Files() {
		if _, err := readRules(files, f, columnsOf(t, f)); err != nil {
			t.Error(err)
		}
	}
	for _, f := range CaseFields() {
		if _, err := Cases(f); err != nil {
			t.Error(err)
		}
	}
	if v := Version(); !strings.HasPrefix(v, "rules-") || len(v) != len("rules-")+12 {
		t.Errorf("Version() = %q", v)
	}
}

func TestVersionFollowsRuleFilesOnly(t *testing.T) {
	base := fstest.MapFS{
		"cause/cues.tsv":  {Data: []byte("誤送信\tmisdelivery\t3\n")},
		"cases/cause.tsv": {Data: []byte("誤送信した。\tmisdelivery\tcue\n")},
	}
	v0, err := version(base)
	if err != nil {
		t.Fatal(err)
	}
	edited := fstest.MapFS{"cause/cues.tsv": {Data: []byte("誤送信\tmisdelivery\t2\n")}, "cases/cause.tsv": base["cases/cause.tsv"]}
	if v, _ := version(edited); v == v0 {
		t.Error("editing a rule file kept the version")
	}
	moreCases := fstest.MapFS{"cause/cues.tsv": base["cause/cues.tsv"], "cases/cause.tsv": {Data: []byte("誤送付した。\tmisdelivery\tcue\n")}}
	if v, _ := version(moreCases); v != v0 {
		t.Error("editing a cases file changed the version")
	}
}

func TestWordsAndCasesErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"org/legal.tsv":   {Data: []byte("# legal forms\n株式会社\n有限会社\n株式会社\n")},
		"org/empty.tsv":   {Data: []byte("# nothing\n")},
		"org/two.tsv":     {Data: []byte("当社\tself\n")},
		"cases/org.tsv":   {Data: []byte("当社は\\n本日\tnull\tself reference\n当社は\\n本日\tX\tagain\n")},
		"cases/count.tsv": {Data: []byte("約1,000件\t1000\n")},
	}
	for _, c := range []struct {
		err  error
		want string
	}{
		{func() error { _, err := words(fsys, "org/legal.tsv"); return err }(), `org/legal.tsv:4: "株式会社" is already on line 2`},
		{func() error { _, err := words(fsys, "org/empty.tsv"); return err }(), "org/empty.tsv: no words"},
		{func() error { _, err := words(fsys, "org/two.tsv"); return err }(), "org/two.tsv:1: want 1 tab-separated fields, got 2"},
		{func() error { _, err := cases(fsys, "org"); return err }(), "cases/org.tsv:2: the same text as cases/org.tsv:1"},
		{func() error { _, err := cases(fsys, "count"); return err }(), "cases/count.tsv:1: want 3 tab-separated fields"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", c.err, c.want)
		}
	}
	cs, err := cases(fstest.MapFS{"cases/org.tsv": {Data: []byte("当社は\\n本日\tnull\tself reference\n")}}, "org")
	if err != nil || len(cs) != 1 || cs[0].Text != "当社は\n本日" || cs[0].Expected != "null" || cs[0].Pos != "cases/org.tsv:1" {
		t.Errorf("cases = %+v, %v", cs, err)
	}
}

// columnsOf is the number of fields of the first data line of a rule file.
func columnsOf(t *testing.T, path string) int {
	t.Helper()
	data, err := files.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			return len(strings.Split(strings.TrimSuffix(l, "\r"), "\t"))
		}
	}
	t.Errorf("rules: %s: no data line", path)
	return 1
}
