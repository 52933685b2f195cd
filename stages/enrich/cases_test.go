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
	need := []sectorBasis{{rule: "known"}, {rule: "government"}, {rule: "legal_form"}, {rule: "gazetteer"}, {rule: "offer"}, {rule: "gazetteer_weak"}}
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
	case "legal_form":
		return "a legal form of rules/" + fileLegalFormSectors
	case "government":
		return "a part of a local government (rules/" + fileGovernmentParts + ")"
	case "offer":
		return "what the organization offers (rules/" + fileOwnOffers + ")"
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
		fileDepartmentSubject, fileSectorSettings, fileOwnOffers, fileOfferNouns, fileGovernmentParts, fileIndustryWords, fileLegalFormSectors, fileLegalForms, fileAbbreviations, fileAliases, fileRegulators, fileSupervision,
		fileContractor, fileLinkSettings} {
		if !files[f] {
			t.Errorf("rules/%s is not bundled", f)
		}
	}
	for name, n := range map[string]int{
		"known organizations": len(bundledKnown), "name rules": len(nameWords), "text rules": len(textRules),
		"own words": len(ownWords), "public care": len(publicCare), "department marks": len(departmentMarks),
		"offer nouns": len(offerNouns), "industry words": len(industryWords), "legal form sectors": len(legalFormSectors), "offer subjects": len(offerSubjects), "government names": len(governmentNames()),
		"legal words": len(legalWords), "abbreviations": len(abbreviations), "aliases": len(aliases),
		"regulators": len(regulators), "contractor words": len(contractorWords),
	} {
		if n == 0 {
			t.Errorf("no %s read", name)
		}
	}
	// The regexps built from the lists match what their words say.
	for re, s := range map[string]bool{
		departmentRE.String():        departmentRE.MatchString("総務部安全安心課"),
		supervisedRE.String():        supervisedRE.MatchString("架空銀行に対する業務改善命令"),
		branchRE.String():            branchRE.MatchString("架空印刷広島営業所"),
		contractorREs[1].re.String(): contractorREs[1].re.MatchString("委託事業者である架空印刷株式会社"),
	} {
		if !s {
			t.Errorf("%s does not match its example", re)
		}
	}
}

func TestRuleFileErrorsNameFileAndLine(t *testing.T) {
	row := func(line int, f ...string) rules.Row { return rules.Row{File: "sector/x.tsv", Line: line, Fields: f} }
	rs, err := readRankedRules([]rules.Row{row(1, "病院", "P", "2"), row(2, "市", "S", "1"), row(3, "医院", "P", "2")})
	if err != nil || len(rs) != 2 || rs[0].letter != "S" || rs[1].rank != 2 || strings.Join(rs[1].words, ",") != "病院,医院" {
		t.Errorf("readRankedRules = %+v, %v: want S (rank 1) then P's two words in file order", rs, err)
	}
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{[]rules.Row{row(4, "病院", "Z", "1")}, `sector/x.tsv:4: JSIC letter "Z"`},
		{[]rules.Row{row(5, "病院", "P", "one")}, `sector/x.tsv:5: rank "one" is not a whole number`},
		{[]rules.Row{row(1, "病院", "P", "1"), row(6, "市", "S", "1")}, "sector/x.tsv:6: rank 1 is letter P on an earlier line, not S"},
	} {
		if _, err := readRankedRules(c.rows); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("readRankedRules: %v, want %q", err, c.want)
		}
	}
	m, err := readWordsByKind("sector/x.tsv", []rules.Row{row(1, "部", "head"), row(2, "課", "tail"), row(3, "局", "head")}, "position", "head", "tail")
	if err != nil || strings.Join(m["head"], "") != "部局" || strings.Join(m["tail"], "") != "課" {
		t.Errorf("readWordsByKind = %v, %v", m, err)
	}
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{[]rules.Row{row(7, "部", "middle")}, `sector/x.tsv:7: position "middle" is not one of head, tail`},
		{[]rules.Row{row(1, "部", "head"), row(2, "課", "tail"), row(8, "部", "head")}, `sector/x.tsv:8: "部" is already on sector/x.tsv:1`},
		{[]rules.Row{row(1, "部", "head")}, "sector/x.tsv: no word of position tail"},
	} {
		if _, err := readWordsByKind("sector/x.tsv", c.rows, "position", "head", "tail"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("readWordsByKind: %v, want %q", err, c.want)
		}
	}
}
