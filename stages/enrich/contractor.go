package enrich

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// contractorWords are rules/link/contractor.tsv by role.
var contractorWords = wordsByColumn(fileContractor, "role", "holder", "title", "after", "branch")

// companyName is a company name as notices write a contractor's: a legal
// form (rules/organization/legal_forms.tsv, contractor yes) before or
// after the name. The name itself starts with no hiragana, so the words
// before it (「委託している」) stay out; it may hold a space, as normalized
// text keeps one between Latin and Japanese (NTT コミュニケーションズ株式会社).
var companyName = func() string {
	forms := alternation(legalFormsWhere(func(f legalForm) bool { return f.contractor }))
	return `(?:` + forms + `[\p{Katakana}\p{Han}A-Za-z0-9・ー&]+|[\p{Katakana}\p{Han}A-Za-z0-9][\p{Katakana}\p{Han}A-Za-z0-9・ー& ]*?` + forms + `)`
}()

// contractorREs find the contractor a notice says held the data, each
// with the name as its first group:
//   - 印刷業務を委託している事業者(株式会社イセトー)から
//   - 再委託先である株式会社イセトー(以下「再委託先」)
//   - 委託契約を結んでいた株式会社イセトーが / 業務を委託しているX株式会社(以下
//   - 業務委託先 株式会社イセトー(本社:…)
//   - 運営業務を株式会社X(以下「委託事業者」という。)に委託
//
// need are words one of which every match holds, for a pattern that has
// no literal prefix for the regexp engine to look for first (the title
// words begin alike in no byte): without them it is tried at every
// position of the text.
var contractorREs = []struct {
	re   *regexp.Regexp
	need []string
}{
	{re: regexp.MustCompile(`委託[^。\n]{0,25}?` + alternation(contractorWords["holder"]) + `\s*[(「]\s*(` + companyName + `)`)},
	{re: regexp.MustCompile(alternation(contractorWords["title"]) + `(?:で|と)ある(` + companyName + `)`), need: []string{"である", "とある"}},
	{re: regexp.MustCompile(`委託[^。、\n]{0,12}?(` + companyName + `)` + alternation(contractorWords["after"]))},
	{re: regexp.MustCompile(`委託先[::]?\s+(` + companyName + `)`)},
	{re: regexp.MustCompile(`業務を(` + companyName + `)[^\n]{0,40}?に委託`)}, // the (以下「…」という。) may hold a 。
}

// branchRE is a branch office after a company's name: 広島支店, 東京営業所.
var branchRE = regexp.MustCompile(`(\p{Han}+)` + alternation(contractorWords["branch"]) + `$`)

// withoutBranch drops a branch office from a company's name: the place
// before 支店 is the whole run of kanji after a kana or Latin name
// (イセトー広島支店), else its last two characters (架空印刷広島支店).
func withoutBranch(name string) string {
	m := branchRE.FindStringSubmatchIndex(name)
	if m == nil {
		return name
	}
	place := name[m[2]:m[3]]
	if n := utf8.RuneCountInString(place); n > 4 {
		_, l1 := utf8.DecodeLastRuneInString(place)
		_, l2 := utf8.DecodeLastRuneInString(place[:len(place)-l1])
		return name[:m[3]-l1-l2]
	}
	return name[:m[2]]
}

// ContractorKey is the key contractors are grouped by (stages/link's
// events): the organization key of the name without its branch office.
func ContractorKey(name string) string { return OrgKey(withoutBranch(name)) }

// contractorSpan is how many bytes of a notice's text are searched: the
// opening, where notices say whose systems were breached.
var contractorSpan = linkSettings.Int("contractor_span")

// Contractor returns the contractor or platform text says held the data
// (the breached party when a client reports a contractor's breach), with
// any branch office dropped; "" when the text names none.
func Contractor(text string) string { return contractor(text, true) }

// contractor is Contractor; skip lets a pattern be skipped where the words
// it needs are absent (false only in the test that checks that shortcut).
func contractor(text string, skip bool) string {
	if !strings.Contains(text, "委託") {
		return ""
	}
	if len(text) > contractorSpan {
		n := contractorSpan
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n]
	}
	best, at := "", len(text)
	for _, p := range contractorREs {
		if skip && p.need != nil && !containsAny(text, p.need) {
			continue
		}
		if m := p.re.FindStringSubmatchIndex(text); m != nil && m[2] < at {
			best, at = text[m[2]:m[3]], m[2]
		}
	}
	return withoutBranch(best)
}
