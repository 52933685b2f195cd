package organization

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The name patterns read kanji, katakana and Latin only: a company whose
// name has hiragana in it (株式会社しまむら, くら寿司株式会社, いすゞ自動車株式会社)
// gave no name or its tail (寿司株式会社), and hiragana after a legal form is as
// often a particle as a name. The gazetteer's companies with hiragana in
// their names, written in full with their legal form, are found as they
// are.

// hiraganaCompanyIndex finds the gazetteer's companies whose names, legal
// form kept, hold hiragana (rules/gazetteer/companies.tsv).
var hiraganaCompanyIndex = sync.OnceValue(func() *wordscan.Index {
	g, err := rules.LoadGazetteers()
	if err != nil {
		panic(fmt.Errorf("rules: companies: %w", err))
	}
	var names []string
	for _, c := range g.Companies {
		if strings.IndexFunc(c.Name, isHiragana) >= 0 && strings.IndexFunc(c.Name, func(r rune) bool {
			return !isNameRune(r) && !isHiragana(r)
		}) < 0 && (startsWithLegalForm(c.Name) || endsInLegalForm(c.Name)) {
			names = append(names, c.Name)
		}
	}
	return wordscan.New(names)
})

// hiraganaCompanyFirstRunes are the runes that hiraganaCompanyIndex's
// names begin with.
var hiraganaCompanyFirstRunes = sync.OnceValue(func() map[rune]bool {
	out := map[rune]bool{}
	for _, name := range hiraganaCompanyIndex().Words() {
		r, _ := utf8.DecodeRuneInString(name)
		out[r] = true
	}
	return out
})

// hiraganaCompanyOpening is the hiragana-named company that s opens with,
// the longest (hiraganaCompanies' first when it is at 0), "" for none:
// only s that opens with a rune a name begins with is scanned.
func hiraganaCompanyOpening(s string) string {
	if r, _ := utf8.DecodeRuneInString(s); !hiraganaCompanyFirstRunes()[r] {
		return ""
	}
	if hs := hiraganaCompanies(s); len(hs) > 0 && hs[0].at == 0 {
		return hs[0].name
	}
	return ""
}

// isHiragana is unicode.Is(unicode.Hiragana, r), the common block read
// without the table.
func isHiragana(r rune) bool {
	return r >= 0x3041 && r <= 0x3096 || r >= 0x309D && r <= 0x309F || r > 0xFFFF && unicode.Is(unicode.Hiragana, r)
}

// runeWidth is the length of the UTF-8 sequence that opens with byte c
// (1 for a byte no sequence opens with).
func runeWidth(c byte) int {
	switch {
	case c < 0xC0:
		return 1
	case c < 0xE0:
		return 2
	case c < 0xF0:
		return 3
	}
	return 4
}

// nameSpan is a name found at bytes [at, end) of a text.
type nameSpan struct {
	name    string
	at, end int
}

// hiraganaCompanies are the gazetteer's hiragana-named companies in s, the
// longest at each position, none inside an earlier one.
func hiraganaCompanies(s string) []nameSpan {
	x := hiraganaCompanyIndex()
	var out []nameSpan
	x.Each(s, func(at, w int) {
		name := x.Words()[w]
		if n := len(out); n > 0 && at < out[n-1].end {
			if at == out[n-1].at && at+len(name) > out[n-1].end {
				out[n-1] = nameSpan{name, at, at + len(name)}
			}
			return
		}
		out = append(out, nameSpan{name, at, at + len(name)})
	})
	return out
}

// within reports whether bytes [at, end) lie inside one of spans.
func within(spans []nameSpan, at, end int) bool {
	for _, sp := range spans {
		if at >= sp.at && end <= sp.end {
			return true
		}
	}
	return false
}

// hiraganaWords are hiragana_names.tsv by kind: the particles that may
// open a run of hiragana before a name or follow one, the runs that are
// grammar whole, and the ends of runs that are grammar.
var hiraganaWords = func() map[string][]string {
	out := map[string][]string{}
	for _, r := range rules.Table(orgFile("hiragana_names.tsv"), 2) {
		k := text.KindOf(r, "form", "particle", "function_word", "function_tail")
		out[k] = append(out[k], r.Fields[0])
	}
	return out
}()

// hiraganaNameSuffixes are the suffixes a name with hiragana in it may end
// with (suffixes.tsv header, less the places: いわき市 is the gazetteer's),
// of two runes or more (社 ends 弊社 of 「いつも弊社を」).
var hiraganaNameSuffixes = func() []string {
	var out []string
	for _, s := range orgSuffixes {
		if !slices.Contains(placeSuffixes, s) && utf8.RuneCountInString(s) >= 2 {
			out = append(out, s)
		}
	}
	return out
}()

// hiraganaNameSuffixIndex finds hiraganaNameSuffixes in the name
// characters after a run of hiragana, in one walk.
var hiraganaNameSuffixIndex = wordscan.New(hiraganaNameSuffixes)

// hiraganaNameForms open a name whose hiragana ends it: the leading legal
// forms and hiragana_names.tsv's forms.
var hiraganaNameForms = slices.Concat(legalFirstForms, hiraganaWords["form"])

// hiraganaNameFormFirstBytes are the bytes hiraganaNameForms begin with.
var hiraganaNameFormFirstBytes = text.FirstBytes(hiraganaNameForms)

// Bounds of the hiragana run in a name (hiraganaPatternNames) and of the
// name characters around it.
const (
	hiraganaNameMinRunes = 2
	hiraganaNameMaxRunes = 6
	// hiraganaFormNameMaxRunes bounds the run after a legal form, which the
	// form and a particle or a bracket bound too: 株式会社さくらさくみらい.
	hiraganaFormNameMaxRunes = 10
	hiraganaNameRunMax       = 16 // name characters before the run or after it
)

// hiraganaPatternNames are the names in s that hold a run of hiragana
// (hiragana_names.tsv): a run between name characters, or a boundary, and
// a name that ends in a suffix (「県立所沢おおぞら特別支援学校において」,
// 「いわき市のひまわり信用金庫が」), and a run after a leading legal form
// and its name characters that ends the name before a bracket, a comma,
// a space or a particle (「生活協同組合コープおきなわ(浦添市)」,
// 「「有限会社なごみ」です」). Names that open with a local government
// are the gazetteer's to read.
func hiraganaPatternNames(s string) []nameSpan {
	var out []nameSpan
	for i := 0; i < len(s); {
		if s[i] != 0xE3 {
			// Hiragana is U+3041–U+309F, three bytes opening with 0xE3: any
			// other rune is passed over by its first byte, not decoded.
			i += runeWidth(s[i])
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isHiragana(r) {
			i += size
			continue
		}
		end := hiraganaRunEnd(s, i)
		n := utf8.RuneCountInString(s[i:end])
		if n < hiraganaNameMinRunes || n > hiraganaFormNameMaxRunes+1 {
			i = end // a particle alone, or a clause: no name's (one particle may open or close the run)
			continue
		}
		if sp, ok := hiraganaBeforeSuffix(s, i, end); ok && n <= hiraganaNameMaxRunes+1 {
			out = append(out, sp)
		} else if sp, ok := hiraganaAfterForm(s, i, end); ok {
			out = append(out, sp)
		}
		i = end
	}
	return out
}

// hiraganaNameOpening is the name with hiragana in it that l opens with
// (hiraganaPatternNames' first, when it starts l), "" for none: only the
// first run of hiragana is read, and only when name characters alone
// stand before it.
func hiraganaNameOpening(l string) string {
	at := 0
	for at < len(l) {
		r, size := utf8.DecodeRuneInString(l[at:])
		if isHiragana(r) {
			break
		}
		if !isNameRune(r) {
			return ""
		}
		at += size
	}
	if at == len(l) {
		return ""
	}
	if hs := hiraganaPatternNames(l[:min(len(l), at+hiraganaOpeningReach)]); len(hs) > 0 && hs[0].at == 0 {
		return hs[0].name
	}
	return ""
}

// hiraganaOpeningReach bounds the bytes after a line's first hiragana that
// hiraganaNameOpening reads: the run and a name's tail after it.
const hiraganaOpeningReach = 3 * (hiraganaFormNameMaxRunes + 2 + hiraganaNameRunMax + 1)

// hiraganaBeforeSuffix reads s[at:end], a run of hiragana, as the middle
// of a name that a suffix ends: the name characters after it up to the
// last suffix among them, and the name characters before it (県立所沢)
// unless the run opens with a particle after them (いわき市の).
func hiraganaBeforeSuffix(s string, at, end int) (nameSpan, bool) {
	if r, _ := utf8.DecodeRuneInString(s[end:]); !isNameRune(r) || text.HasSuffixAny(s[at:end], hiraganaWords["function_tail"]) {
		return nameSpan{}, false // no name characters after the run, or grammar (において, していた)
	}
	tail := leadingNameRun(s[end:], hiraganaNameRunMax)
	cut := 0
	hiraganaNameSuffixIndex.Each(tail, func(i, w int) {
		cut = max(cut, i+len(hiraganaNameSuffixes[w]))
	})
	if cut == 0 || text.HasSuffixAny(tail[:cut], notSuffixWords) {
		return nameSpan{}, false
	}
	run := s[at:end]
	start := at
	if prev, _ := utf8.DecodeLastRuneInString(s[:at]); at > 0 && isNameRune(prev) {
		if p := particleOpening(run); p != "" && prev != '立' {
			run = run[len(p):] // 「いわき市のひまわり信用金庫」: the name begins after の
			start += len(p)
		} else {
			before := withoutDateHead(trailingNameRun(s[:at], hiraganaNameRunMax))
			if wordAcross(s[at-len(before):end], len(before)) {
				return nameSpan{}, false // 子ども of 福祉部子ども家庭局: a word's kana, not a name's
			}
			start -= len(before)
		}
	}
	if !hiraganaNamePart(run) {
		return nameSpan{}, false
	}
	name := s[start : end+cut]
	if gov := localGovernmentPrefix(name); len(gov) > end-len(run)-start || isGeneric(name) || isOutside(name) {
		return nameSpan{}, false // いわき市立…: the hiragana is the government's, whose name the gazetteer reads
	}
	return nameSpan{name, start, end + cut}, true
}

// wordAcross reports whether a word of the dictionary in s runs across
// byte at: the kanji before at and the hiragana after it are one word
// (子ども, 取り扱い), the kana of a common word, not a name's own. The
// tokens' surfaces run over s in order; a word the dictionary does not
// know tells nothing (a coined name is one token whole).
func wordAcross(s string, at int) bool {
	pos := 0
	for _, m := range text.Morphs(s) {
		end := pos + len(m.Surface)
		if pos < at && end > at && !m.Unknown {
			return true
		}
		pos = end
	}
	return false
}

// hiraganaAfterForm reads s[at:end], a run of hiragana, as the end of a
// name that a leading legal form opens (生活協同組合コープおきなわ): the form
// and any name characters stand right before it, and a bracket, a comma,
// a space or a particle before one stands right after it.
func hiraganaAfterForm(s string, at, end int) (nameSpan, bool) {
	head := trailingNameRun(s[:at], hiraganaNameRunMax+8)
	if head == "" || !hiraganaNameFormFirstBytes[head[0]] {
		return nameSpan{}, false // no form opens the name characters before the run
	}
	n := text.LongestPrefix(head, hiraganaNameForms)
	if n == 0 {
		return nameSpan{}, false
	}
	start := at - len(head)
	run := s[at:end]
	if !(hiraganaBoundary(s[end:]) && formNamePart(run)) {
		p := particleEnding(run)
		if p == "" {
			return nameSpan{}, false
		}
		run = run[:len(run)-len(p)] // 「有限会社なごみが、」: the particle follows the name
		end -= len(p)
		if !particleFollows(s[end:]) {
			return nameSpan{}, false
		}
	}
	named := s[start+n : at]
	if named != "" && particleOpening(run) != "" {
		return nameSpan{}, false // 「株式会社ABCのほか」: grammar after the name
	}
	if !formNamePart(run) {
		return nameSpan{}, false
	}
	return nameSpan{s[start:end], start, end}, true
}

// formNamePart is hiraganaNamePart for a run after a legal form, which the
// form and what follows bound: up to hiraganaFormNameMaxRunes runes.
func formNamePart(run string) bool {
	n := utf8.RuneCountInString(run)
	return n >= hiraganaNameMinRunes && n <= hiraganaFormNameMaxRunes &&
		!text.HasSuffixAny(run, hiraganaWords["function_word"]) && !text.HasSuffixAny(run, hiraganaWords["function_tail"])
}

// hiraganaNamePart reports whether run, hiragana, may be part of a name:
// of hiraganaNameMinRunes to hiraganaNameMaxRunes runes, ending in no
// function word (なかったことから) and no function tail (hiragana_names.tsv).
func hiraganaNamePart(run string) bool {
	n := utf8.RuneCountInString(run)
	return n >= hiraganaNameMinRunes && n <= hiraganaNameMaxRunes &&
		!text.HasSuffixAny(run, hiraganaWords["function_word"]) && !text.HasSuffixAny(run, hiraganaWords["function_tail"])
}

// particleOpening is the particle run opens with when more than one rune
// follows it, "" for none.
func particleOpening(run string) string {
	for _, p := range hiraganaWords["particle"] {
		if rest, ok := strings.CutPrefix(run, p); ok && utf8.RuneCountInString(rest) >= hiraganaNameMinRunes {
			return p
		}
	}
	return ""
}

// particleEnding is the particle run ends with, "" for none.
func particleEnding(run string) string {
	for _, p := range hiraganaWords["particle"] {
		if strings.HasSuffix(run, p) && len(p) < len(run) {
			return p
		}
	}
	return ""
}

// particleFollows reports whether rest opens with a particle and then a
// rune that is no hiragana: 「なごみが、」, not 「なごみがある」.
func particleFollows(rest string) bool {
	for _, p := range hiraganaWords["particle"] {
		if after, ok := strings.CutPrefix(rest, p); ok {
			r, _ := utf8.DecodeRuneInString(after)
			return after == "" || !isHiragana(r)
		}
	}
	return false
}

// hiraganaBoundary reports whether rest opens where a name ends: the end
// of the text, a bracket, a comma, a full stop or a space.
func hiraganaBoundary(rest string) bool {
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return strings.ContainsRune("」』)(【】、。,. \n", r)
}

// withoutDateHead is run less a date glued before the name in it (a
// dateline whose space was dropped: 「27日医療法人社団青葉会」): what
// follows its last digit and the unit after that digit.
func withoutDateHead(run string) string {
	i := strings.LastIndexAny(run, "0123456789")
	if i < 0 {
		return run
	}
	rest := run[i+1:]
	if r, size := utf8.DecodeRuneInString(rest); strings.ContainsRune("年月日号", r) {
		rest = rest[size:]
	}
	return rest
}

// leadingNameRun is the name characters s opens with, at most max runes.
func leadingNameRun(s string, max int) string {
	n, i := 0, 0
	for i < len(s) && n < max {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isNameRune(r) {
			break
		}
		i += size
		n++
	}
	return s[:i]
}

// trailingNameRun is the name characters s ends with, at most max runes.
func trailingNameRun(s string, max int) string {
	n, i := 0, len(s)
	for i > 0 && n < max {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !isNameRune(r) {
			break
		}
		i -= size
		n++
	}
	return s[i:]
}
