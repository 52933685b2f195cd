package enrich

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/rules"
)

// Sectors decides an organization's JSIC major group, in this order: a
// table of known organizations, the gazetteer of companies
// (rules/gazetteer/companies.tsv) where its industry maps to one sector,
// a local government's parts, the words of the name (a legal form that
// tells the sector where they give none or only R), what the text says
// the organization runs or sells (ownOffer), the words of the text, and
// last the gazetteer's default sector of an industry that spans several
// (サービス業 → R).
type Sectors struct {
	known map[string]string
	// loads counts the calls of Load, so that a memo of sectors (the
	// Enricher's) knows the table changed.
	loads int
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
	s.loads++
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
// and whether a word of its letter ends the name.
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
	if !atEnd && letter != "" {
		// A shorter word of the same letter may end the name: 医療センター
		// wins in 神戸市立医療センター中央市民病院, and 病院 ends it.
		for _, w := range nameWords {
			if w.letter == letter && strings.HasSuffix(k, w.word) {
				atEnd = true
				break
			}
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
// table, the gazetteer, a part of a local government (governmentPart) or a
// legal form (legalFormLetter), both reported as name rules, a name rule
// or a text rule (with its rank), what the organization says it offers
// (ownOffer, reported as a text rule), or none.
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
		if l := describedOffer(org, text); l != "" {
			// What a report says the body is, right before its name
			// (「イタリアンレストランチェーンの「サイゼリヤ」」), tells more
			// than a listed company's industry (EDINET files restaurant
			// chains under retail).
			return l, sectorBasis{rule: "offer"}
		}
		if c, ok := gazetteerCompanies()[k]; ok {
			if !c.weak {
				return c.letter, sectorBasis{rule: "gazetteer"}
			}
			weak = &c
		}
		letter, rank, atEnd := nameSectorRank(withoutFormOpening(k))
		if governmentPart(k, letter, atEnd) || departmentOffice(k, text) {
			return "S", sectorBasis{rule: "government"}
		}
		if letter == "" || letter == "R" {
			if l := legalFormLetter(org); l != "" {
				return l, sectorBasis{rule: "legal_form"}
			}
		}
		if letter != "" {
			if rank == nameOfferRank {
				// A generic word of a name (デジタル, ネット, システム) says
				// less than what the notice says the body runs: デジタル
				// ダイレクト's 「当社が運営する通販サイト」.
				var found textFound
				found.scan(text)
				if l := ownOffer(org, text, found.verbs); l != "" {
					return l, sectorBasis{rule: "offer"}
				}
			}
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
			n += min(found.count[w], textWordMax)
			w++
		}
		if r.letter == "S" {
			n += departmentsWeight(text, found.marks) + found.self
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

// textWords indexes the words of textRules in order (nRuleWords of them),
// then departmentMarks, then the verbs of own_offers.tsv (from
// firstOfferVerb), then governmentSelfForms (from firstSelfForm): one
// walk over a text finds them all, where
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
	words = append(words, offerParts["verb"]...)
	return wordscan.New(append(words, governmentSelfForms...))
}()

// nRuleWords is how many words of textWords are text rules' words;
// firstOfferVerb is the index of the first offer verb, firstSelfForm that
// of the first of governmentSelfForms.
var (
	nRuleWords     = len(textWords.Words()) - len(departmentMarks) - len(offerParts["verb"]) - len(governmentSelfForms)
	firstOfferVerb = nRuleWords + len(departmentMarks)
	firstSelfForm  = firstOfferVerb + len(offerParts["verb"])
)

// governmentSelfForms are the names of government_self.tsv (the first
// nSelfNames), then its kinds each with each of its particles: 本市 …
// 本都, 県が, 県は … 区として.
var governmentSelfForms, nSelfNames = func() ([]string, int) {
	parts := wordsByColumn(fileGovernmentSelf, "role", "name", "kind", "particle")
	forms := slices.Clone(parts["name"])
	for _, k := range parts["kind"] {
		for _, p := range parts["particle"] {
			forms = append(forms, k+p)
		}
	}
	return forms, len(parts["name"])
}()

// opensPhrase reports whether text[at:] opens a phrase: at the start of
// the text or after a rune that is no letter or digit.
func opensPhrase(text string, at int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:at])
	return at == 0 || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// headMarks and tailMarks are the bits of textFound.marks for the
// department marks a department name needs (部 or 局, then 課 or 室).
var (
	headMarks = uint(1)<<nHeadMarks - 1
	tailMarks = (uint(1)<<len(departmentMarks) - 1) &^ headMarks
)

// The numbers of rules/sector/settings.tsv.
var (
	textMinTotal            = sectorSettings.Int("text_min_total")
	textWordMax             = sectorSettings.Int("text_word_max")
	ownWordWeight           = sectorSettings.Int("own_word_weight")
	governmentSelfWeight    = sectorSettings.Int("government_self_weight")
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
const maxTextWords = 192

// textFound is what scan found: for each word of textRules its
// occurrences, each weighted by occurrenceWeight, which departmentMarks
// occur, and where the verbs of own_offers.tsv do.
type textFound struct {
	count [maxTextWords]int
	marks uint
	self  int            // governmentSelfForms (a kind's where it opens a phrase), each governmentSelfWeight
	verbs []wordscan.Hit // Word indexes offerParts["verb"]
}

// scan counts the words of textRules in text in one walk. Occurrences
// of one word do not overlap: the next is looked for after the end of the
// last, as strings.Index from there would find it.
func (f *textFound) scan(text string) {
	var next [maxTextWords]int // where an occurrence of a word may start: occurrences do not overlap
	words := textWords.Words()
	textWords.Each(text, func(at, w int) {
		if w >= firstSelfForm {
			if w < firstSelfForm+nSelfNames || opensPhrase(text, at) {
				f.self += governmentSelfWeight
			}
			return
		}
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
