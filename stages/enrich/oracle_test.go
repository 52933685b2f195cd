package enrich

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// The oracle: Sector as it was before the one-pass word count, with a
// strings.Index per word. Sector must agree with it.

func (s *Sectors) sectorOracle(org, text string) string {
	if org != "" {
		k := OrgKey(org)
		if l, ok := s.known[k]; ok {
			return l
		}
		if c, ok := gazetteerCompanies()[k]; ok && !c.weak {
			return c.letter
		}
		letter, rank := nameSectorOracle(k)
		if governmentPartOracle(k, letter, letter != "" && nameEndsOracle(k)) || departmentOfficeOracle(k, text) {
			return "S"
		}
		if letter == "" || letter == "R" {
			name := normalize.Compact(org)
			for _, f := range legalFormSectors {
				if strings.Contains(name, f.form) {
					return f.letter
				}
			}
		}
		if letter != "" {
			if rank == nameOfferRank {
				if l := ownOfferOracle(org, text); l != "" {
					return l
				}
			}
			return letter
		}
	}
	if l := ownOfferOracle(org, text); l != "" {
		return l
	}
	best, bestN := "", 0
	for _, r := range textRules {
		n := 0
		for _, w := range r.words {
			n += min(countWordOracle(text, w), textWordMax)
		}
		if r.letter == "S" {
			d := 0
			for _, loc := range departmentRE.FindAllStringIndex(text, departmentMax) {
				d += departmentWeight
				if deptSubject(text, loc[0], loc[1]) {
					d += departmentSubjectWeight
				}
			}
			if d == 0 {
				for _, loc := range sectionRE.FindAllStringIndex(text, departmentMax) {
					own := false
					for _, o := range departmentSubject["own"] {
						own = own || strings.HasPrefix(text[loc[0]:], o)
					}
					for _, c := range departmentSubject["not_in_section"] {
						own = own || strings.Contains(text[loc[0]:loc[1]], c)
					}
					if deptSubject(text, loc[0], loc[1]) && !own {
						d = departmentWeight + departmentSubjectWeight
						break
					}
				}
			}
			n += d
			for f, form := range governmentSelfForms {
				for from := 0; ; {
					i := strings.Index(text[from:], form)
					if i < 0 {
						break
					}
					if f < nSelfNames || opensPhrase(text, from+i) {
						n += governmentSelfWeight
					}
					from += i + len(form)
				}
			}
		}
		if n > bestN {
			best, bestN = r.letter, n
		}
	}
	if bestN >= textMinTotal {
		return best
	}
	if c, ok := gazetteerCompanies()[OrgKey(org)]; ok && org != "" {
		return c.letter
	}
	return ""
}

// ownOfferOracle is ownOffer with a strings.Index per verb, noun and
// text word.
func ownOfferOracle(org, text string) string {
	type verbAt struct{ at, verb int }
	var found []verbAt
	for v, w := range offerParts["verb"] {
		for from := 0; ; {
			i := strings.Index(text[from:], w)
			if i < 0 {
				break
			}
			found = append(found, verbAt{from + i, v})
			from += i + 1
		}
	}
	slices.SortFunc(found, func(a, b verbAt) int { return cmp.Or(a.at-b.at, a.verb-b.verb) })
	found = found[:min(len(found), maxOfferStatements)]
	votes := map[string]int{}
	var order []string
	names := offerNamesOracle(org)
	vote := func(letter string) {
		if votes[letter] == 0 {
			order = append(order, letter)
		}
		votes[letter]++
	}
	for _, f := range found {
		if !offerBySelfOracle(org, text[:f.at]) {
			if qualifiesNameOracle(names, text[f.at+len(offerParts["verb"][f.verb]):]) {
				if l := sectorBeforeOracle(text[:f.at]); l != "" {
					vote(l)
				}
			}
			continue
		}
		after := text[f.at+len(offerParts["verb"][f.verb]):]
		if i := strings.IndexAny(after, "。\n"); i >= 0 {
			after = after[:i]
		}
		if r := []rune(after); len(r) > offerObjectReach {
			after = string(r[:offerObjectReach])
		}
		at, noun := -1, offerNoun{}
		for _, n := range offerNouns {
			if i := strings.Index(after, n.noun); i >= 0 && (at < 0 || i < at || i == at && len(n.noun) > len(noun.noun)) {
				at, noun = i, n
			}
		}
		if at < 0 {
			continue
		}
		letter := noun.letter
		object, bestLen := after[:at+len(noun.noun)], 0
		for _, r := range textRules {
			for _, w := range r.words {
				if strings.Contains(object, w) && len(w) > bestLen {
					letter, bestLen = r.letter, len(w)
				}
			}
		}
		vote(letter)
	}
	if l := describedSectorOracle(names, text); l != "" {
		vote(l)
	}
	best := ""
	for _, l := range order { // the first stated wins a tie
		if best == "" || votes[l] > votes[best] {
			best = l
		}
	}
	return best
}

// offerNamesOracle is offerNames removing every legal word in turn.
func offerNamesOracle(org string) []string {
	if org == "" {
		return nil
	}
	core := strings.TrimSpace(withoutLegalWordsInTurn(org))
	if core == org || len([]rune(core)) < 2 {
		return []string{org}
	}
	return []string{org, core}
}

// qualifiesNameOracle is qualifiesName comparing bytes.
func qualifiesNameOracle(names []string, after string) bool {
	after = strings.TrimLeft(after, " 　")
	for _, f := range legalWords {
		if strings.HasPrefix(after, f) {
			after = after[len(f):]
			break
		}
	}
	for _, n := range names {
		if len(after) >= len(n) && after[:len(n)] == n {
			return true
		}
	}
	return false
}

// sectorBeforeOracle is sectorBefore with a strings.LastIndex per noun.
func sectorBeforeOracle(before string) string {
	if i := strings.LastIndexAny(before, "。\n"); i >= 0 {
		before = strings.TrimPrefix(strings.TrimPrefix(before[i:], "。"), "\n")
	}
	var starts []int
	for i := range before {
		starts = append(starts, i)
	}
	if len(starts) > offerObjectReach {
		before = before[starts[len(starts)-offerObjectReach]:]
	}
	at, end, letter := -1, -1, ""
	for _, n := range offerNouns {
		if i := strings.LastIndex(before, n.noun); i >= 0 && (i > at || i == at && i+len(n.noun) > end) {
			at, end, letter = i, i+len(n.noun), n.letter
		}
	}
	if at < 0 {
		return ""
	}
	object, bestLen := before[:end], 0
	for _, r := range textRules {
		for _, w := range r.words {
			if strings.Contains(object, w) && len(w) > bestLen {
				letter, bestLen = r.letter, len(w)
			}
		}
	}
	return letter
}

// describedSectorOracle is describedSector reading the object before a
// bracketed name with sectorBeforeOracle.
func describedSectorOracle(names []string, text string) string {
	return describedSectorBy(names, text, sectorBeforeOracle)
}

// nameEndsOracle reports whether the name rule that gave k its letter
// ends k: the best-scoring word, as nameSectorOracle scores them.
func nameEndsOracle(k string) bool {
	bestScore, end := 0, false
	for _, r := range nameRules {
		for _, w := range r.words {
			n := len([]rune(w))
			if strings.HasSuffix(k, w) && n+1 > bestScore {
				bestScore, end = n+1, true
			} else if !strings.HasSuffix(k, w) && n > 1 && strings.Contains(k, w) && n > bestScore {
				bestScore, end = n, false
			}
		}
	}
	return end
}

// departmentOfficeOracle is departmentOffice as a pattern: k ends in a
// tail mark and follows, in text, two kanji or kana, a head mark and
// spaces.
func departmentOfficeOracle(k, text string) bool {
	tails := strings.Join(departmentMarks[nHeadMarks:], "")
	if k == "" || !strings.ContainsAny(string([]rune(k)[len([]rune(k))-1]), tails) {
		return false
	}
	heads := regexp.QuoteMeta(strings.Join(departmentMarks[:nHeadMarks], ""))
	return regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}]{2}[` + heads + `][ 　]*` + regexp.QuoteMeta(k)).MatchString(text)
}

// governmentPartOracle is governmentPart trying every local government's
// name as a prefix of k.
func governmentPartOracle(k, letter string, atEnd bool) bool {
	for _, m := range sectionMarks {
		if !atEnd && strings.HasSuffix(k, m) && len([]rune(k)) > 2 {
			return true
		}
	}
	for _, b := range governmentParts["bureau"] {
		tails := regexp.QuoteMeta(strings.Join(departmentMarks[nHeadMarks:], ""))
		if !atEnd && regexp.MustCompile(`^.{2,}?`+regexp.QuoteMeta(b)+`.{2,}[`+tails+`]$`).MatchString(k) {
			return true
		}
	}
	longest := ""
	for name := range governmentNames() {
		if len(name) > len(longest) && strings.HasPrefix(k, name) && len([]rune(name)) <= maxGovernmentRunes {
			longest = name
		}
	}
	if longest == "" {
		return false
	}
	rest := k[len(longest):]
	if letter == "" || letter == "R" {
		for _, b := range governmentParts["body"] {
			if strings.HasSuffix(rest, b) && len(rest) > len(b) {
				return true
			}
		}
	}
	if atEnd {
		return false
	}
	for _, o := range governmentParts["opens"] {
		if strings.HasPrefix(rest, o) && len(rest) > len(o) {
			return true
		}
	}
	for _, e := range governmentParts["ends"] {
		if strings.HasSuffix(rest, e) && len(rest) > len(e) {
			return true
		}
	}
	return false
}

// offerBySelfOracle is offerBySelf reading the whole sentence before the
// verb.
func offerBySelfOracle(org, before string) bool {
	// A definition in brackets right before the particle is left out:
	// 「株式会社○○(以下、「当社」といいます)が」.
	if m := regexp.MustCompile(`\(以下[^)]*\)([^)]*)$`).FindStringSubmatchIndex(before); m != nil && len([]rune(before[m[2]:])) <= offerSubjectReach {
		before = before[:m[0]] + before[m[2]:]
	}
	if i := strings.LastIndexAny(before, "。\n"); i >= 0 {
		before = before[i+len(string([]rune(before[i:])[:1])):]
	}
	for _, s := range append([]string{org}, offerSubjects...) {
		if i := strings.LastIndex(before, s); s != "" && i >= 0 && len([]rune(before[i+len(s):])) <= offerSubjectReach {
			return true
		}
	}
	return false
}

// nameSectorOracle is nameSectorRank scoring every word of every rule
// with strings.HasSuffix and strings.Contains: the letter and the rank of
// the rule that decides, "" and 0 for none.
func nameSectorOracle(k string) (letter string, rank int) {
	bestScore := 0
	for _, r := range nameRules {
		for _, w := range r.words {
			n := len([]rune(w))
			score := 0
			switch {
			case strings.HasSuffix(k, w):
				score = n + 1
			case n > 1 && strings.Contains(k, w):
				score = n
			}
			if score > bestScore {
				letter, rank, bestScore = r.letter, r.rank, score
			}
		}
	}
	return letter, rank
}

func countWordOracle(text, w string) int {
	n := 0
	for from := 0; ; {
		i := strings.Index(text[from:], w)
		if i < 0 {
			return n
		}
		i += from
		from = i + len(w)
		if publicCareOracle(text, i, w) {
			continue
		}
		weight := 1
		for _, o := range ownWords {
			if strings.HasSuffix(text[:i], o) {
				weight = ownWordWeight
				break
			}
		}
		n += weight
	}
}

// publicCareOracle reports whether public_care.tsv voids the occurrence
// of w at text[i:].
func publicCareOracle(text string, i int, w string) bool {
	for _, c := range publicCare {
		if c.word != w {
			continue
		}
		if c.after && strings.HasPrefix(text[i+len(w):], c.context) || !c.after && strings.HasSuffix(text[:i], c.context) {
			return true
		}
	}
	return false
}

// oracleOrgs are organization names for the comparison: the bundled table's
// and a few that only the name rules or nothing decide.
func oracleOrgs() []string {
	orgs := append([]string{"", "アイフル株式会社", "ANYCOLOR株式会社", "青森県健康福祉部", "弘前市立病院", "弘前市立子育て支援センター", "札幌市中央区保健福祉部", "北海道架空新聞社", "八戸市"}, benchOrgs...)
	for _, r := range rules.Table(fileOrganizations, 2) {
		orgs = append(orgs, r.Fields[0])
	}
	return orgs
}

func TestSectorMatchesOracle(t *testing.T) {
	s := NewSectors()
	texts := sampleNotices(t)
	// Lines and sentences too: short texts where one word decides.
	for _, n := range sampleNotices(t) {
		texts = append(texts, strings.Split(n, "\n")...)
		texts = append(texts, strings.Split(n, "。")...)
	}
	orgs := oracleOrgs()
	for i, text := range texts {
		for _, org := range []string{"", orgs[i%len(orgs)]} {
			if got, want := s.Sector(org, text), s.sectorOracle(org, text); got != want {
				t.Errorf("Sector(%q, %.80q) = %q, oracle %q", org, text, got, want)
			}
		}
	}
	for _, org := range orgs {
		letter, rank, _ := nameSectorRank(OrgKey(org))
		if wantLetter, wantRank := nameSectorOracle(OrgKey(org)); letter != wantLetter || rank != wantRank {
			t.Errorf("nameSectorRank(%q) = %q rank %d, oracle %q rank %d", org, letter, rank, wantLetter, wantRank)
		}
	}
}

// FuzzSectorOracle: Sector agrees with the oracle on any organization and
// text.
func FuzzSectorOracle(f *testing.F) {
	f.Add("", "福祉部高齢支援課におきまして、居宅介護支援事業所に介護保険の被保険者番号と要介護度を含む名簿を誤送信しました。")
	f.Add("株式会社架空", "弊社のローンなど弊社オンラインショップ当協会が運営する通販サイト介護介護介護")
	f.Add("架空市", "市民市民市民\xff本市")
	f.Add("住宅経営室", "代表連絡先 住宅まちづくり部 住宅経営室経営管理課\n住宅経営室において")
	f.Add("架空エコー株式会社", "架空エコー株式会社が運営する「X」サイト。弊社が提供するサービス、当社が運営するホテル、当社が運営している通販サイト\n当社が運営するホテル")
	f.Add("架空テック株式会社", "クラウドによる労務管理サービス「X」を提供している架空テック株式会社は、通販サイト「架空テック」の\xff運営する株式会社架空テック")
	for _, n := range sampleNotices(f) {
		f.Add("", n[:min(len(n), 1500)])
	}
	s := NewSectors()
	f.Fuzz(func(t *testing.T, org, text string) {
		if got, want := s.Sector(org, text), s.sectorOracle(org, text); got != want {
			t.Fatalf("Sector(%q, %q) = %q, oracle %q", org, text, got, want)
		}
	})
}
