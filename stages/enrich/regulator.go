package enrich

import (
	"regexp"

	"github.com/breachtrend/breachtrend/rules"
	"strings"
	"unicode/utf8"
)

// regulators are the bodies that publish notices about breaches at the
// organizations they supervise (rules/organization/regulators.tsv): a
// notice by one of them about another body is that body's incident, not
// the regulator's.
var regulators = rules.Words(fileRegulators)

// isRegulator reports whether the organization key names a regulator or
// supervisor (a 財務局 of 金融庁, a prefecture's 総合通信局 included).
func isRegulator(key string) bool {
	for _, r := range regulators {
		if strings.HasSuffix(key, r) {
			return true
		}
	}
	return false
}

// supervisedRE finds the body a regulator's notice is about: 「トヨタ自動車株式会社
// による個人データの漏えい等事案に対する…行政上の対応」, 「X株式会社に対する指導」,
// 「X株式会社に対する勧告について」. The name runs back to a space or
// punctuation.
//
// The words after による and に対する are rules/organization/supervision.tsv.
var supervisedRE = func() *regexp.Regexp {
	w := wordsByColumn(fileSupervision, "kind", "leak", "action")
	return regexp.MustCompile(`([^\s、。「」『』()【】:]{2,40}?)(?:による[^。\n]{0,30}?` + alternation(w["leak"]) +
		`|に対する(?:[^。\n]{0,20}?)` + alternation(w["action"]) + `)`)
}()

// supervisedSpan is how many bytes of a regulator's notice are read: the
// title and the opening say whom it is about.
var supervisedSpan = linkSettings.Int("supervised_span")

// SupervisedBody returns the organization a regulator's notice (title and
// text) is about, when the regulator is org and the notice names another
// body that looks like an organization; "" otherwise, as for a ministry's
// notice of its own breach.
func SupervisedBody(org, title, text string) string {
	if org == "" || !isRegulator(OrgKey(org)) {
		return ""
	}
	head := title + "\n" + text
	if len(head) > supervisedSpan {
		n := supervisedSpan
		for n > 0 && !utf8.RuneStart(head[n]) {
			n--
		}
		head = head[:n]
	}
	for _, m := range supervisedRE.FindAllStringSubmatch(head, -1) {
		name := strings.TrimPrefix(m[1], org)
		for _, r := range regulators {
			name = strings.TrimPrefix(name, r)
		}
		if k := OrgKey(name); k != "" && !isRegulator(k) && looksLikeOrganization(name) {
			return name
		}
	}
	return ""
}

// looksLikeOrganization reports whether name reads as an organization's:
// it has a legal form, is a known organization, or ends with a word the
// sector rules know (大学, 病院, 市, 銀行…).
func looksLikeOrganization(name string) bool {
	for _, w := range legalWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	k := OrgKey(name)
	if _, ok := bundledSectors.known[k]; ok {
		return true
	}
	return nameSector(k) != ""
}

// bundledSectors is the bundled table of known organizations.
var bundledSectors = NewSectors()
