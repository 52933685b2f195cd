package enrich

import (
	"regexp"
	"slices"
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
// A pattern that has no literal prefix for the regexp engine to look for
// first (the title words begin alike in no byte) is tried at every
// position of the text: ~50 µs a notice that says 委託 and である. Such
// a pattern has starts, the places where its matches may start, and is
// tried, anchored, there only (contractorPattern.find).
var contractorREs = []contractorPattern{
	{re: regexp.MustCompile(`委託[^。\n]{0,25}?` + alternation(contractorWords["holder"]) + `\s*[(「]\s*(` + companyName + `)`)},
	startingAt(alternation(contractorWords["title"])+`(?:で|と)ある(`+companyName+`)`, titleWordStarts),
	{re: regexp.MustCompile(`委託[^。、\n]{0,12}?(` + companyName + `)` + alternation(contractorWords["after"]))},
	{re: regexp.MustCompile(`委託先[::]?\s+(` + companyName + `)`)},
	{re: regexp.MustCompile(`業務を(` + companyName + `)[^\n]{0,40}?に委託`)}, // the (以下「…」という。) may hold a 。
}

// contractorPattern is a pattern of contractorREs; starts and anchored
// are set for one tried only where its matches may start.
type contractorPattern struct {
	re       *regexp.Regexp
	starts   func(text string) []int // in text order
	anchored *regexp.Regexp          // re, matching at the text's start only
}

// startingAt is the pattern expr whose every match starts at one of the
// places starts gives.
func startingAt(expr string, starts func(string) []int) contractorPattern {
	return contractorPattern{re: regexp.MustCompile(expr), starts: starts, anchored: regexp.MustCompile(`^(?:` + expr + `)`)}
}

// find is re.FindStringSubmatchIndex(text). A pattern with starts is
// tried anchored at each of them in text order: the first that matches
// is where re's leftmost match starts (re has no look-behind), and
// anchored there it picks the same match. skip false tries re itself
// (the test that checks this shortcut).
func (p contractorPattern) find(text string, skip bool) []int {
	if !skip || p.starts == nil {
		return p.re.FindStringSubmatchIndex(text)
	}
	for _, at := range p.starts(text) {
		if m := p.anchored.FindStringSubmatchIndex(text[at:]); m != nil {
			for i := range m {
				if m[i] >= 0 {
					m[i] += at
				}
			}
			return m
		}
	}
	return nil
}

// titleWordStarts are the places where a title word stands before である
// or とある, where every match of the title words' pattern starts: found
// from each ある back, one search where one a title word took ten.
func titleWordStarts(text string) []int {
	var out []int
	for from := 0; ; {
		i := strings.Index(text[from:], "ある")
		if i < 0 {
			break
		}
		before := text[:from+i]
		from += i + len("ある")
		if !strings.HasSuffix(before, "で") && !strings.HasSuffix(before, "と") {
			continue
		}
		before = before[:len(before)-len("で")]
		for _, w := range contractorWords["title"] {
			if strings.HasSuffix(before, w) {
				out = append(out, len(before)-len(w))
			}
		}
	}
	slices.Sort(out) // two title words, one the other's end, start apart
	return out
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

// contractor is Contractor; skip lets a pattern be tried only where its
// matches may start (false only in the test that checks that shortcut).
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
		if m := p.find(text, skip); m != nil && m[2] < at {
			best, at = text[m[2]:m[3]], m[2]
		}
	}
	return withoutBranch(best)
}
