package organization

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// A news report's lead names the body that announced the incident as its
// subject: read before the lines that are a name (a lead's first line
// opens with whatever body it first names: 「住宅金融支援機構が提供する…を
// 手掛ける「優良住宅ローン」(本社・東京)は26日、…と発表した」) and before
// the routes of a notice's own subject (find).

// announcedSubject is the subject of a news report's lead among the first
// sentences: 「法政大は10日、…と発表した」, 「ソフトバンクグループの日本テレコム
// (本社:東京都港区)は24日、…と発表した」. The report tells what the body
// itself announced, so the body is the holder even when its name has no
// suffix the other routes know.
func announcedSubject(sents []text.Sentence) (string, string) {
	for k, s := range sents {
		if k >= subjectSentences {
			break
		}
		subject := leadSubject(s.Text)
		if subject == "" && k < unannouncedLeadSentences && datedLead(s.Text) && !text.ContainsAny(s.Text, authorityParts["enforcement"]) {
			// 「東北労働金庫は3月1日、…案内メールを送信した際、…送った。」:
			// a report's first sentences that open with a subject, its
			// date and a comma tell what the body did, announced or not;
			// not when it is an authority's act (水戸地検は13日に、…を在宅
			// 起訴しました: authority.tsv enforcement).
			subject = subjectBeforeLead(s.Text)
		}
		if org := leadName(subject); org != "" {
			return org, s.Text
		}
		if headlined(subject, sents[:k]) {
			return subject, s.Text // 「ぴあ、チケットサイトから…」 / 「ぴあは4月25日、…と発表した」
		}
	}
	return "", ""
}

// attributedSource is the body a news report quotes in one of its first
// sentences: a whole name, a source cue (source_cues.tsv) and a comma
// open the sentence, maybe after an opener (「久万高原町によりますと、町の
// ホームページで…」). The name reads as leadName reads a lead's subject,
// a prefecture before a government aside. "" when none does.
func attributedSource(sents []text.Sentence) (string, string) {
	for k, s := range sents {
		if k >= subjectSentences {
			break
		}
		if !text.ContainsAny(s.Text, sourceCues) {
			continue // most sentences quote no one: no openers to drop
		}
		t := dropOpeners(s.Text)
		for _, cue := range sourceCues {
			i := strings.Index(t, cue)
			if i <= 0 || !strings.HasPrefix(t[i+len(cue):], "、") {
				continue
			}
			name := t[:i]
			if text.RuneCountTo(name, nameLineMaxRunes+1) > nameLineMaxRunes || wholeName(name) != name {
				continue
			}
			if org := leadName(name); org != "" {
				return org, s.Text
			}
		}
	}
	return "", ""
}

// headlined reports whether subject, a lead's subject in hiragana that
// leadName does not take (ぴあ), opens a line before the lead followed by
// a comma or a space, as a news headline names the body its lead is about
// (「ぴあ、チケットサイトから個人情報15万件流出か」).
func headlined(subject string, before []text.Sentence) bool {
	n := utf8.RuneCountInString(subject)
	if n < nameMinRunes || n > maxHeadlinedKana || strings.IndexFunc(subject, func(r rune) bool { return !isHiragana(r) }) >= 0 {
		return false
	}
	for _, b := range before {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(b.Text), subject); ok && (strings.HasPrefix(rest, "、") || strings.HasPrefix(rest, " ")) {
			return true
		}
	}
	return false
}

// leadSubject is the subject of sentence s when s is a news lead: the
// subject's first は is followed by a comma, maybe after a date or a lead
// time (leadDateAt), and s ends with an announcing verb
// (timeline/announce.tsv); "" when s is no lead. leadName then reads it
// as a name: a bracket after the name (its seat) is dropped, a quoted name
// is taken from its quotes (プラットフォーム「ZAIKO」), and the words before
// the last lead modifier (lead_modifiers.tsv) are no part of it.
func leadSubject(s string) string {
	if !announces(s) {
		return ""
	}
	return subjectBeforeLead(s)
}

// subjectBeforeLead is leadSubject without its announcing verb: the
// subject before a lead's は, its date and comma, or "".
func subjectBeforeLead(s string) string {
	at := leadDateAt(s)
	if at < 0 {
		at = lateDatedLeadAt(s)
	}
	if at < 0 {
		return ""
	}
	subject := withoutReadings(strings.TrimSpace(dropOpeners(s[:at])))
	modified := false // a lead modifier stood before the name (…を手がける小島プレス工業)
	if strings.HasSuffix(subject, ")") {
		if i := strings.LastIndex(subject, "("); i > 0 {
			subject = strings.TrimSpace(subject[:i]) // 日本テレコム(本社:東京都港区)
		}
	}
	if inner, ok := strings.CutSuffix(subject, "」"); ok {
		if i := strings.LastIndex(inner, "「"); i >= 0 {
			subject = inner[i+len("「"):]
		}
	} else {
		cut := 0
		for _, m := range leadModifiers {
			if i := strings.LastIndex(subject, m); i >= 0 && i+len(m) > cut && i+len(m) < len(subject) {
				cut = i + len(m)
			}
		}
		if before, ok := strings.CutSuffix(subject[:cut], "の"); ok && (startsWithLegalForm(before) || endsInLegalForm(before)) &&
			(text.HasSuffixAny(subject[cut:], sectionWords) || text.HasSuffixAny(subject[cut:], divisionWords)) {
			// 「株式会社TOKAIのTOKAIネットワーククラブ事務局は…」: a
			// company's office announces for the company.
			subject = before
		} else {
			// Cut even before a name by its suffix (中高一貫校の立命館守山
			// 中学校・高校): a name with a modifier word inside (森の宮病院)
			// reads as no lead name whole or cut (leadName).
			subject = subject[cut:]
			modified = cut > 0
		}
	}
	// 「(株)ペットハグ」: a bracketed legal form opens the name, and a
	// space may stand inside it (宗家 源吉兆庵).
	if f := legalFormOpening(subject); strings.HasPrefix(f, "(") {
		subject = subject[len(f):]
	}
	subject = strings.ReplaceAll(subject, " ", "")
	// 「【四日市】四日市市は16日、…」: a bracketed tag before the subject
	// (the paper's bureau, a label) is no part of its name.
	if rest, ok := strings.CutPrefix(subject, "【"); ok {
		if i := strings.Index(rest, "】"); i >= 0 && i+len("】") < len(rest) {
			subject = rest[i+len("】"):]
		}
	}
	for _, c := range newsCategories {
		if rest, ok := strings.CutPrefix(subject, c); ok && rest != "" {
			subject = rest // 「行政・団体九州地方整備局は…」: a section's label glued to it
			break
		}
	}
	for _, c := range countryMarks {
		if rest, ok := strings.CutPrefix(subject, c); ok {
			if r, _ := utf8.DecodeRuneInString(rest); r < utf8.RuneSelf && unicode.IsLetter(r) || unicode.Is(unicode.Katakana, r) {
				subject = rest // 「中国Rekoo Mediaは、…」: where the body is, not its name
			}
			break
		}
	}
	if key := gazetteerTail(subject); key != "" && !modified {
		// 「話題日本通運は8日、…」: a page's label glued to a listed
		// company's name, where the sentence opens; after a modifier the
		// words before the listed name are the name's own (小島プレス工業).
		subject = key
	}
	return subject
}

// withoutReadings is s less each reading in brackets that news writes
// inside a name: hiragana alone, right after a kanji and before another
// (「愛媛県愛南(あいなん)町は16日、…」 names 愛媛県愛南町).
func withoutReadings(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	for {
		open := strings.Index(s, "(")
		if open < 0 {
			break
		}
		end := strings.Index(s[open:], ")")
		if end < 0 {
			break
		}
		end += open
		reading := s[open+len("(") : end]
		before, _ := utf8.DecodeLastRuneInString(s[:open])
		after, _ := utf8.DecodeRuneInString(s[end+len(")"):])
		if reading != "" && strings.IndexFunc(reading, func(r rune) bool { return !isHiragana(r) }) < 0 &&
			unicode.Is(unicode.Han, before) && unicode.Is(unicode.Han, after) {
			b.WriteString(s[:open])
		} else {
			b.WriteString(s[:end+len(")")])
		}
		s = s[end+len(")"):]
	}
	b.WriteString(s)
	return b.String()
}

// withoutGovernmentNames is name less each run of hiragana that, with
// 市, 町 or 村 after it, names a local government of the gazetteer (おいらせ
// of 国保おいらせ病院, おいらせ町's): a town's name is part of a name, though
// it opens with a particle's kana.
func withoutGovernmentNames(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		if !isHiragana(r) {
			b.WriteString(name[i : i+size])
			i += size
			continue
		}
		j := hiraganaRunEnd(name, i)
		run := name[i:j]
		if !localGovernments()[run+"町"] && !localGovernments()[run+"市"] && !localGovernments()[run+"村"] {
			b.WriteString(run)
		}
		i = j
	}
	return b.String()
}

// gazetteerTail is the longest listed company's name (the gazetteer's,
// less its legal form) that ends subject after a page's label glued to it
// (話題, 事件・事故: no hiragana, at most label_max_runes characters); ""
// when none does or subject is itself one. 「この件に関して良品計画」 is no
// label and a name: a clause before the subject.
func gazetteerTail(subject string) string {
	if text.RuneCountTo(subject, nameLineMaxRunes+labelMaxRunes+1) > nameLineMaxRunes+labelMaxRunes {
		return "" // longer than a label and a name: and each tail is hashed
	}
	keys := gazetteerKeys()
	if keys[subject] {
		return ""
	}
	for i := range subject {
		if i == 0 || !keys[subject[i:]] || text.RuneCountTo(subject[i:], gazetteerKeyMinRunes) < gazetteerKeyMinRunes {
			continue
		}
		label := subject[:i]
		if text.RuneCountTo(label, labelMaxRunes+1) > labelMaxRunes || strings.IndexFunc(label, func(r rune) bool { return unicode.Is(unicode.Hiragana, r) }) >= 0 {
			return ""
		}
		return subject[i:]
	}
	return ""
}

// leadDateAt is where the は of a news lead's subject begins in s, -1
// when the first は of s is not followed by a comma, maybe after a date (a
// day alone, 「24日」, or one dates.Find reads) or a lead time
// (lead_times.tsv: このほど).
func leadDateAt(s string) int {
	at, _ := leadDate(s)
	return at
}

// leadDate is leadDateAt, and whether a date (not a lead time, nor
// nothing) stands between the は and its comma.
func leadDate(s string) (at int, dated bool) {
	i := strings.Index(s, "は")
	if i <= 0 {
		return -1, false
	}
	after := strings.TrimLeft(s[i+len("は"):], " ")
	end := 0
	if loc := bareDayRE.FindStringIndex(after); loc != nil {
		end, dated = loc[1], true
	} else if ms := dates.Find(after); len(ms) > 0 && ms[0].Start == 0 {
		end, dated = ms[0].End, true
	} else {
		for _, w := range leadTimes {
			if strings.HasPrefix(after, w) {
				end = len(w)
				break
			}
		}
	}
	if !leadCommaRE.MatchString(after[end:]) {
		return -1, false
	}
	return i, dated
}

// lateDatedLeadAt is where the first は of s begins when s is a lead
// that dates its announcement at its end, the date after the と that
// closes what was announced (「長崎県佐世保市のハウステンボスは今年8月の…
// 不正アクセスで…漏えいした可能性があると12日、明らかにしました」), the
// announcing verb within lateLeadVerbRunes after it; -1 when it is not.
// The caller has checked that s ends with an announcing verb.
func lateDatedLeadAt(s string) int {
	i := strings.Index(s, "は")
	if i <= 0 {
		return -1
	}
	ms := lateLeadDayRE.FindAllStringIndex(s, -1)
	if len(ms) == 0 {
		return -1
	}
	last := ms[len(ms)-1]
	if last[0] < i || text.RuneCountTo(s[last[1]:], lateLeadVerbRunes+1) > lateLeadVerbRunes {
		return -1
	}
	return i
}

// lateLeadDayRE is the と, the day and the comma of a lead's late date.
var lateLeadDayRE = regexp.MustCompile(`と\s*(?:[0-9]{1,2}日|本日|きょう|昨日)\s*、`)

// lateLeadVerbRunes bounds the announcing verb after a lead's late date
// (明らかにしました。).
const lateLeadVerbRunes = 12

// datedLead reports whether sentence s opens as a lead with a date: a
// subject, は, a date (「3月1日」, 「1日」) and a comma.
func datedLead(s string) bool {
	_, dated := leadDate(s)
	return dated
}

// leadCommaRE is what follows a lead's date before its comma: maybe the
// weekday in brackets and に (「JR九州は2019年4月12日(金)に、…公表しました」).
var leadCommaRE = regexp.MustCompile(`^\s*(?:[(][^)]{1,6}[)])?\s*(?:に)?\s*、`)

// bareDayRE is a day of the month alone, as a news lead dates what the
// body announced that month: 「24日」.
var bareDayRE = regexp.MustCompile(`^[0-9]{1,2}日`)

// leadName is subject when it reads as a body's name: of a name's length,
// without digits, not a generic or outside body, and a run of name
// characters after at most a short hiragana opening (たしろ薬品).
func leadName(subject string) string {
	n := text.RuneCountTo(subject, nameLineMaxRunes+1)
	if n < nameMinRunes || n > nameLineMaxRunes || strings.ContainsAny(subject, "0123456789") ||
		isGeneric(subject) || isOutside(subject) || slices.Contains(orgSuffixes, subject) {
		return ""
	}
	if text.HasSuffixAny(subject, signatureTitles) || text.HasSuffixAny(subject, personTitles) {
		return "" // 「野川明輝本部長は、…と謝罪した」: a person, by a title
	}
	rest := strings.TrimLeftFunc(subject, func(r rune) bool { return unicode.Is(unicode.Hiragana, r) })
	if text.RuneCountTo(subject[:len(subject)-len(rest)], maxLeadKana+1) > maxLeadKana || rest == "" {
		return ""
	}
	if strings.IndexFunc(rest, func(r rune) bool { return !isNameRune(r) }) >= 0 {
		// Hiragana inside a name that ends in a suffix, each run of it
		// namelike (a town's name: 「国保おいらせ病院」), is still a name.
		if strings.IndexFunc(rest, func(r rune) bool { return !isNameRune(r) && !isHiragana(r) }) >= 0 ||
			longestSuffix(subject, orgSuffixes) == "" || !hiraganaRunsNamelike(withoutGovernmentNames(rest)) {
			return ""
		}
	}
	return subject
}
