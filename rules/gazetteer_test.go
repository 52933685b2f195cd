package rules

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
)

func TestBundledGazetteers(t *testing.T) {
	g, err := LoadGazetteers()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(g.LocalGovernments); n < 1900 {
		t.Errorf("%d local governments, want every one of Japan's (~1,970 with wards)", n)
	}
	if n := len(g.Companies); n < 4000 {
		t.Errorf("%d companies, want the EDINET filers with an industry (~4,800)", n)
	}
	find := func(name string) *LocalGovernment {
		for i := range g.LocalGovernments {
			if g.LocalGovernments[i].Name == name {
				return &g.LocalGovernments[i]
			}
		}
		return nil
	}
	for _, c := range []struct{ name, kind, full, pref string }{
		{"東京都", "prefecture", "東京都", "東京都"},
		{"つくばみらい市", "city", "つくばみらい市", "茨城県"}, // written in hiragana
		{"千代田区", "special_ward", "千代田区", "東京都"},
		{"みやき町", "town", "みやき町", "佐賀県"},
		{"札幌市", "city", "札幌市", "北海道"},
	} {
		lg := find(c.name)
		if lg == nil {
			t.Errorf("%s missing", c.name)
			continue
		}
		if lg.Kind != c.kind || lg.FullName != c.full || lg.Prefecture != c.pref {
			t.Errorf("%s = %+v, want kind %s, full name %s, prefecture %s", c.name, *lg, c.kind, c.full, c.pref)
		}
	}
	if lg := find("豊平区"); lg == nil || lg.Kind != "ward" || lg.FullName != "札幌市豊平区" {
		t.Errorf("豊平区 = %+v, want a ward of 札幌市", lg)
	}
	byName := map[string]Company{}
	for _, c := range g.Companies {
		byName[c.Name] = c
	}
	for name, want := range map[string]string{"トヨタ自動車株式会社": "E", "株式会社三菱UFJ銀行": "J", "株式会社高島屋": "I"} {
		if c, ok := byName[name]; !ok || c.JSIC != want {
			t.Errorf("%s = %+v, want JSIC %s", name, c, want)
		}
	}
	for _, c := range g.Companies {
		if c.Weak != (c.Industry == "サービス業") {
			t.Errorf("%s: weak %v for industry %s, want weak only for サービス業 (tse_jsic.tsv)", c.Name, c.Weak, c.Industry)
			break
		}
	}
}

func TestGazetteerErrorsNameFileAndLine(t *testing.T) {
	good := map[string]string{
		"gazetteer/local_governments.tsv": "# c\n札幌市\tcity\t札幌市\t北海道\t1100\n",
		"gazetteer/tse_jsic.tsv":          "建設業\tD\tfirm\n",
		"gazetteer/companies.tsv":         "X建設株式会社\tD\t建設業\tyes\n髙X株式会社\tD\t建設業\tyes\n",
		"gazetteer/char_variants.tsv":     "# c\n髙\t高\n",
	}
	g, err := readGazetteers(mapFS(good, nil))
	if err != nil {
		t.Fatalf("good files: %v", err)
	}
	if n := len(g.Companies); n != 3 || g.Companies[2].Name != "高X株式会社" || g.Companies[2].JSIC != "D" {
		t.Errorf("companies %+v, want 髙X株式会社 listed again as 高X株式会社 (char_variants.tsv)", g.Companies)
	}
	for _, c := range []struct {
		file, text, want string
	}{
		{"gazetteer/local_governments.tsv", "# c\n札幌市\tcity\t札幌市\t北海道\n", "local_governments.tsv:2: want 5"},
		{"gazetteer/local_governments.tsv", "札幌市\tmetropolis\t札幌市\t北海道\t1100\n", `local_governments.tsv:1: kind "metropolis"`},
		{"gazetteer/local_governments.tsv", "札幌市\tcity\t札幌市\t北海道\tx\n", "local_governments.tsv:1: lgcode"},
		{"gazetteer/tse_jsic.tsv", "建設業\tZ\tfirm\n", `tse_jsic.tsv:1: JSIC letter "Z"`},
		{"gazetteer/tse_jsic.tsv", "建設業\tD\tstrong\n", `tse_jsic.tsv:1: strength "strong"`},
		{"gazetteer/companies.tsv", "\n\nX株式会社\tE\t建設業\tyes\n", "companies.tsv:3: industry"},
		{"gazetteer/companies.tsv", "X株式会社\tD\t建設業\tmaybe\n", `companies.tsv:1: listed "maybe"`},
		{"gazetteer/companies.tsv", "X株式会社 \tD\t建設業\tyes\n", "companies.tsv:1: field 1"},
		{"gazetteer/companies.tsv", "X株式会社\t\t建設業\tyes\n", "companies.tsv:1: field 2"},
		{"gazetteer/char_variants.tsv", "髙\n", "char_variants.tsv:1: want 2"},
	} {
		_, err := readGazetteers(mapFS(good, map[string]string{c.file: c.text}))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q in %s: error %v, want one containing %q", c.text, c.file, err, c.want)
		}
	}
}

func mapFS(files, override map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	for k, v := range override {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

// TestGazetteersRegenerate rebuilds the gazetteers from the reference lists
// in ../shared and compares them with the bundled ones, so the files stay
// what the script makes of the lists.
func TestGazetteersRegenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the generator")
	}
	ref := testcorpus.SharedOrSkip(t, "reference")
	if _, err := os.Stat(filepath.Join(ref, "lgcode.csv")); err != nil {
		t.Skipf("the reference lists are not beside the repository (%v)", err)
	}
	out := t.TempDir()
	tse, err := os.ReadFile("gazetteer/tse_jsic.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "tse_jsic.tsv"), tse, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", "./gen/gazetteer", "-reference", ref, "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	for _, f := range []string{"local_governments.tsv", "companies.tsv"} {
		want, _ := os.ReadFile(filepath.Join("gazetteer", f))
		got, _ := os.ReadFile(filepath.Join(out, f))
		if string(got) != string(want) {
			t.Errorf("gazetteer/%s differs from what rules/gen/gazetteer makes of %s: run `go run ./rules/gen/gazetteer`", f, ref)
		}
	}
}
