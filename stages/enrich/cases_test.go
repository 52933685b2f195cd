package enrich

import (
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

// TestSectorCases runs rules/cases/sector.tsv through Sector, and checks
// that every rule file of rules/sector/ has a case and that every rank of
// the name and text rules decides one, so a rule without an example fails.
func TestSectorCases(t *testing.T) {
	cases, err := rules.Cases("sector")
	if err != nil {
		t.Fatal(err)
	}
	s := NewSectors()
	decided := map[sectorBasis]bool{}
	noted := map[string]bool{}
	for _, c := range cases {
		org, text, ok := strings.Cut(c.Text, "|")
		if !ok {
			t.Errorf("%s: want organization|text, got %q", c.Pos, c.Text)
			continue
		}
		want := c.Expected
		if want == "null" {
			want = ""
		}
		got, basis := s.decide(org, text)
		if got != want {
			t.Errorf("%s: Sector(%q, %q) = %q, want %q (%s)", c.Pos, org, text, got, want, c.Note)
		}
		decided[basis] = true
		file, _, _ := strings.Cut(c.Note, ":")
		noted[file] = true
	}
	for _, f := range rules.Files() {
		name := strings.TrimSuffix(path.Base(f), ".tsv")
		if path.Dir(f) == "sector" && name != "settings" && !noted[name] {
			t.Errorf("rules/%s has no case in rules/cases/sector.tsv (a note starting %q)", f, name+":")
		}
	}
	need := []sectorBasis{{rule: "known"}, {rule: "gazetteer"}, {rule: "gazetteer_weak"}}
	for _, r := range nameRules {
		need = append(need, sectorBasis{"name", r.rank})
	}
	for _, r := range textRules {
		need = append(need, sectorBasis{"text", r.rank})
	}
	for _, b := range need {
		if !decided[b] {
			t.Errorf("no case of rules/cases/sector.tsv is decided by %s", b)
		}
	}
}

func (b sectorBasis) String() string {
	switch b.rule {
	case "known":
		return "the known organizations table"
	case "gazetteer":
		return "a company of rules/gazetteer/companies.tsv"
	case "gazetteer_weak":
		return "a company of a weak industry of rules/gazetteer/companies.tsv"
	case "name":
		return fmt.Sprintf("rank %d of rules/%s", b.rank, fileNameRules)
	default:
		return fmt.Sprintf("rank %d of rules/%s", b.rank, fileTextRules)
	}
}

// TestEnrichRulesLoad checks that the rule files enrich reads are bundled
// and were read (the package's init panics on a malformed one, naming the
// file and the line), and that each list or table has entries.
func TestEnrichRulesLoad(t *testing.T) {
	files := map[string]bool{}
	for _, f := range rules.Files() {
		files[f] = true
	}
	for _, f := range []string{fileOrganizations, fileNameRules, fileTextRules, fileOwnWords, filePublicCare, fileDepartmentMarks,
		fileDepartmentSubject, fileSectorSettings, fileLegalForms, fileAbbreviations, fileAliases, fileRegulators, fileSupervision,
		fileReportBodies, fileContractor, fileLinkSettings, fileAPPIReasons} {
		if !files[f] {
			t.Errorf("rules/%s is not bundled", f)
		}
	}
	for name, n := range map[string]int{
		"known organizations": len(bundledKnown), "name rules": len(nameWords), "text rules": len(textRules),
		"own words": len(ownWords), "public care": len(publicCare), "department marks": len(departmentMarks),
		"legal words": len(legalWords), "abbreviations": len(abbreviations), "aliases": len(aliases),
		"regulators": len(regulators), "report bodies": len(reportBodies), "contractor words": len(contractorWords),
		"APPI reasons": len(appiReasons),
	} {
		if n == 0 {
			t.Errorf("no %s read", name)
		}
	}
	// The regexps built from the lists match what their words say.
	for re, s := range map[string]bool{
		departmentRE.String():     departmentRE.MatchString("総務部安全安心課"),
		supervisedRE.String():     supervisedRE.MatchString("架空銀行に対する業務改善命令"),
		branchRE.String():         branchRE.MatchString("架空印刷広島営業所"),
		contractorREs[1].String(): contractorREs[1].MatchString("委託事業者である架空印刷株式会社"),
	} {
		if !s {
			t.Errorf("%s does not match its example", re)
		}
	}
}
