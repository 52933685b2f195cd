package enrich

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/rules"
)

// A body whose name is a local government's and then one of its parts
// (東京都福祉保健局, 四條畷市立子育て総合支援センター) is the government:
// S, although a word inside the rest of the name (福祉, 医療) would make it
// another sector. A word that ends the name still decides first
// (気仙沼市立病院 is P, 北海道大学 O), and a company named after a place
// (北海道新聞社) is no part of a government.

// governmentParts are sector/government_parts.tsv: what, right after a
// government's name, opens one of its institutions (`opens`: 市立, 県立),
// the marks that end one of its departments (`ends`: 局, 部), and the
// words that end a body it set up (`body`: 協会, 財団).
var governmentParts = wordsByColumn(fileGovernmentParts, "part", "opens", "ends", "body", "bureau", "not_bureau")

// governmentNames are the local governments of
// rules/gazetteer/local_governments.tsv by name (つくばみらい市) and full
// name (札幌市中央区); a ward's bare name (中央区) names no one alone and
// is left out.
var governmentNames = sync.OnceValue(func() map[string]bool {
	g, err := rules.LoadGazetteers()
	rules.Must(err)
	out := map[string]bool{}
	for _, lg := range g.LocalGovernments {
		if lg.Kind != "ward" {
			out[lg.Name] = true
		}
		out[lg.FullName] = true
	}
	return out
})

// maxGovernmentRunes bounds the length of a government's name looked for
// at the start of a key (the longest, 札幌市… full names, are under 12).
const maxGovernmentRunes = 12

// governmentPart reports whether the name key k, whose name rules give
// letter by a word that ends k or not (atEnd), names a government's part:
//   - a section named alone (建築指導課: a `section` mark of
//     department_marks.tsv ends it, after 2 characters or more), a bureau
//     (健康局) or a bureau's office or section (まちづくり局交通政策室), when
//     no name word ends it;
//   - a local government's name, the longest that begins k, then an
//     `opens` word and more (市立子育て支援センター) or more and an `ends`
//     mark (福祉保健局), when no name word ends it;
//   - a local government's name, then more and a `body` word (○○県スポーツ
//     協会, ○○市文化財団), when the name rules give no sector or only R,
//     the generic bodies' sector: a specific one still wins
//     (○○県社会福祉協議会 is P).
func governmentPart(k, letter string, atEnd bool) bool {
	if !atEnd && (isSectionAlone(k) || isBureauSection(k) || isBureauAlone(k)) {
		return true
	}
	rest, ok := afterGovernment(k)
	if !ok {
		return false
	}
	if (letter == "" || letter == "R") && hasLongerSuffix(rest, governmentParts["body"]) {
		return true
	}
	if atEnd {
		return false
	}
	for _, o := range governmentParts["opens"] {
		if len(rest) > len(o) && strings.HasPrefix(rest, o) {
			return true
		}
	}
	return hasLongerSuffix(rest, governmentParts["ends"])
}

// departmentOffice reports whether k, a name that ends in a tail mark of
// department_marks.tsv (住宅経営室), is written in text right after a
// department's or bureau's name, 2 or more kanji or kana ending in a head
// mark (「住宅まちづくり部 住宅経営室経営管理課」): a government's office, whatever
// its words (住宅 alone would make it K). An office named alone is not
// enough (研究室, 会議室 are rooms, and a firm has 室 too).
func departmentOffice(k, text string) bool {
	if !slices.ContainsFunc(departmentMarks[nHeadMarks:], func(m string) bool { return strings.HasSuffix(k, m) }) {
		return false
	}
	for from := 0; ; {
		i := strings.Index(text[from:], k)
		if i < 0 {
			return false
		}
		i += from
		from = i + len(k)
		before := strings.TrimRight(text[:i], " 　")
		for _, h := range departmentMarks[:nHeadMarks] {
			dept, ok := strings.CutSuffix(before, h)
			if !ok {
				continue
			}
			if nameSuffixRunes(dept, 2) >= 2 {
				return true
			}
		}
	}
}

// nameSuffixRunes is how many kanji or kana end s, at most limit.
func nameSuffixRunes(s string, limit int) int {
	n := 0
	for n < limit {
		r, size := utf8.DecodeLastRuneInString(s)
		if size == 0 || !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			break
		}
		s = s[:len(s)-size]
		n++
	}
	return n
}

// isSectionAlone reports whether k is a section named alone: a section
// mark of department_marks.tsv after 2 characters or more (建築指導課).
func isSectionAlone(k string) bool {
	for _, m := range sectionMarks {
		if strings.HasSuffix(k, m) && utf8.RuneCountInString(k) > 2 {
			return true
		}
	}
	return false
}

// isBureauAlone reports whether k is a bureau named alone: a `bureau` mark
// of government_parts.tsv (局) after 2 characters or more (生活文化スポー
// ツ局, 健康局). A bureau of another kind ends in a word of name_rules.tsv
// (薬局, 郵便局, 放送局), which governmentPart reads first; a secretariat
// (事務局: `not_bureau`) is any body's.
func isBureauAlone(k string) bool {
	for _, w := range governmentParts["not_bureau"] {
		if strings.HasSuffix(k, w) {
			return false
		}
	}
	for _, b := range governmentParts["bureau"] {
		if rest, ok := strings.CutSuffix(k, b); ok && utf8.RuneCountInString(rest) >= 2 {
			return true
		}
	}
	return false
}

// isBureauSection reports whether k is a bureau's office or section named
// alone: 2 characters or more, a `bureau` mark of government_parts.tsv
// (局), 2 characters or more and a tail mark of department_marks.tsv
// (まちづくり局交通政策室, which 交通 inside would make H).
func isBureauSection(k string) bool {
	for _, b := range governmentParts["bureau"] {
		for from := 0; ; {
			i := strings.Index(k[from:], b)
			if i < 0 {
				break
			}
			i += from
			from = i + len(b)
			if utf8.RuneCountInString(k[:i]) < 2 {
				continue
			}
			rest := k[from:]
			for _, t := range departmentMarks[nHeadMarks:] {
				if strings.HasSuffix(rest, t) && utf8.RuneCountInString(rest) > 2 {
					return true
				}
			}
		}
	}
	return false
}

// hasLongerSuffix reports whether s ends with one of words and holds more
// than it.
func hasLongerSuffix(s string, words []string) bool {
	for _, w := range words {
		if len(s) > len(w) && strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// afterGovernment is k after the longest local government's name that
// begins it, of at most maxGovernmentRunes characters.
func afterGovernment(k string) (string, bool) {
	names := governmentNames()
	end, runes := 0, 0
	for i := range k {
		if runes > 0 && names[k[:i]] {
			end = i
		}
		if runes++; runes > maxGovernmentRunes {
			break
		}
	}
	if runes <= maxGovernmentRunes && names[k] {
		end = len(k)
	}
	return k[end:], end > 0
}
