package enrich

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/rules"
)

// Sectors decides an organization's JSIC major group, in this order: a
// table of known organizations, the gazetteer of companies
// (rules/gazetteer/companies.tsv) where its industry maps to one sector,
// a local government's parts, the words of the name (a legal form that
// tells the sector where they give none or only R), what the text says
// the organization runs or sells
// (ownOffer), the words of the text, and last the gazetteer's default
// sector of an industry that spans several (サービス業 → R).
type Sectors struct {
	known map[string]string
}

// NewSectors returns the bundled table of known organizations
// (rules/sector/organizations.tsv).
func NewSectors() *Sectors {
	s := &Sectors{known: make(map[string]string, len(bundledKnown))}
	for k, l := range bundledKnown {
		s.known[k] = l
	}
	return s
}

// bundledKnown is rules/sector/organizations.tsv by organization key; a
// later line wins.
var bundledKnown = func() map[string]string {
	m := map[string]string{}
	for _, r := range rules.Table(fileOrganizations, 2) {
		rules.Must(r.CheckJSIC(1))
		m[OrgKey(r.Fields[0])] = r.Fields[1]
	}
	return m
}()

// Load adds "organization,letter" lines (# comments allowed); name says
// where they come from in errors.
func (s *Sectors) Load(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		org, letter, ok := strings.Cut(t, ",")
		letter = strings.ToUpper(strings.TrimSpace(letter))
		if !ok || len(letter) != 1 || letter[0] < 'A' || letter[0] > 'T' {
			return fmt.Errorf("%s:%d: want \"organization,JSIC letter A-T\", got %q", name, line, t)
		}
		s.known[OrgKey(org)] = letter
	}
	return sc.Err()
}

// nameRule maps words of a name to a sector; the first rule that matches
// the end of the name, then anywhere in it, wins.
type nameRule struct {
	letter string
	rank   int // the rank column of the rule file
	words  []string
}

// nameRules are rules/sector/name_rules.tsv, in rank order.
var nameRules = rankedRules(fileNameRules)

// textRules read the sector from what the text says the organization does,
// when its name does not tell: a government's departments and staff, a
// school's pupils, a hospital's patients, a shop's orders, a bank's deposits.
// They are rules/sector/text_rules.tsv, in rank order.
var textRules = rankedRules(fileTextRules)

// nameSector reads the sector from the words of a name key. Every rule
// word in the name is a candidate, one that ends the name (○○病院) counting
// one character more; the longest wins, so a specific word beats a generic
// one (さくら不動産販売 is real estate, not retail), and ties keep the
// rules' order.
func nameSector(k string) string {
	letter, _, _ := nameSectorRank(k)
	return letter
}

// nameSectorRank is nameSector with the rank of the rule that decided,
// and whether its word ends the name.
func nameSectorRank(k string) (letter string, rank int, atEnd bool) {
	bestScore := 0
	for _, w := range nameWords {
		score, end := 0, false
		switch {
		case strings.HasSuffix(k, w.word):
			score, end = w.runes+1, true
		case w.runes > 1 && strings.Contains(k, w.word):
			score = w.runes
		}
		if score > bestScore {
			letter, rank, atEnd, bestScore = w.letter, w.rank, end, score
		}
	}
	return letter, rank, atEnd
}

// nameWords are the words of nameRules in order, with their lengths in
// runes.
var nameWords = func() []ruleWord {
	var out []ruleWord
	for _, r := range nameRules {
		for _, w := range r.words {
			out = append(out, ruleWord{r.letter, w, utf8.RuneCountInString(w), r.rank})
		}
	}
	return out
}()

type ruleWord struct {
	letter, word string
	runes, rank  int
}

// Sector returns the JSIC letter for org, reading text when the name alone
// does not tell; "" when neither does.
func (s *Sectors) Sector(org, text string) string {
	letter, _ := s.decide(org, text)
	return letter
}

// The routes by which SectorRoute decides, strongest first.
const (
	RouteKnownTable    = "known_table"    // the table of known organizations (bundled or --sectors)
	RouteNameRule      = "name_rule"      // a word of the organization's name
	RouteGazetteer     = "gazetteer"      // a listed or EDINET company of rules/gazetteer
	RouteTextRule      = "text_rule"      // what the text says the organization does
	RouteGazetteerWeak = "gazetteer_weak" // a gazetteer company whose industry gives its sector only by default
)

// routeOf names the rule of a sectorBasis as SectorRoute does.
var routeOf = map[string]string{"known": RouteKnownTable, "name": RouteNameRule, "gazetteer": RouteGazetteer,
	"government": RouteNameRule, "legal_form": RouteNameRule, "offer": RouteTextRule, "text": RouteTextRule, "gazetteer_weak": RouteGazetteerWeak}

// SectorRoute is Sector and the route that decided it ("" when none did).
func (s *Sectors) SectorRoute(org, text string) (letter, route string) {
	letter, b := s.decide(org, text)
	return letter, routeOf[b.rule]
}

// sectorBasis says which rule decided a sector: the known organizations
// table, a part of a local government (governmentPart, reported as a
// name rule), a name rule or a text rule (with its rank), the gazetteer,
// what the organization says it offers (ownOffer, reported as a text
// rule), or none.
type sectorBasis struct {
	rule string // known, government, legal_form, name, gazetteer, offer, text, gazetteer_weak; "" when none decided
	rank int
}

// decide is Sector with the rule that decided, for the cases' test to
// check that every rule family decides some case.
func (s *Sectors) decide(org, text string) (string, sectorBasis) {
	var weak *gazetteerCompany // a company of a weak industry: the last resort
	if org != "" {
		k := OrgKey(org)
		if l, ok := s.known[k]; ok {
			return l, sectorBasis{rule: "known"}
		}
		// A listed company's industry tells its business better than the
		// words of its name (フジテック makes lifts, 加賀電子 is a
		// wholesaler), but for an industry that spans several sectors.
		if c, ok := gazetteerCompanies()[k]; ok {
			if !c.weak {
				return c.letter, sectorBasis{rule: "gazetteer"}
			}
			weak = &c
		}
		letter, rank, atEnd := nameSectorRank(k)
		if governmentPart(k, letter, atEnd) {
			return "S", sectorBasis{rule: "government"}
		}
		if letter == "" || letter == "R" {
			if l := legalFormLetter(org); l != "" {
				return l, sectorBasis{rule: "legal_form"}
			}
		}
		if letter != "" {
			return letter, sectorBasis{"name", rank}
		}
	}
	var found textFound
	found.scan(text)
	if l := ownOffer(org, text, found.verbs); l != "" {
		return l, sectorBasis{rule: "offer"}
	}
	best, bestRank, bestN := "", 0, 0
	w := 0 // the first word of rule r in textWords
	for _, r := range textRules {
		n := 0
		for range r.words {
			n += found.count[w]
			w++
		}
		// The regexp is the costly part of the text rules: run it only when
		// the text has the characters a department name needs.
		if r.letter == "S" {
			n += departmentsWeight(text, found.marks)
		}
		if n > bestN {
			best, bestRank, bestN = r.letter, r.rank, n
		}
	}
	if bestN >= textMinTotal {
		return best, sectorBasis{"text", bestRank}
	}
	if weak != nil {
		return weak.letter, sectorBasis{rule: "gazetteer_weak"}
	}
	return "", sectorBasis{}
}

// industryWords are sector/industry_words.tsv: for a TSE industry that
// holds businesses of several JSIC groups, the words of a company's name
// that give its group (その他製品 holds the newspapers: 新聞 is G).
var industryWords = func() map[string][]ruleWord {
	industries := map[string]bool{}
	for _, r := range rules.Table(fileIndustries, 3) {
		industries[r.Fields[0]] = true
	}
	m := map[string][]ruleWord{}
	for _, r := range rules.Table(fileIndustryWords, 3) {
		rules.Must(r.CheckJSIC(2))
		if !industries[r.Fields[0]] {
			panic(fmt.Errorf("rules: %s: industry %q is not one of %s", r.Pos(), r.Fields[0], fileIndustries))
		}
		m[r.Fields[0]] = append(m[r.Fields[0]], ruleWord{letter: r.Fields[2], word: r.Fields[1]})
	}
	return m
}()

// industryWordSector is the sector industry_words.tsv gives a company of
// industry whose name key is k: the first line of the industry whose word
// the key holds; "" when none does.
func industryWordSector(industry, k string) string {
	for _, w := range industryWords[industry] {
		if strings.Contains(k, w.word) {
			return w.letter
		}
	}
	return ""
}

// gazetteerCompany is a company of rules/gazetteer/companies.tsv: its
// sector, and whether its industry gives it only by default (weak).
type gazetteerCompany struct {
	letter string
	weak   bool
}

// gazetteerCompanies are the listed and EDINET companies by organization
// key. A key that two companies of different sectors share says nothing
// and is left out.
var gazetteerCompanies = sync.OnceValue(func() map[string]gazetteerCompany {
	g, err := rules.LoadGazetteers()
	rules.Must(err)
	m := make(map[string]gazetteerCompany, len(g.Companies))
	ambiguous := map[string]bool{}
	for _, c := range g.Companies {
		k := OrgKey(c.Name)
		if k == "" || ambiguous[k] {
			continue
		}
		if l := industryWordSector(c.Industry, k); l != "" {
			c.JSIC, c.Weak = l, false
		}
		if prev, ok := m[k]; ok && prev.letter != c.JSIC {
			delete(m, k)
			ambiguous[k] = true
			continue
		}
		m[k] = gazetteerCompany{c.JSIC, c.Weak}
	}
	return m
})

// textWords indexes the words of textRules in order (nRuleWords of them),
// then departmentMarks, then the verbs of own_offers.tsv (from
// firstOfferVerb): one walk over a text finds them all, where
// strings.Index would walk it once per word.
var textWords = func() *wordscan.Index {
	var words []string
	for _, r := range textRules {
		words = append(words, r.words...)
	}
	if len(words) > maxTextWords {
		panic(fmt.Errorf("rules: %s: %d words, more than the %d stages/enrich/sector.go has room for (maxTextWords)", fileTextRules, len(words), maxTextWords))
	}
	words = append(words, departmentMarks...)
	return wordscan.New(append(words, offerParts["verb"]...))
}()

// nRuleWords is how many words of textWords are text rules' words;
// firstOfferVerb is the index of the first offer verb.
var (
	nRuleWords     = len(textWords.Words()) - len(departmentMarks) - len(offerParts["verb"])
	firstOfferVerb = nRuleWords + len(departmentMarks)
)

// headMarks and tailMarks are the bits of textFound.marks for the
// department marks a department name needs (部 or 局, then 課 or 室).
var (
	headMarks = uint(1)<<nHeadMarks - 1
	tailMarks = (uint(1)<<len(departmentMarks) - 1) &^ headMarks
)

// sectionBits are the bits of textFound.marks of the section marks, each
// of which is a tail mark too.
var sectionBits = func() uint {
	var b uint
	for _, m := range sectionMarks {
		i := slices.Index(departmentMarks[nHeadMarks:], m)
		if i < 0 {
			panic(fmt.Errorf("rules: %s: section mark %q is not a tail mark", fileDepartmentMarks, m))
		}
		b |= 1 << (nHeadMarks + i)
	}
	return b
}()

// The numbers of rules/sector/settings.tsv.
var (
	textMinTotal            = sectorSettings.Int("text_min_total")
	ownWordWeight           = sectorSettings.Int("own_word_weight")
	departmentMax           = sectorSettings.Int("department_max")
	departmentWeight        = sectorSettings.Int("department_weight")
	departmentSubjectWeight = sectorSettings.Int("department_subject_weight")
)

// careOf are the public_care.tsv exceptions of each word of textWords.
// An exception of a word that is not a text rule's is an error.
var careOf = func() (out [maxTextWords][]careException) {
	words := textWords.Words()
	for _, c := range publicCare {
		i := slices.Index(words[:nRuleWords], c.word)
		if i < 0 {
			panic(fmt.Errorf("rules: %s: %q is not a word of %s", filePublicCare, c.word, fileTextRules))
		}
		out[i] = append(out[i], c)
	}
	return out
}()

// maxTextWords bounds the words of textRules, for arrays indexed by word.
const maxTextWords = 128

// textFound is what scan found: for each word of textRules its
// occurrences, each weighted by occurrenceWeight, which departmentMarks
// occur, and where the verbs of own_offers.tsv do.
type textFound struct {
	count [maxTextWords]int
	marks uint
	verbs []wordscan.Hit // Word indexes offerParts["verb"]
}

// scan counts the words of textRules in text in one walk. Occurrences
// of one word do not overlap: the next is looked for after the end of the
// last, as strings.Index from there would find it.
func (f *textFound) scan(text string) {
	var next [maxTextWords]int // where an occurrence of a word may start: occurrences do not overlap
	words := textWords.Words()
	textWords.Each(text, func(at, w int) {
		if w >= firstOfferVerb {
			if len(f.verbs) < maxOfferStatements {
				f.verbs = append(f.verbs, wordscan.Hit{Word: w - firstOfferVerb, At: at})
			}
			return
		}
		if w >= nRuleWords {
			f.marks |= 1 << (w - nRuleWords)
			return
		}
		if at < next[w] {
			return
		}
		next[w] = at + len(words[w])
		f.count[w] += occurrenceWeight(text, at, words[w], careOf[w])
	})
}

// ownWords precede a word of what the organization itself does or runs:
// 「弊社のローン」, 「弊社オンラインショップ」, 「当協会が運営する通販サイト」.
var ownWords = rules.Words(fileOwnWords)

// occurrenceWeight is what the occurrence of w at text[i:] counts: twice
// where the text says the organization itself offers it, not at all for a
// 介護 that names public insurance or a care provider the text deals with,
// else once.
func occurrenceWeight(text string, i int, w string, care []careException) int {
	for _, c := range care {
		if c.after && strings.HasPrefix(text[i+len(w):], c.context) || !c.after && strings.HasSuffix(text[:i], c.context) {
			return 0
		}
	}
	for _, o := range ownWords {
		if strings.HasSuffix(text[:i], o) {
			return ownWordWeight
		}
	}
	return 1
}

// departmentsWeight is what a government's departments in text add to S:
// each department (部 or 局, then 課 or 室), and more where it is its
// sentence's subject; with none, a section named alone that is the
// subject of its sentence (「このたび、健康づくり課において」) counts as a
// department that is one, unless an own word of department_subject.tsv
// opens it (当院医事課, 本学学務課: the section of a hospital or a university) or it holds a particle
// (名簿は健康づくり課: the sentence's subject is 名簿). marks are
// textFound.marks.
// The regexps are the costly part of the text rules: they run only when
// the text has the marks a department needs.
func departmentsWeight(text string, marks uint) int {
	n := 0
	if marks&headMarks != 0 && marks&tailMarks != 0 {
		for _, loc := range departmentRE.FindAllStringIndex(text, departmentMax) {
			n += departmentWeight
			if deptSubject(text, loc[0], loc[1]) {
				n += departmentSubjectWeight
			}
		}
	}
	if n > 0 || marks&sectionBits == 0 || !sectionBeforeParticle(text) {
		return n
	}
	for _, loc := range sectionRE.FindAllStringIndex(text, departmentMax) {
		section := text[loc[0]:loc[1]]
		if deptSubject(text, loc[0], loc[1]) && !hasAnyPrefix(section, departmentSubject["own"]) && !containsAny(section, departmentSubject["not_in_section"]) {
			return departmentWeight + departmentSubjectWeight
		}
	}
	return 0
}

// sectionBeforeParticle reports whether a section mark in text is followed
// by a particle of department_subject.tsv, as every section that is its
// sentence's subject is: most texts have none, and skip sectionRE.
func sectionBeforeParticle(text string) bool {
	for _, m := range sectionMarks {
		for rest := text; ; {
			i := strings.Index(rest, m)
			if i < 0 {
				break
			}
			rest = rest[i+len(m):]
			if hasAnyPrefix(rest, departmentSubject["particle"]) {
				return true
			}
		}
	}
	return false
}

// deptSubject reports whether the department at text[i:j] opens a
// sentence as its subject, as a government's section does when it reports
// its own incident: 「総務部安全安心課におきまして」, 「この度、○○部○○課において」.
func deptSubject(text string, i, j int) bool {
	before := strings.TrimSuffix(text[:i], "、")
	for _, o := range departmentSubject["opener"] {
		before = strings.TrimSuffix(before, o)
	}
	if before != "" && !strings.HasSuffix(before, "\n") && !strings.HasSuffix(before, "。") && !strings.HasSuffix(before, " ") {
		return false
	}
	return hasAnyPrefix(text[j:], departmentSubject["particle"])
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
