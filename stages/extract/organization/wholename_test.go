package organization

import (
	"regexp"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// nameOnlyRE is a whole name's pattern, the oracle of nameOnlyCut.
var nameOnlyRE = regexp.MustCompile(`^` + nameRun + text.RuneBound(nameLineMinRunes, nameLineMaxRunes) + `$`)

// nameOnlyCutSimple is nameOnlyCut as wholeName read it before: the
// officer's title searched for in the whole of t, the cut matched.
func nameOnlyCutSimple(t string) string {
	if t = cutOfficerSimple(t); nameOnlyRE.MatchString(t) {
		return t
	}
	return ""
}

// cutOfficerSimple is cutOfficer that searches even a run too short to
// hold a name and a title.
func cutOfficerSimple(run string) string {
	for _, w := range officerTitles {
		if i := strings.Index(run, w); i > 0 {
			run = run[:i]
		}
	}
	return run
}

// TestInNameRun holds inNameRun to nameRun's class on every rune.
func TestInNameRun(t *testing.T) {
	class := regexp.MustCompile(`^` + nameRun + `$`)
	for r := rune(0); r <= 0x10FFFF; r++ {
		if got, want := inNameRun(r), class.MatchString(string(r)); got != want && (r < 0xD800 || r > 0xDFFF) {
			t.Fatalf("inNameRun(%U) = %v, the class says %v", r, got, want)
		}
	}
}

// nameOnlyCases are names, names with an officer after them glued or
// spaced, titles at the start, titles after the run, and runs too short
// or too long.
var nameOnlyCases = []string{
	"", "青", "青葉市", "株式会社青葉代表取締役社長山田太郎", "株式会社青葉 代表取締役社長 山田太郎",
	"代表取締役", "代表取締役青葉", "青葉、代表取締役", "青葉代表取締役、社長", "青葉理事長代表理事",
	"青葉市において不正アクセスが発生し", "当社", "ABC-1.&x", "青\xff葉代表取締役", "青葉代表\xff取締役",
	strings.Repeat("青", 40), strings.Repeat("青", 41), strings.Repeat("青", 41) + "代表取締役", "青葉 ",
	"青葉取締役代表取締役", "取締役青葉代表取締役", "ア代表理事長",
}

// TestNameOnlyCut: nameOnlyCut, which searches the run of name characters
// only, gives what nameOnlyCutSimple gives, on the cases, every line and
// sentence of the oracle texts and their tokens.
func TestNameOnlyCut(t *testing.T) {
	ts := append([]string(nil), nameOnlyCases...)
	for _, s := range extracttest.OracleTexts(t) {
		for _, l := range strings.Split(s, "\n") {
			ts = append(ts, l)
			ts = append(ts, strings.Fields(l)...)
		}
		for _, sn := range text.SplitSentences(s) {
			ts = append(ts, sn.Text)
		}
	}
	for _, s := range ts {
		checkNameOnlyCut(t, s)
	}
}

func FuzzNameOnlyCut(f *testing.F) {
	for _, s := range nameOnlyCases {
		f.Add(s)
	}
	f.Fuzz(checkNameOnlyCut)
}

func checkNameOnlyCut(t *testing.T, s string) {
	if got, want := cutOfficer(s), cutOfficerSimple(s); got != want {
		t.Fatalf("cutOfficer(%q) = %q, want %q", s, got, want)
	}
	if got, want := nameOnlyCut(s), nameOnlyCutSimple(s); got != want {
		t.Fatalf("nameOnlyCut(%q) = %q, want %q", s, got, want)
	}
}
