package organization

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/rules"
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

func isHiragana(r rune) bool { return unicode.Is(unicode.Hiragana, r) }

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
