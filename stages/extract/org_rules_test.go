package extract

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

// TestCasesOrganization runs rules/cases/organization.tsv through the
// organization field: each text, normalized as the pipeline does, must
// give the expected organization ("null": none).
func TestCasesOrganization(t *testing.T) {
	cases, err := rules.Cases("organization")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		want := c.Expected
		if want == "null" {
			want = ""
		}
		if got, ev := orgOf(c.Text); got != want {
			t.Errorf("%s (%s): organization = %q (evidence %q), want %q", c.Pos, c.Note, got, ev, want)
		}
	}
}

// TestBundledOrgRules checks that every rule file the organization field
// reads has a case naming it, and that every weight of its weights.tsv is
// read: a weight that nothing reads is a rule that does nothing. (The
// folder also holds stages/enrich's files, which its own tests check.)
func TestBundledOrgRules(t *testing.T) {
	cases, err := rules.Cases("organization")
	if err != nil {
		t.Fatal(err)
	}
	if len(orgFilesRead) == 0 {
		t.Fatal("the organization field reads no rule file")
	}
	for _, f := range orgFilesRead {
		base := strings.TrimPrefix(f, orgRulesDir)
		if !slices.ContainsFunc(cases, func(c rules.Case) bool { return strings.Contains(c.Note, base) }) {
			t.Errorf("%s has no case in rules/cases/organization.tsv", f)
		}
	}
	for _, r := range rules.Table(orgRulesDir+"weights.tsv", 3) {
		if !slices.Contains(weightsRead, r.File+"\t"+r.Fields[0]) {
			t.Errorf("%s: weight %q is not read", r.Pos(), r.Fields[0])
		}
	}
}

// TestNameCuesHoldEveryPatternWord checks the prefilter words derived from
// the patterns' words: a text holding a pattern's word holds a cue, so the
// prefilter skips no sentence the pattern would match.
func TestNameCuesHoldEveryPatternWord(t *testing.T) {
	for i, words := range [][]string{legalFirstForms, legalLastForms, patternSuffixes} {
		for _, w := range words {
			if !nameCues[i].in(w) {
				t.Errorf("nameCues[%d] skips a text holding %q", i, w)
			}
		}
	}
	if got := minimalWords([]string{"県警察", "県警", "県", "大学病院", "病院", "大学"}); !slices.Equal(got, []string{"県", "病院", "大学"}) {
		t.Errorf("minimalWords = %q", got)
	}
}

// TestAlternationLongestFirst checks that a pattern built from a list
// prefers the longer of two words that begin alike, whatever the list's
// order, and matches its words literally.
func TestAlternationLongestFirst(t *testing.T) {
	re := regexp.MustCompile(`^` + alternation([]string{"県", "県警", "(株)", "県警察"}))
	for text, want := range map[string]string{"県警察本部": "県警察", "県警に": "県警", "県の": "県", "(株)": "(株)", "株": ""} {
		if got := re.FindString(text); got != want {
			t.Errorf("%q: match %q, want %q", text, got, want)
		}
	}
	if got := runeClass([]string{"市", "町"}); got != "[市町]" {
		t.Errorf("runeClass = %q", got)
	}
	if got := lastRuneOfEach([]string{"いて", ")"}); got != "て)" {
		t.Errorf("lastRuneOfEach = %q", got)
	}
}
