package organization

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// departmentParts are department_names.tsv's words by role.
var departmentParts = text.WordsByRole(rules.Table(orgFile("department_names.tsv"), 2), "role",
	"end", "particle", "label", "generic", "not_in_name", "not_first", "own", "self", "head_title", "kana_word")

// departmentLabels begin a line that labels the department, longest
// first (担当課等 before 担当課).
var departmentLabels = text.LongestFirst(departmentParts["label"])

// departmentMaxRunes bounds a department's name: a division and a section
// (人づくり・県民生活部生活安全課 is 15).
var departmentMaxRunes = orgWeight("department_max_runes")

// departmentName is the department of a government that reports a notice
// naming no body: the first sentence that opens with a department as its
// subject (「この度、企画部地域・離島課において…」), else the first line that
// labels one (「提供課等:商工労働部企業支援課」), else the department in
// brackets after the title (titleDepartment), else a line near the top
// or in the signature block that is one (「福祉局障害福祉課」), else the
// first department that is a subject inside a sentence.
//
// A department written after its body's name (a signature 「○○赤十字病院
// 総務課」, whose hiragana kept every other rule from reading it) gives
// the body (bodyBeforeDepartment).
//
// Every department's name ends in an end word (課, 室, 局), so a sentence
// or line with none is skipped unread: most notices of companies name no
// department, and reading each rune of theirs for one was a twentieth of
// the extraction of 307k tiny notices.
func departmentName(sents []text.Sentence, lines []string) (string, string) {
	d, ev := reportingDepartment(sents, lines)
	if body := bodyBeforeDepartment(d); body != "" {
		return body, ev
	}
	return d, ev
}

// signatureBodyDepartment reports whether line l is a body's name and a
// whole department (bodyBeforeDepartment), read only for a line that ends
// in a department's end word and is no longer than a name and a
// department: bodyBeforeDepartment tries every head of its input.
func signatureBodyDepartment(l string) bool {
	return text.HasSuffixAny(l, departmentParts["end"]) &&
		text.RuneCountTo(l, nameLineMaxRunes+departmentMaxRunes+1) <= nameLineMaxRunes+departmentMaxRunes &&
		bodyBeforeDepartment(l) != ""
}

// bodyBeforeDepartment is the longest head of d that is a body's name
// followed by a whole department (isDepartment): 「さいたま赤十字病院総務課」
// is さいたま赤十字病院's, 「青葉市民病院医事課」 青葉市民病院's, not 青葉市's.
// A body's name ends in a line suffix of suffixes.tsv (病院, 大学) with
// two characters or more before it (高等学校教育課 is a department), and a
// government's (a place suffix: 県, 市) is one of the gazetteer's
// (人づくり・県民生活部 is a department too). "" when d is a department
// alone.
func bodyBeforeDepartment(d string) string {
	for end := len(d); end > 0; {
		_, size := utf8.DecodeLastRuneInString(d[:end])
		end -= size
		if !isDepartment(d[end:]) {
			continue
		}
		body := d[:end]
		suf := longestSuffix(body, lineSuffixes)
		if suf == "" || utf8.RuneCountInString(body[:len(body)-len(suf)]) < 2 || isGeneric(body) {
			continue
		}
		if slices.Contains(placeSuffixes, suf) && !localGovernments()[body] {
			continue
		}
		return body
	}
	return ""
}

// reportingDepartment is departmentName's department as the text writes
// it, its body's name before it kept.
func reportingDepartment(sents []text.Sentence, lines []string) (string, string) {
	ends := departmentParts["end"]
	for _, s := range sents {
		if !text.ContainsAny(s.Text, ends) {
			continue
		}
		if d := subjectDepartment(dropOpeners(s.Text)); d != "" {
			return d, s.Text
		}
	}
	var kept []string // the lines with text, for the top and the signature block
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		kept = append(kept, l)
		if !text.ContainsAny(l, ends) {
			continue
		}
		if d := labelledDepartment(l); d != "" {
			return d, l
		}
	}
	if len(kept) > 0 {
		if d := titleDepartment(kept[0]); d != "" {
			return d, kept[0]
		}
	}
	for k, l := range kept {
		if (k < topLines || k >= len(kept)-signatureLines) && (isDepartment(l) || signatureBodyDepartment(l)) {
			return l, l // 「福祉局障害福祉課」; 「総務省大臣官房企画課」, an outside body's name (isDepartment) but its own here
		}
	}
	for _, s := range sents {
		if !text.ContainsAny(s.Text, ends) {
			continue
		}
		if d := innerDepartment(s.Text); d != "" {
			return d, s.Text
		}
	}
	return "", ""
}

// titleDepartment is the department that a prefecture's or city's page
// names after its title, in brackets (「個人情報を含む文書の誤送付について
// (建築住宅課)」): the page's owner, the site's header (the government's
// name) not being part of the text. "" when the title ends otherwise.
func titleDepartment(title string) string {
	if _, d, ok := text.CutTrailingBracket(title); ok && isDepartment(d) {
		return d
	}
	return ""
}

// innerDepartment is the first department that is a subject inside
// sentence s (「…にわたり資産税課が行った…」): a run of kanji and katakana
// ending in an end word that a particle follows, "" for none. Inside a
// sentence, where the name begins is only where the run does: a name with
// hiragana in it is not read there.
func innerDepartment(s string) string {
	start := 0 // where the run of department runes before at begins
	for at := 0; at < len(s); {
		r, size := utf8.DecodeRuneInString(s[at:])
		at += size
		if !isDepartmentRune(r) {
			start = at
			continue
		}
		if text.HasSuffixAny(s[:at], departmentParts["end"]) && text.HasPrefixAny(s[at:], departmentParts["particle"]) &&
			!text.HasSuffixAny(s[:start], departmentParts["not_first"]) {
			if d := withoutSelf(s[start:at]); isDepartment(d) {
				return d // not 客様相談室 of お客様相談室
			}
		}
	}
	return ""
}

// subjectDepartment is the department that s opens with as its subject,
// "" for none.
func subjectDepartment(s string) string {
	limit := min(len(s), departmentMaxRunes*utf8.UTFMax)
	for at := 0; at < limit; {
		r, size := utf8.DecodeRuneInString(s[at:])
		at += size
		if !isDepartmentRune(r) && !unicode.Is(unicode.Hiragana, r) {
			return "" // past the name: a comma, a bracket, a digit
		}
		if text.HasSuffixAny(s[:at], departmentParts["end"]) && text.HasPrefixAny(s[at:], departmentParts["particle"]) {
			if d := withoutSelf(s[:at]); isDepartment(d) {
				return d
			}
		}
	}
	return ""
}

// labelledDepartment is the department that line l labels, cut after its
// first end word, "" for none.
func labelledDepartment(l string) string {
	for _, lb := range departmentLabels {
		v, ok := strings.CutPrefix(l, lb)
		if !ok {
			continue
		}
		v = strings.TrimLeft(v, ":/ 　")
		if i := strings.IndexAny(v, " 　(「【"); i >= 0 {
			v = v[:i]
		}
		v = text.FirstRunes(v, departmentMaxRunes) // a longer value holds no department past it, and each cut is counted
		for at := 0; at < len(v); {
			_, size := utf8.DecodeRuneInString(v[at:])
			at += size
			if text.HasSuffixAny(v[:at], departmentParts["end"]) && isDepartment(v[:at]) {
				if text.HasPrefixAny(v[at:], departmentParts["head_title"]) {
					break // 「担当:佐藤室長」: a person and a head's title
				}
				return v[:at]
			}
		}
		// No department: an office the label names by its own suffix
		// (「提供課等:西部総合事務所西部総合事務所米子保健所」), its
		// doubled head written once: the longest whole name that opens
		// the value before the next label's mark (「…米子保健所担当/係名:」,
		// the normalizer having dropped the spaces between them).
		if i := strings.IndexAny(v, "/:"); i >= 0 {
			v = v[:i]
		}
		for end := len(v); end > 0; {
			if body := withoutDoubledHead(v[:end]); wholeName(body) == body {
				return body
			}
			_, size := utf8.DecodeLastRuneInString(v[:end])
			end -= size
		}
		return ""
	}
	return ""
}

// withoutDoubledHead is s less the first of two copies of a head that
// opens it twice over (西部総合事務所西部総合事務所米子保健所 is
// 西部総合事務所米子保健所); s itself otherwise.
func withoutDoubledHead(s string) string {
	for n := len(s) / 2; n > 0; n-- {
		if utf8.RuneStart(s[n]) && strings.HasPrefix(s[n:], s[:n]) {
			return s[n:]
		}
	}
	return s
}

// withoutSelf is d less a government's reference to itself that opens it
// (department_names.tsv self: 本市職員課 is 職員課).
func withoutSelf(d string) string {
	for _, w := range departmentParts["self"] {
		if rest, ok := strings.CutPrefix(d, w); ok {
			return rest
		}
	}
	return d
}

// isDepartment reports whether d is a department's whole name: three
// runes or more, at most departmentMaxRunes, ending in an end word, with
// no digit and no particle in it, not generic, holding no outside body
// (警察署生活安全課) and opened by neither an honorific (お客様相談室) nor
// an own word (本学学務課: a university's, not a government's).
func isDepartment(d string) bool {
	n := utf8.RuneCountInString(d)
	if n < 3 || n > departmentMaxRunes || !text.HasSuffixAny(d, departmentParts["end"]) {
		return false
	}
	if text.HasPrefixAny(d, departmentParts["not_first"]) || text.HasPrefixAny(d, departmentParts["own"]) {
		return false
	}
	for _, r := range d {
		if !isDepartmentRune(r) && !unicode.Is(unicode.Hiragana, r) || unicode.IsDigit(r) {
			return false
		}
	}
	return !text.ContainsAny(withoutKanaWords(d[kanaHead(d):]), departmentParts["not_in_name"]) && !slices.Contains(departmentParts["generic"], d) &&
		!text.ContainsAny(d, outsideBodies)
}

// withoutKanaWords is d without the words of department_names.tsv
// kana_word (障がい of 障がい福祉課), whose kana are no particles.
func withoutKanaWords(d string) string {
	for _, w := range departmentParts["kana_word"] {
		if strings.Contains(d, w) {
			d = strings.ReplaceAll(d, w, "")
		}
	}
	return d
}

// kanaHead is the length of the head of hiragana and の that opens d
// (くらしの安全安心課, こどもの未来課): two hiragana or more, then の, then a
// kanji or katakana. A government names departments so; its の is no
// particle between two names (名簿の福祉課 opens with kanji). 0 for none.
func kanaHead(d string) int {
	n := 0
	for at := 0; at < len(d); {
		r, size := utf8.DecodeRuneInString(d[at:])
		if !isHiragana(r) {
			return 0
		}
		at += size
		if r == 'の' && n >= 2 {
			if next, _ := utf8.DecodeRuneInString(d[at:]); isDepartmentRune(next) {
				return at
			}
			return 0
		}
		n++
	}
	return 0
}

// isDepartmentRune reports whether r may stand in a department's name,
// hiragana aside: kanji, katakana, ー, 々 and ・.
func isDepartmentRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '々' || r == '・'
}
