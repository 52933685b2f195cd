package enrich

import (
	"fmt"
	"strings"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/rules"

	"github.com/breachtrend/breachtrend/stages/normalize"
)

// legalWords are removed from names before they are compared, in this
// order (a longer form before one it contains): the forms of
// rules/organization/legal_forms.tsv marked key.
var legalWords = legalFormsWhere(func(f legalForm) bool { return f.key })

// legalWordScan finds which legal words a key holds, in one pass: most
// names hold one or none, and removing each of the words in turn searched
// the key once a word.
var legalWordScan = wordscan.New(legalWords)

// withoutLegalWords is k with each of legalWords removed in turn (every
// occurrence, as strings.ReplaceAll), trying only the words that k holds:
// a removal may join two pieces into a word that k did not hold, so the
// words held are found again after each.
func withoutLegalWords(k string) string {
	held := legalWordScan.Present(k)
	for i, w := range legalWords {
		if !held.Has(i) {
			continue
		}
		if rest := strings.ReplaceAll(k, w, ""); rest != k {
			k = rest
			held = legalWordScan.Present(k)
		}
	}
	return k
}

// abbreviations are the shortened forms of a name's words that notices
// use for one body, mapped to the full form
// (rules/organization/abbreviations.tsv). They apply to the end or the
// inside of a key: 北海道大病院 and 北海道大学病院 are one hospital, as are
// 群馬大学医学部附属病院 and 群馬大学病院.
var abbreviations = func() []struct{ short, full string } {
	var out []struct{ short, full string }
	for _, r := range rules.Table(fileAbbreviations, 2) {
		out = append(out, struct{ short, full string }{r.Fields[0], r.Fields[1]})
	}
	return out
}()

// aliases maps the key of a known variant of a name (an abbreviation, a
// former or informal name) to the key of the name it stands for
// (rules/organization/aliases.tsv).
var aliases = func() map[string]string {
	m, err := readAliases(rules.Table(fileAliases, 2))
	rules.Must(err)
	return m
}()

// readAliases reads variant, canonical rows; an error names the row's
// file and line.
func readAliases(rows []rules.Row) (map[string]string, error) {
	m := map[string]string{}
	for _, r := range rows {
		v, c := baseKey(r.Fields[0]), baseKey(r.Fields[1])
		if v == "" || c == "" || v == c {
			return nil, fmt.Errorf("rules: %s: want a variant and its canonical name, two different names as keys, got %q and %q", r.Pos(), v, c)
		}
		m[v] = c
	}
	return m, nil
}

// OrgKey is the comparable form of an organization's name, used to link
// reports and to group incidents by organization: NFKC, no spaces, no
// legal-form words, abbreviations spelled out and known variants mapped
// to one name (rules/organization/aliases.tsv). Two names with one key are one body; the
// display name stays as the notice wrote it.
func OrgKey(name string) string {
	k := baseKey(name)
	if c, ok := aliases[k]; ok {
		return c
	}
	return k
}

// baseKey is OrgKey without the aliases.
func baseKey(name string) string {
	k := withoutLegalWords(normalize.Compact(name))
	for _, a := range abbreviations {
		if i := strings.Index(k, a.short); i > 0 {
			k = k[:i] + a.full + k[i+len(a.short):]
			break
		}
	}
	return k
}
