package organization

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The last routes of Find, for a notice that names no body by a legal
// form, a suffix it repeats or a gazetteer: a quoted name with a suffix,
// the notice's own service by its name, a board named without its place.

// quotedName is a body's whole name in quotes, 「大戸まちづくり協議会」: a
// name (hiragana inside it too, which the quotes bound) ending in a suffix
// of a line that is a token of its own. Quotes mark a proper name, so once is enough.
func quotedName(sents []text.Sentence, masks []text.RuneMask) (string, string) {
	for k, s := range sents {
		if !quoteList.InMask(s.Text, masks[k]) {
			continue
		}
		if name := quotedNameIn(s.Text); name != "" {
			return name, s.Text
		}
	}
	return "", ""
}

// quotedNameIn is the first quoted name of sentence s, "" for none.
func quotedNameIn(s string) string {
	for at := 0; ; {
		i := text.IndexWord(s[at:], "「")
		if i < 0 {
			return ""
		}
		at += i + len("「")
		j := text.IndexWord(s[at:], "」")
		if j < 0 {
			return ""
		}
		name := s[at : at+j]
		if name == "" || text.RuneCountTo(name, nameLineMaxRunes+1) > nameLineMaxRunes || strings.IndexFunc(name, notQuotedNameRune) >= 0 ||
			strings.ContainsAny(name, "0123456789") || startsWithLegalForm(name) || endsInLegalForm(name) {
			continue
		}
		if companyQuoted(s[at+j+len("」"):]) && !isGeneric(name) && !isOutside(name) {
			return name // 「日東製網」社が、…: news quotes a company's name and calls it 社
		}
		if !nameLike(name) {
			continue
		}
		if suf := longestSuffix(name, lineSuffixes); suf != "" && text.SpansOf(name).SuffixOnBoundary(len(name), len(suf)) {
			return name
		}
	}
}

// companyQuoted reports whether after, the text after a quoted name, calls
// it a company as news does, 社 and a particle or a comma: 「…を製造開発
// する「中嶋製作所」社が、…と明らかにした」.
func companyQuoted(after string) bool {
	rest, ok := strings.CutPrefix(after, "社")
	return ok && text.HasPrefixAny(rest, quotedCompanyParticles)
}

// notQuotedNameRune reports whether r cannot be part of a quoted name: the
// quotes bound it, so hiragana is name (まちづくり) as well as kanji,
// katakana and Latin.
func notQuotedNameRune(r rune) bool { return !isNameRune(r) && !unicode.Is(unicode.Hiragana, r) }

// serviceWords are service_nouns.tsv by kind: the site words, the links
// between a self-reference and a site word, and the words saying the body
// runs the service.
var serviceWords = func() map[string][]string {
	out := map[string][]string{}
	rows := rules.Table(orgFile("service_nouns.tsv"), 2)
	text.UniqueKeys(rows, 1)
	for _, r := range rows {
		k := text.KindOf(r, "site", "link", "runs")
		out[k] = append(out[k], r.Fields[0])
	}
	return out
}()

// The three ways a notice names its own service: 「X」ウェブサイト;
// 弊社ウェブサイト(X), 当社が運営する通販サイト「X」 or 弊社が運営する「X」;
// and 「X」において
// opening a sentence. X is a quoted or bracketed name of up to
// name_line_max_runes characters.
var (
	quotedServiceRE = regexp.MustCompile(`「([^「」、。]{1,64})」(?:` + text.Alternation(serviceWords["site"]) + `)`)
	ownServiceRE    = regexp.MustCompile(`(?:` + text.Alternation(selfAliases) + `)(?:(?:` +
		text.Alternation(append(slices.Clone(serviceWords["link"]), serviceWords["runs"]...)) + `)?[^、。「」()]{0,12}?(?:` +
		text.Alternation(serviceWords["site"]) + `)|` + text.Alternation(serviceWords["runs"]) + `)[「(]([^「」()、。]{1,64})[」)]`)
	quotedSubjectRE = regexp.MustCompile(`^「([^「」、。]{1,64})」(?:` + text.Alternation(subjectMarkers) + `)`)
)

// serviceName is the name of the notice's own web site, shop or app, for
// a notice that names no body: the shop 「カミ商店」 of 「カミ商店」サイトにて
// or 弊社ウェブサイト(Kami Shop). The earliest sentence that names one
// decides; a quoted subject counts in the first subject_sentences only.
func serviceName(sents []text.Sentence, masks []text.RuneMask) (string, string) {
	for k, s := range sents {
		if !quoteOpenList.InMask(s.Text, masks[k]) {
			continue
		}
		if name := serviceNameIn(s.Text, k); name != "" {
			return name, s.Text
		}
	}
	return "", ""
}

// siteLastRunes are the runes a site word of service_nouns.tsv ends with.
var siteLastRunes = text.NewRuneSet(text.LastRuneOfEach(serviceWords["site"]))

// titleServiceName is the shop or site that opens the title line with
// its site word (「西光亭ネットショップへの不正アクセスによる…」 gives 西光亭),
// for a notice that names no body: the name less its site word
// (service_nouns.tsv site), of a name's length, no hiragana, opening with
// no self word (当社ECサイト), no generic or outside body's, and a proper
// noun or a word the tokenizer does not know in it.
func titleServiceName(lines []string) (string, string) {
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		run := leadingRun(l)
		if last, _ := utf8.DecodeLastRuneInString(run); !siteLastRunes.Has(last) {
			return "", "" // most titles open with no site's name: one lookup, not a word list
		}
		site := longestSuffix(run, serviceWords["site"])
		if site == "" || len(site) == len(run) {
			return "", ""
		}
		name := strings.TrimSuffix(run, site)
		if text.RuneCountTo(name, nameLineMaxRunes+1) > nameLineMaxRunes || utf8.RuneCountInString(name) < nameMinRunes ||
			text.HasPrefixAny(name, selfAliases) || isGeneric(name) || isOutside(name) || strings.ContainsAny(name, "0123456789") ||
			!slices.ContainsFunc(text.Morphs(name), func(m text.Morph) bool { return m.Unknown || m.ProperPOS }) {
			return "", ""
		}
		return name, l
	}
	return "", ""
}

// greetingRE reads a greeting that names the body (greetings.tsv): the
// name is its submatch.
var greetingRE, greetingVerbs, greetingProducts = func() (*regexp.Regexp, []string, []string) {
	part := rules.MustParts(rules.Table(orgFile("greetings.tsv"), 2), []string{"opener", "particle", "warmth", "verb", "product"})
	return regexp.MustCompile(text.OrderedAlternation(part["opener"]) + `[、,]?\s?([^、。「」()\s]{2,40}?)(?:\([^()。]{1,40}\))?` +
		text.OrderedAlternation(part["particle"]) + text.OrderedAlternation(part["warmth"]) + `?` +
		text.OrderedAlternation(part["verb"])), part["verb"], part["product"]
}()

// greetingName is the body a notice's opening greeting thanks its readers
// for patronizing (greetingRE): 「いつも亀屋良長をご愛顧いただき」 is
// 亀屋良長's, a shop that names itself nowhere else; a site word after the
// name (全農ホームページ) is the body's own site, a product word its
// services (ヌーラボサービス, greetings.tsv product), and a bracket after it
// its products (「ヌーラボサービス(Backlog, Cacoo)を」). The name holds no
// hiragana, is no self word (弊社), generic or outside body, and holds a
// proper noun or a word the tokenizer does not know.
func greetingName(sents []text.Sentence) (string, string) {
	for k, s := range sents {
		if k >= subjectSentences {
			break
		}
		// Go's regexp has no literal to skip to in an alternation: it
		// tries greetingRE at every rune, the most of the organization
		// finder's time on a feed of one-sentence notices (0.58 of 2.3 s).
		if !text.ContainsAny(s.Text, greetingVerbs) {
			continue
		}
		m := greetingRE.FindStringSubmatch(s.Text)
		if m == nil {
			continue
		}
		name := m[1]
		if site := longestSuffix(name, serviceWords["site"]); site != "" && len(site) < len(name) {
			name = strings.TrimSuffix(name, site) // 「全農ホームページをご利用いただき」: the body's own site
		}
		if product := longestSuffix(name, greetingProducts); product != "" && len(product) < len(name) {
			name = strings.TrimSuffix(name, product) // 「ヌーラボサービスをご利用いただき」: the body's services
		}
		if strings.IndexFunc(name, isHiragana) >= 0 ||
			slices.Contains(selfAliases, name) || utf8.RuneCountInString(name) < nameMinRunes || isGeneric(name) || isOutside(name) ||
			!slices.ContainsFunc(text.Morphs(name), func(m text.Morph) bool { return m.Unknown || m.ProperPOS }) {
			continue
		}
		return name, s.Text
	}
	return "", ""
}

// serviceNameIn is the service sentence s, the k-th, names; "" for none.
func serviceNameIn(s string, k int) string {
	for _, re := range []*regexp.Regexp{quotedServiceRE, ownServiceRE} {
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			if name := serviceNameOK(m[1]); name != "" {
				return name
			}
		}
	}
	if k >= subjectSentences {
		return "" // a quoted subject opens one of the first sentences
	}
	if m := quotedSubjectRE.FindStringSubmatch(dropOpeners(s)); m != nil {
		return serviceNameOK(m[1])
	}
	return ""
}

// serviceNameOK returns name, trimmed, when it reads as a coined name (less
// a site word that ends it, service_nouns.tsv, when the rest is one): a
// few words with a katakana or Latin letter in them, a word kagome does not
// know or tags as a proper noun (not 「会員サイト」, 「お問い合わせ」), no
// sentence punctuation and no generic or outside body's name. A name with
// hiragana in it is a phrase, but for its part after its last の (「生涯
// 学習のユーキャン」 is ユーキャン's).
func serviceNameOK(name string) string {
	name = strings.TrimSpace(name)
	if site := longestSuffix(name, serviceWords["site"]); site != "" && len(site) < len(name) {
		if body := serviceNameOK(strings.TrimSuffix(name, site)); body != "" {
			return body // 「ビーグレンHP」: the body's own site, by the body's name
		}
	}
	if name == "" || text.RuneCountTo(name, nameLineMaxRunes+1) > nameLineMaxRunes ||
		utf8.RuneCountInString(name) < nameMinRunes || isGeneric(name) || isOutside(name) {
		return ""
	}
	coined := false
	for _, r := range name {
		if unicode.Is(unicode.Hiragana, r) {
			// 「生涯学習のユーキャン」: a tagline, の, then the coined name.
			if i := strings.LastIndex(name, "の"); i >= 0 {
				if tail := name[i+len("の"):]; strings.IndexFunc(tail, isHiragana) < 0 {
					return serviceNameOK(tail)
				}
			}
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

// unnamedBody is the body of unnamed_bodies.tsv (県教育委員会) that the text
// names first, for a notice that names no other: the board of the
// prefecture or city whose page it is. A longer name ending in the word
// (青葉県教育委員会) is not it. A blog header is the blogger's words, not
// the notice's: its board names no one.
func unnamedBody(header string, sents []text.Sentence, masks []text.RuneMask) (string, string) {
	for k, s := range sents {
		if !unnamedBodyList.InMask(s.Text, masks[k]) || addressCueList.InMask(s.Text, masks[k]) ||
			header != "" && strings.Contains(s.Text, header) {
			continue
		}
		if body := unnamedBodyIn(s.Text); body != "" {
			return body, s.Text
		}
	}
	return "", ""
}

// unnamedBodyIn is the earliest unnamed body of sentence s that no name
// character comes before, "" for none.
func unnamedBodyIn(s string) string {
	best, at := "", len(s)
	for _, w := range unnamedBodies {
		for i := range text.Occurrences(s, w) {
			if i >= at {
				break
			}
			if prev, _ := utf8.DecodeLastRuneInString(s[:i]); i == 0 || !isNameRune(prev) {
				best, at = w, i
				break
			}
		}
	}
	return best
}

// clientCues follow the client's name in a contractor's notice
// (client_cues.tsv).
var clientCues = text.LongestFirst(rules.Words(orgFile("client_cues.tsv")))

// The words the last routes look for, with their masks (MaskOf): a
// sentence's mask rules most of them out without a search. quoteOpenList
// are the brackets a service's name opens with.
var (
	quoteList       = text.NewWordList([]string{"「"})
	quoteOpenList   = text.NewWordList([]string{"「", "("})
	clientCueList   = text.NewWordList(clientCues)
	unnamedBodyList = text.NewWordList(unnamedBodies)
	addressCueList  = text.NewWordList(addressCues)
)

// clientName is the client that an unnamed contractor says it works for,
// 「当社が青葉区より受託している事業」: a local government of the gazetteer
// or a whole name (legal form or suffix) right before a client cue (the
// longest first, so that 様より受託 leaves 様 out of the name).
func clientName(sents []text.Sentence, masks []text.RuneMask) (string, string) {
	for k, s := range sents {
		if !clientCueList.InMask(s.Text, masks[k]) {
			continue
		}
		if name := clientNameIn(s.Text); name != "" {
			return name, s.Text
		}
	}
	return "", ""
}

// clientNameIn is the client sentence s names before a client cue, "" for
// none.
func clientNameIn(s string) string {
	for _, cue := range clientCues {
		for i := range text.Occurrences(s, cue) {
			run := trailingRun(s[:i])
			if run == "" || isGeneric(run) || isOutside(run) {
				continue
			}
			if localGovernments()[run] {
				return run
			}
			if org := wholeName(run); org == run {
				return org
			}
		}
	}
	return ""
}
