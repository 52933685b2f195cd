package enrich

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"

	"github.com/breachtrend/breachtrend/stages/normalize"
)

// legalWords are removed from names before they are compared.
var legalWords = []string{"株式会社", "(株)", "有限会社", "(有)", "合同会社", "学校法人", "国立大学法人", "公立大学法人",
	"地方独立行政法人", "独立行政法人", "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人",
	"医療法人社団", "医療法人財団", "医療法人", "社会福祉法人", "特定非営利活動法人"}

// abbreviations are the shortened forms of a name's words that notices
// use for one body, mapped to the full form. They apply to the end or
// the inside of a key: 北海道大病院 and 北海道大学病院 are one hospital,
// as are 群馬大学医学部附属病院 and 群馬大学病院.
var abbreviations = []struct{ short, full string }{
	{"大学医学部附属病院", "大学病院"},
	{"大学附属病院", "大学病院"},
	{"大附属病院", "大学病院"},
	{"大病院", "大学病院"},
}

//go:embed aliases.csv
var bundledAliases string

// aliases maps the key of a known variant of a name (an abbreviation, a
// former or informal name) to the key of the name it stands for.
var aliases = func() map[string]string {
	m, err := readAliases(strings.NewReader(bundledAliases), "aliases.csv")
	if err != nil {
		panic(err) // the bundled file is tested; this cannot happen
	}
	return m
}()

// readAliases reads "variant,canonical" lines (# comments allowed); name
// says where they come from in errors.
func readAliases(r io.Reader, name string) (map[string]string, error) {
	m := map[string]string{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		variant, canonical, ok := strings.Cut(t, ",")
		v, c := baseKey(variant), baseKey(canonical)
		if !ok || v == "" || c == "" || v == c {
			return nil, fmt.Errorf("%s:%d: want \"variant,canonical\" with two different names, got %q", name, line, t)
		}
		m[v] = c
	}
	return m, sc.Err()
}

// OrgKey is the comparable form of an organization's name, used to link
// reports and to group incidents by organization: NFKC, no spaces, no
// legal-form words, abbreviations spelled out and known variants mapped
// to one name (aliases.csv). Two names with one key are one body; the
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
	k := normalize.Compact(name)
	for _, w := range legalWords {
		k = strings.ReplaceAll(k, w, "")
	}
	for _, a := range abbreviations {
		if i := strings.Index(k, a.short); i > 0 {
			k = k[:i] + a.full + k[i+len(a.short):]
			break
		}
	}
	return k
}
