package enrich

import (
	"fmt"
	"strings"
	"sync"

	"github.com/breachtrend/breachtrend/rules"
)

// The gazetteer of listed and EDINET companies decides a company's sector
// by its TSE industry (rules/gazetteer/companies.tsv, tse_jsic.tsv), before
// the words of its name.

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
