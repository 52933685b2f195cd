package enrich

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/runes"
	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/rules"
)

// What a notice says its organization itself runs, provides or sells
// (「当社が運営する通販サイト」, 「弊社が提供する「○○」サービス」) tells
// its sector more directly than the words the rest of the text uses, which
// also name what its customers or partners do: a platform for web shops
// writes of shops and their orders, but provides a service.

// offerParts are the subject and verb words of sector/own_offers.tsv; a
// subject may stand up to offerSubjectReach characters before the verb, in
// its sentence. textWords finds the verbs.
var offerParts = wordsByColumn(fileOwnOffers, "part", "subject", "verb")

// maxOfferStatements bounds the verbs of offering read in one text, which
// bounds the work on a text that repeats one (a cost bound, not a rule:
// real notices state a few).
const maxOfferStatements = 64

// longestOfferSubject is the length in bytes of the longest subject word.
var longestOfferSubject = func() int {
	n := 0
	for _, s := range offerParts["subject"] {
		n = max(n, len(s))
	}
	return n
}()

var (
	offerSubjects     = offerParts["subject"]
	offerSubjectReach = sectorSettings.Int("offer_subject_reach")
	offerObjectReach  = sectorSettings.Int("offer_object_reach")
	// nameOfferRank is the rank of name_rules.tsv whose words give way to
	// what the notice says the organization runs (settings.tsv).
	nameOfferRank = sectorSettings.Int("name_offer_rank")
)

// offerNoun is a line of sector/offer_nouns.tsv: a noun of what is run or
// sold, and the sector that running or selling it is.
type offerNoun struct{ noun, letter string }

// offerNouns are sector/offer_nouns.tsv, longest first, so that at one
// position the longest noun is found first (ウェブサイト before ウェブ).
var offerNouns = func() []offerNoun {
	var out []offerNoun
	seen := map[string]string{}
	for _, r := range rules.Table(fileOfferNouns, 2) {
		rules.Must(r.CheckJSIC(1))
		if first, dup := seen[r.Fields[0]]; dup {
			panic(fmt.Errorf("rules: %s: %q is already on %s", r.Pos(), r.Fields[0], first))
		}
		seen[r.Fields[0]] = r.Pos()
		out = append(out, offerNoun{r.Fields[0], r.Fields[1]})
	}
	slices.SortStableFunc(out, func(a, b offerNoun) int { return len(b.noun) - len(a.noun) })
	return out
}()

var offerNounIndex = func() *wordscan.Index {
	words := make([]string, len(offerNouns))
	for i, n := range offerNouns {
		words[i] = n.noun
	}
	return wordscan.New(words)
}()

// ownOffer is the sector of what the text says the organization runs,
// provides or sells: after a verb of own_offers.tsv whose subject is the
// organization (an own word such as 当社, or its name), the first noun of
// offer_nouns.tsv within offer_object_reach characters in the sentence
// ends the object. A news report puts the object first and the verb
// before the name it qualifies (「労務管理サービスを提供している○○株式会社」),
// or the noun right before the name in brackets (「電子チケット販売
// プラットフォーム「○○」」): the object is then the text before, to the
// last noun of offer_nouns.tsv. A word of the text rules inside the object is more
// specific than the noun and gives the sector (当社が運営する通販サイト is
// I by 通販サイト, not G by サイト); else the noun does. Each statement is a
// vote; the letter with most votes wins, the first stated on a tie. ""
// when the text states none.
// verbs are where the verbs occur in text (textFound.verbs).
func ownOffer(org, text string, verbs []wordscan.Hit) string {
	var votes []string
	names := offerNames(org)
	for _, v := range verbs {
		after := text[v.At+len(offerParts["verb"][v.Word]):]
		l := ""
		switch {
		case offerBySelf(org, text[:v.At]):
			l = offeredSector(after)
		case qualifiesName(names, after):
			l = sectorBefore(text[:v.At])
		}
		if l != "" {
			votes = append(votes, l)
		}
	}
	if l := describedSector(names, text); l != "" {
		votes = append(votes, l)
	}
	best, bestN := "", 0
	for _, l := range votes {
		if n := countOf(votes, l); n > bestN {
			best, bestN = l, n
		}
	}
	return best
}

func countOf(xs []string, x string) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}

// offerBySelf reports whether before, the text up to a verb, ends with the
// organization as the verb's subject: an own word or the organization's
// name in the verb's sentence, at most offerSubjectReach characters before
// it (「弊社では、運営する」, 「当社グループが提供する」).
func offerBySelf(org, before string) bool {
	// Only the subject's own bytes and offerSubjectReach characters before
	// the verb matter: a long sentence is not read back to its start.
	before = withoutDefinition(before)
	if w := offerSubjectReach*utf8.UTFMax + max(len(org), longestOfferSubject); len(before) > w {
		before = before[len(before)-w:] // may begin inside a rune, where no subject begins
	}
	if i := strings.LastIndexAny(before, "。\n"); i >= 0 {
		_, n := utf8.DecodeRuneInString(before[i:])
		before = before[i+n:]
	}
	near := func(s string) bool {
		i := strings.LastIndex(before, s)
		return i >= 0 && utf8.RuneCountInString(before[i+len(s):]) <= offerSubjectReach
	}
	if org != "" && near(org) {
		return true
	}
	for _, s := range offerSubjects {
		if near(s) {
			return true
		}
	}
	return false
}

// withoutDefinition is before less the definition in brackets that closes
// right before the verb's particle: 「株式会社○○(以下、「当社」といいます)が
// 販売する」 has the name as the subject, the definition between (its 。
// too, 「…という。)」, ends no sentence). Another aside stays: 「弊社関連会社
// (FINUX)が提供する」 is the related company's offer, not the notifier's.
func withoutDefinition(before string) string {
	end := strings.LastIndex(before, ")")
	if end < 0 || utf8.RuneCountInString(before[end+1:]) > offerSubjectReach {
		return before
	}
	open := strings.LastIndex(before[:end], "(")
	if open < 0 || !strings.HasPrefix(before[open+1:], "以下") {
		return before
	}
	return before[:open] + before[end+1:]
}

// offeredSector reads the object after a verb of offering: the text up to
// the end of the first offer noun, within offerObjectReach characters and
// the sentence. "" when no noun is there.
func offeredSector(after string) string {
	after = runes.Prefix(after, offerObjectReach)
	if i := strings.IndexAny(after, "。\n"); i >= 0 {
		after = after[:i]
	}
	end, letter := -1, ""
	offerNounIndex.Each(after, func(at, w int) {
		if end < 0 {
			end, letter = at+len(offerNouns[w].noun), offerNouns[w].letter
		}
	})
	if end < 0 {
		return ""
	}
	if l := longestTextWord(after[:end]); l != "" {
		return l
	}
	return letter
}

// longestTextWord is the letter of the longest word of the text rules in
// object, the first on equal lengths; "" when it holds none.
func longestTextWord(object string) string {
	words := textWords.Words()
	best, bestLen := "", 0
	textWords.Each(object, func(_, w int) {
		if w < nRuleWords && len(words[w]) > bestLen {
			best, bestLen = textWordLetter[w], len(words[w])
		}
	})
	return best
}

// textWordLetter is the letter of each word of textWords that is a text
// rule's.
var textWordLetter = func() []string {
	var out []string
	for _, r := range textRules {
		for range r.words {
			out = append(out, r.letter)
		}
	}
	return out
}()

// maxDescribedNames bounds the bracketed names describedSector reads (a
// cost bound: a report describes its subject once or twice).
const maxDescribedNames = 8

// offerNames are the forms of the organization's name a news report puts
// after a verb of offering or in brackets: the name, and the name without
// its legal form when at least two characters are left (ワークスタイルテック
// for ワークスタイルテック株式会社). None for no organization.
func offerNames(org string) []string {
	if org == "" {
		return nil
	}
	names := []string{org}
	if core := strings.TrimSpace(withoutLegalWords(org)); core != org && utf8.RuneCountInString(core) >= 2 {
		names = append(names, core)
	}
	return names
}

// qualifiesName reports whether after, the text after a verb of offering,
// opens with one of the organization's names (a legal form may come
// first): the verb qualifies the organization, which offers what the text
// before the verb says.
func qualifiesName(names []string, after string) bool {
	after = strings.TrimLeft(after, " 　")
	for _, f := range legalWords {
		if rest, ok := strings.CutPrefix(after, f); ok {
			after = rest
			break
		}
	}
	for _, n := range names {
		if strings.HasPrefix(after, n) {
			return true
		}
	}
	return false
}

// sectorBefore reads an object that stands before its verb of offering,
// within offerObjectReach characters and the sentence: its last noun of
// offer_nouns.tsv gives the sector, or a word of the text rules up to that
// noun, which is more specific. "" when no noun is there.
func sectorBefore(before string) string {
	// Only the object's reach matters: a long sentence is not read back to
	// its start.
	if w := offerObjectReach * utf8.UTFMax; len(before) > w {
		before = before[len(before)-w:] // may begin inside a rune, where no noun begins
	}
	if i := strings.LastIndexAny(before, "。\n"); i >= 0 {
		_, n := utf8.DecodeRuneInString(before[i:])
		before = before[i+n:]
	}
	if n := utf8.RuneCountInString(before); n > offerObjectReach {
		before = before[len(runes.Prefix(before, n-offerObjectReach)):]
	}
	at, end, letter := -1, -1, ""
	offerNounIndex.Each(before, func(i, w int) {
		if i > at || i == at && i+len(offerNouns[w].noun) > end {
			at, end, letter = i, i+len(offerNouns[w].noun), offerNouns[w].letter
		}
	})
	if end < 0 {
		return ""
	}
	if l := longestTextWord(before[:end]); l != "" {
		return l
	}
	return letter
}

// describedSector is the sector of a noun of offer_nouns.tsv that stands
// right before one of the organization's names in brackets
// (「電子チケット販売プラットフォーム「○○」」): the name is that offer's. ""
// when no bracketed name follows one.
func describedSector(names []string, text string) string {
	return describedSectorBy(names, text, sectorBefore)
}

// describedSectorBy is describedSector reading the object before a
// bracketed name with object (sectorBefore; the oracle's own in its test).
func describedSectorBy(names []string, text string, object func(before string) string) string {
	read := 0
	for _, n := range names {
		quoted := "「" + n + "」"
		for from := 0; read < maxDescribedNames; read++ {
			i := strings.Index(text[from:], quoted)
			if i < 0 {
				break
			}
			before := text[:from+i]
			from += i + len(quoted)
			if !endsInOfferNoun(before) {
				continue
			}
			if l := object(before); l != "" {
				return l
			}
		}
	}
	return ""
}

// endsInOfferNoun reports whether s ends with a noun of offer_nouns.tsv.
func endsInOfferNoun(s string) bool {
	for _, o := range offerNouns {
		if strings.HasSuffix(s, o.noun) {
			return true
		}
	}
	return false
}

// descriptorEnds end the words that say what the body is, right before its
// name (sector/descriptor_ends.tsv: の, である, を行う).
var descriptorEnds = rules.Words(fileDescriptorEnds)

// legalFormBefore is the legal form (organization/legal_forms.tsv, key
// yes) that ends s (株式会社 of 「…を行う株式会社」, when the organization is
// named without it), or "".
func legalFormBefore(s string) string {
	for _, f := range legalWords {
		if strings.HasSuffix(s, f) {
			return f
		}
	}
	return ""
}

// describedOffer is the sector of what a report says the organization is,
// in the words it puts before the name: 「イタリアンレストランチェーンの
// 「サイゼリヤ」」, 「大手旅行会社である○○」. The words run back from の or
// である before the name's first mention (an opening 「 between allowed)
// to the start of their phrase (a comma, a full stop, a bracket or a line
// break), at most offer_object_reach characters; the last noun of
// offer_nouns.tsv in them gives the sector. "" when none does.
func describedOffer(org, text string) string {
	if org == "" {
		return ""
	}
	i := strings.Index(text, org)
	if i < 0 {
		return ""
	}
	before := strings.TrimSuffix(text[:i], "「")
	before = strings.TrimSuffix(before, legalFormBefore(before)) // 「…を行う株式会社イシクラ」
	cut := false
	for _, end := range descriptorEnds {
		if b, ok := strings.CutSuffix(before, end); ok {
			before, cut = b, true
			break
		}
	}
	if !cut {
		return ""
	}
	if j := strings.LastIndexAny(before, "、。,「」()\n"); j >= 0 {
		_, size := utf8.DecodeRuneInString(before[j:])
		before = before[j+size:]
	}
	if before == "" || utf8.RuneCountInString(before) > offerObjectReach {
		return ""
	}
	letter, at := "", -1
	for _, n := range offerNouns {
		if k := strings.LastIndex(before, n.noun); k > at {
			letter, at = n.letter, k
		}
	}
	return letter
}
