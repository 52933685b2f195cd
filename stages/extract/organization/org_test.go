package organization

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"

	"github.com/breachtrend/breachtrend/stages/extract/text"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

var update = flag.Bool("update", false, "rewrite the .golden files of testdata/extract")

// orgOf runs organization on an invented notice, normalized as the
// pipeline does: a first line 【セキュリティ事件簿#…】 is the blog header.
func orgOf(txt string) (string, string) {
	txt = normalize.Text(txt)
	header := ""
	if first, _, _ := strings.Cut(txt, "\n"); strings.HasPrefix(first, "【セキュリティ事件簿") {
		if _, rest, ok := strings.Cut(first, "】"); ok {
			header = strings.TrimSpace(rest)
		}
	}
	return Find(nil, header, text.SplitSentences(txt), strings.Split(txt, "\n"))
}

// TestOrganizationGolden reads whole invented notices from
// testdata/extract/org/*.txt; run with -update to rewrite the .golden files.
func TestOrganizationGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testcorpus.Root(), "testdata", "extract", "org", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			org, ev := orgOf(string(b))
			extracttest.CheckGolden(t, f, "organization: "+org+"\nevidence: "+ev+"\n", *update, "-update")
		})
	}
}

// TestSuffixOnBoundary shows that a one-character suffix ends a name only
// on a token boundary: a place's name and its suffix, or the suffix
// starting 市立 after a place's name; never a word that holds the suffix.
func TestSuffixOnBoundary(t *testing.T) {
	for _, c := range []struct {
		text, name string
		want       bool
	}{
		{"青葉市の職員が", "青葉市", true},
		{"北海道の職員が", "北海道", true},
		{"横浜市立中央図書館の", "横浜市", true},
		{"個人市民税の通知", "個人市", false},
		{"下水道使用料の通知", "下水道", false},
		{"県民税の通知", "県", false},
	} {
		sp := text.SpansOf(c.text)
		if got := sp.SuffixOnBoundary(len(c.name), len("市")); got != c.want {
			t.Errorf("%s: suffix of %s on a boundary = %v, want %v", c.text, c.name, got, c.want)
		}
	}
}

// FuzzOrgSubject feeds arbitrary sentences to the running-text rules of
// the organization: they never panic, and what they return is in the text.
func FuzzOrgSubject(f *testing.F) {
	for _, s := range []string{
		"令和7年1月5日(日曜)午前10時頃、青葉市安全課事務室内のパソコンが",
		"総務省青葉局(局長 山田(やまだ))では、",
		"架空新聞社元社員の不正",
		"9月2日、当ラフィネルクラブの会員",
		"(((", "当", "この度、", "株式会社Example Technology 採用",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, got := range map[string]string{
			"subjectName":      subjectName(s),
			"selfPrefixedName": selfPrefixedName(s),
			"lineName":         lineName(s, true),
			"headerOrg":        headerOrganization(s, ""),
		} {
			if !strings.Contains(strings.ReplaceAll(s, " ", ""), strings.ReplaceAll(got, " ", "")) {
				t.Errorf("%s(%q) = %q, not in the text", name, s, got)
			}
		}
	})
}

// TestDefinitionAfter: the one reading of 「(以下…)」 that definedAsOther,
// definesAlias and tailDefinedName share.
func TestDefinitionAfter(t *testing.T) {
	for _, c := range []struct {
		after, alias string
		quoted, ok   bool
	}{
		{"(以下「MP社」といいます)が", "MP社", true, true},
		{"(以下、『青葉支部』という。)", "青葉支部", true, true},
		{"(以下「MP社", "", true, true}, // cut off: a definition, no name read
		{"(以下JTB社)から", "JTB社", false, true},
		{"(以下同じ。)", "", false, false},
		{"(以下、詳細は別紙のとおりとします)", "", false, false}, // no bracket's end within the bound
		{"(株式会社)", "", false, false},
		{"", "", false, false},
	} {
		alias, quoted, ok := definitionAfter(c.after)
		if alias != c.alias || quoted != c.quoted || ok != c.ok {
			t.Errorf("definitionAfter(%q) = %q, %v, %v; want %q, %v, %v", c.after, alias, quoted, ok, c.alias, c.quoted, c.ok)
		}
	}
}

// TestKanaHead covers the hiragana heads with の that a department's
// name may open with, and the particles that are none.
func TestKanaHead(t *testing.T) {
	tests := []struct {
		d    string
		want int
	}{
		{"くらしの安全安心課", len("くらしの")},
		{"こどもの未来課", len("こどもの")},
		{"のの課", 0},      // fewer than two hiragana before の
		{"名簿の福祉課", 0},   // a kanji opens it
		{"くらしのための課", 0}, // の followed by hiragana
		{"くらしの", 0},     // nothing after の
		{"まちづくり課", 0},   // no の
	}
	for _, tt := range tests {
		if got := kanaHead(tt.d); got != tt.want {
			t.Errorf("kanaHead(%q) = %d, want %d", tt.d, got, tt.want)
		}
	}
}

// TestLatinLedName covers the short names of firms that a role noun may
// follow with no legal form or suffix, and the hidden names that are none.
func TestLatinLedName(t *testing.T) {
	tests := []struct {
		run  string
		want bool
	}{
		{"NTT西日本", true},
		{"KDDI", true},
		{"JR東日本", true},
		{"A社", false},    // one letter hides a name
		{"青葉電気", false},  // no Latin: a suffix or legal form must mark it
		{"Abc商事", false}, // one capital
		{"NT", false},    // too short for a name
	}
	for _, tt := range tests {
		if got := latinLedName(tt.run); got != tt.want {
			t.Errorf("latinLedName(%q) = %v, want %v", tt.run, got, tt.want)
		}
	}
}
