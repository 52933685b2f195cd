package enrich

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/rules"
)

// The rule files enrich reads, all under rules/: the package reads them
// when it starts and panics on a malformed one, naming the file and the
// line (TestEnrichRulesLoad reads them all).
const (
	fileOrganizations     = "sector/organizations.tsv"
	fileNameRules         = "sector/name_rules.tsv"
	fileTextRules         = "sector/text_rules.tsv"
	fileOwnWords          = "sector/own_words.tsv"
	filePublicCare        = "sector/public_care.tsv"
	fileDepartmentMarks   = "sector/department_marks.tsv"
	fileDepartmentSubject = "sector/department_subject.tsv"
	fileSectorSettings    = "sector/settings.tsv"
	fileOwnOffers         = "sector/own_offers.tsv"
	fileOfferNouns        = "sector/offer_nouns.tsv"
	fileDescriptorEnds    = "sector/descriptor_ends.tsv"
	fileGovernmentParts   = "sector/government_parts.tsv"
	fileGovernmentSelf    = "sector/government_self.tsv"
	fileIndustryWords     = "sector/industry_words.tsv"
	fileIndustries        = "gazetteer/tse_jsic.tsv"
	fileLegalFormSectors  = "sector/legal_forms.tsv"
	fileLegalForms        = "organization/legal_forms.tsv"
	fileAbbreviations     = "organization/abbreviations.tsv"
	fileAliases           = "organization/aliases.tsv"
	fileRegulators        = "organization/regulators.tsv"
	fileSupervision       = "organization/supervision.tsv"
	fileContractor        = "link/contractor.tsv"
	fileLinkSettings      = "link/settings.tsv"
)

var (
	sectorSettings = rules.ReadSettings(fileSectorSettings)
	linkSettings   = rules.ReadSettings(fileLinkSettings)
)

// rankedRules reads a file of word, JSIC letter, rank lines; it panics
// on a malformed one, naming the file and the line.
func rankedRules(path string) []nameRule {
	r, err := readRankedRules(rules.Table(path, 3))
	rules.Must(err)
	return r
}

// readRankedRules makes rules of word, letter, rank rows: in rank order,
// each rule's words in file order. A rank has one letter.
func readRankedRules(rows []rules.Row) ([]nameRule, error) {
	byRank := map[int]*nameRule{}
	var ranks []int
	for _, r := range rows {
		if err := r.CheckJSIC(1); err != nil {
			return nil, err
		}
		rank, err := r.Int(2, "rank")
		if err != nil {
			return nil, err
		}
		nr, ok := byRank[rank]
		if !ok {
			nr = &nameRule{letter: r.Fields[1], rank: rank}
			byRank[rank] = nr
			ranks = append(ranks, rank)
		} else if nr.letter != r.Fields[1] {
			return nil, fmt.Errorf("rules: %s: rank %d is letter %s on an earlier line, not %s", r.Pos(), rank, nr.letter, r.Fields[1])
		}
		nr.words = append(nr.words, r.Fields[0])
	}
	slices.Sort(ranks)
	out := make([]nameRule, 0, len(ranks))
	for _, k := range ranks {
		out = append(out, *byRank[k])
	}
	return out, nil
}

// wordsByColumn reads a file of word, kind lines: the words of each kind,
// in file order; kinds are the allowed values of column. It panics on a
// malformed file, naming the file and the line.
func wordsByColumn(path, column string, kinds ...string) map[string][]string {
	m, err := readWordsByKind(path, rules.Table(path, 2), column, kinds...)
	rules.Must(err)
	return m
}

// readWordsByKind is wordsByColumn on rows: every kind has a word, and a
// word is once in a kind.
func readWordsByKind(path string, rows []rules.Row, column string, kinds ...string) (map[string][]string, error) {
	out := map[string][]string{}
	seen := map[string]string{}
	for _, r := range rows {
		if err := r.CheckOneOf(1, column, kinds...); err != nil {
			return nil, err
		}
		key := r.Fields[0] + "\x00" + r.Fields[1]
		if first, dup := seen[key]; dup {
			return nil, fmt.Errorf("rules: %s: %q is already on %s", r.Pos(), r.Fields[0], first)
		}
		seen[key] = r.Pos()
		out[r.Fields[1]] = append(out[r.Fields[1]], r.Fields[0])
	}
	for _, k := range kinds {
		if len(out[k]) == 0 {
			return nil, fmt.Errorf("rules: %s: no word of %s %s", path, column, k)
		}
	}
	return out, nil
}

// alternation is a regexp group matching any of words, literally, tried
// in their order.
func alternation(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return "(?:" + strings.Join(q, "|") + ")"
}

// legalForm is a line of legal_forms.tsv.
type legalForm struct {
	form            string
	key, contractor bool
}

var legalForms = func() []legalForm {
	var out []legalForm
	for _, r := range rules.Table(fileLegalForms, 3) {
		rules.Must(r.CheckOneOf(1, "key", "yes", "no"))
		rules.Must(r.CheckOneOf(2, "contractor", "yes", "no"))
		out = append(out, legalForm{r.Fields[0], r.Fields[1] == "yes", r.Fields[2] == "yes"})
	}
	return out
}()

// legalFormsWhere lists the forms for which use is true, in file order.
func legalFormsWhere(use func(legalForm) bool) []string {
	var out []string
	for _, f := range legalForms {
		if use(f) {
			out = append(out, f.form)
		}
	}
	return out
}

// careException is a line of public_care.tsv: an occurrence of word with
// context right after (or before) it does not count.
type careException struct {
	word, context string
	after         bool
}

var publicCare = func() []careException {
	var out []careException
	for _, r := range rules.Table(filePublicCare, 3) {
		rules.Must(r.CheckOneOf(2, "side", "after", "before"))
		out = append(out, careException{r.Fields[0], r.Fields[1], r.Fields[2] == "after"})
	}
	return out
}()

// departmentMarks are the one-character head and tail marks of
// department_marks.tsv, head marks first; nHeadMarks of them are head
// marks. sectionMarks are its section marks.
var departmentMarks, nHeadMarks, sectionMarks = func() ([]string, int, []string) {
	m := wordsByColumn(fileDepartmentMarks, "position", "head", "tail", "section")
	for _, w := range slices.Concat(m["head"], m["tail"], m["section"]) {
		if utf8.RuneCountInString(w) != 1 {
			panic(fmt.Errorf("rules: %s: mark %q is not one character", fileDepartmentMarks, w))
		}
	}
	return slices.Concat(m["head"], m["tail"]), len(m["head"]), m["section"]
}()

// departmentRE is a government's department and section: 「総務部安全安心課」,
// 「まちづくり局交通政策室」.
var departmentRE = regexp.MustCompile(`\p{Han}{2,8}` + alternation(departmentMarks[:nHeadMarks]) + `\p{Han}{2,10}` + alternation(departmentMarks[nHeadMarks:]))

// sectionRE is a government's section named alone, kana allowed
// (「健康づくり課」): read only where it opens a sentence as its subject.
var sectionRE = regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}ー]{2,10}` + alternation(sectionMarks))

var departmentSubject = wordsByColumn(fileDepartmentSubject, "role", "opener", "particle", "own", "not_in_section")
