package organization

import (
	"github.com/breachtrend/breachtrend/rules"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// serviceNouns name a body's own site, shop or app (service_nouns.tsv).
var serviceNouns = rules.Words(orgFile("service_nouns.tsv"))

// The three ways a notice names its own service: 「X」ウェブサイト;
// 弊社ウェブサイト(X) or 当社が運営する通販サイト「X」; and 「X」において
// opening a sentence. X is a quoted or bracketed name of up to
// name_line_max_runes characters.
var (
	quotedServiceRE = regexp.MustCompile(`「([^「」、。]{1,64})」(?:` + text.Alternation(serviceNouns) + `)`)
	ownServiceRE    = regexp.MustCompile(`(?:` + text.Alternation(selfAliases) + `)(?:の|が運営する|が運営している|運営の)?[^、。「」()]{0,12}?(?:` +
		text.Alternation(serviceNouns) + `)[「(]([^「」()、。]{1,64})[」)]`)
	quotedSubjectRE = regexp.MustCompile(`^「([^「」、。]{1,64})」(?:` + text.Alternation(subjectMarkers) + `)`)
)

// serviceName is the name of the notice's own web site, shop or app, for
// a notice that names no body: the shop 「カミ商店」 of 「カミ商店」サイトにて
// or 弊社ウェブサイト(Kami Shop). The earliest sentence that names one
// decides; a quoted subject counts in the first subject_sentences only.
func serviceName(sents []text.Sentence) (string, string) {
	for k, s := range sents {
		if !strings.ContainsAny(s.Text, "「(") {
			continue
		}
		for _, re := range []*regexp.Regexp{quotedServiceRE, ownServiceRE} {
			for _, m := range re.FindAllStringSubmatch(s.Text, -1) {
				if name := serviceNameOK(m[1]); name != "" {
					return name, s.Text
				}
			}
		}
		if k >= subjectSentences {
			continue // a quoted subject opens one of the first sentences
		}
		if m := quotedSubjectRE.FindStringSubmatch(dropOpeners(s.Text)); m != nil {
			if name := serviceNameOK(m[1]); name != "" {
				return name, s.Text
			}
		}
	}
	return "", ""
}

// serviceNameOK returns name, trimmed, when it reads as a coined name: a
// few words with a katakana or Latin letter in them, a word kagome does not
// know or tags as a proper noun (not 「会員サイト」, 「お問い合わせ」), no
// sentence punctuation and no generic or outside body's name.
func serviceNameOK(name string) string {
	name = strings.TrimSpace(name)
	if name == "" || text.RuneCountTo(name, nameLineMaxRunes+1) > nameLineMaxRunes ||
		utf8.RuneCountInString(name) < nameMinRunes || isGeneric(name) || isOutside(name) {
		return ""
	}
	coined := false
	for _, r := range name {
		if unicode.Is(unicode.Hiragana, r) {
			return "" // a phrase, not a name: 「よくあるご質問」
		}
		if unicode.Is(unicode.Katakana, r) || r < 0x80 && unicode.IsLetter(r) {
			coined = true
		}
	}
	if !coined || !slices.ContainsFunc(text.Morphs(name), func(m text.Morph) bool { return m.Unknown || m.ProperPOS }) {
		return ""
	}
	return name
}
