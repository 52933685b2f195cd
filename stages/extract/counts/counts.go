package counts

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// countMention is one number of people or records in a sentence.
type countMention struct {
	Value  int64
	Approx bool
	Unit   string
	Start  int  // byte offset in the sentence
	End    int  // byte offset just after the count
	Paren  bool // written in brackets after a category: 個人情報(1,244件)
	Total  bool // labelled as a total: 申請総数1,660件, 合計: 9名
}

// actorThing reports whether rest, after 「N名の」, opens with an
// actor_things word longer than any address word it opens with:
// 「メールアカウント」, 「メールアドレスから」, but not 「メールアドレス」 alone.
func actorThing(rest string) bool {
	return text.LongestPrefix(rest, countFilters["actor_things"]) > text.LongestPrefix(rest, countFilters["address"])
}

// findCounts returns the people or record counts written in s.
func findCounts(s string) []countMention { return scanCounts(s, false) }

// scanCounts is findCounts; with sentItems, a record count of what was
// sent (送信, メール: filters.tsv sent_items) counts too, as in a
// misdelivery each item sent held one person's data.
func scanCounts(s string, sentItems bool) []countMention {
	var out []countMention
	if c, ok := labelCount(s); ok {
		return []countMention{c}
	}
	if !countCue(s) {
		return nil
	}
	// lastStart is where the sentence's last count begins, dropped or not.
	lastStart := -1
	for m := range countMatches(s) { // 約25万人, 61,942件, 三千人… (countscan.go)
		c, ok := countBefore(s, m[:], sentItems)
		if !ok {
			continue
		}
		lastStart = m[0]
		if dropped(s, m[:], c, false) {
			continue
		}
		out = append(out, c.mention(s, m[:]))
	}
	return dropPopulations(s, out, lastStart)
}

// dropped reports whether a filter drops count c, match m of s: staff
// disciplined, who reported or received it, reports, inquiries, actors,
// an outage, ordinals and ratios. Two filters read the words after the
// count through one window and its mask; plain, their oracle searches
// the words instead (TestScanCountsAsSimple).
func dropped(s string, m []int, c countCandidate, plain bool) bool {
	kind, before, after := c.kind, c.before, c.after
	// The words after the count that two filters read, and their mask,
	// which rules most of the filters' words out without a search.
	head := text.FirstRunes(after, countWindows.actingAfter)
	headMask := text.MaskOf(head)
	disciplined := func() bool {
		if plain {
			return text.ContainsAny(before, countFilters["discipline"]) || text.ContainsAny(clauseOf(head), countFilters["discipline"])
		}
		return disciplineList.In(before) || disciplineList.InMask(clauseOf(head), headMask)
	}
	acting := func() bool {
		if plain {
			return text.ContainsAny(head, actingAfter)
		}
		return actingAfterList.InMask(head, headMask)
	}
	if isPersonKind(kind) && disciplined() {
		return true // "上司2名を厳重注意処分", "訓告1名": staff disciplined
	}
	if isPersonKind(kind) && reporters(after) {
		return true // "三名のお客様より…とのご連絡": who reported it
	}
	if isRecordKind(kind) && text.HasPrefixAny(strings.TrimPrefix(after, "の"), countFilters["report_words"]) {
		return true // "窓口へ3件連絡があり": reports, not records
	}
	if kind == unitPerson && text.HasPrefixAny(after, countFilters["checkers_after"]) {
		return true // "必ず2名以上で確認", "2名体制で": the staff who check
	}
	if isPersonKind(kind) && addressees(s, after) {
		return true // "保護者(40名)宛に送信": who received it, not whose data it held
	}
	if (isPersonKind(kind) || kind == unitHousehold || kind == unitRecord && afterPersonNoun(after) != "") && recipients(s, m[0], after) {
		return true // "対象者676名に送付しました", "1,999件の認定農業者に向けて郵送": who a mailing went to
	}
	if (kind == unitRecord || kind == unitLetter || kind == unitCard) && mailing(s, m[0], after) {
		return true // "受診券28,827件を発送": the whole mailing, not what went wrong in it
	}
	// The words after a count are read before the actors before it:
	// they rule out most counts at less cost.
	if owner := skipAside(after, countWindows.actorAside); kind == unitPerson && strings.HasPrefix(owner, "の") &&
		actorThing(strings.TrimPrefix(owner, "の")) &&
		text.ContainsAny(text.LastRunes(s[:m[0]], countWindows.actorsBefore), actorsBefore) {
		// "職員1名のメールアカウント", "スタッフ1名(以下…)のメールアドレスから
		// 送信": the staff's account was the way in (but "職員1名のメールア
		// ドレスが流出" is data)
		return true
	}
	if rest := strings.TrimPrefix(after, "の"); rest != after && isRecordKind(kind) &&
		!text.HasPrefixAny(rest, countFilters["address"]) && text.HasPrefixAny(rest, notPeopleAfter) {
		return true // "20,912人分のデータ" are people, "3件のデータ" files; "49件のメールアドレス" addresses
	}
	if rest := strings.TrimPrefix(after, "の"); rest != after && isRecordKind(kind) && headNounNotPeople(rest) {
		return true // "1,514件の市への「お問い合わせ」があり": inquiries
	}
	if kind != unitAccount && kind != unitPersonShare && kind != unitRecordShare && acting() {
		// "2名以上のユーザーが同時にログインした際"; accounts do not act:
		// 「約720アカウントに対して不正なログイン」 were logged into; nor do
		// shares of data: 「173万5841名分のゲーム用ログインID」.
		return true
	}
	if isPersonKind(kind) && text.HasPrefixAny(strings.TrimLeft(after, ") "), countFilters["access_from"]) {
		return true // "複数の生徒(6校12名)からのアクセスがあった": who looked, not whose data it was
	}
	if kind == unitUser && !text.ContainsAny(s, strongLeakWords) && !dataBefore(s[:m[0]]) {
		return true // "約3,400ユーザーにサービスを提供できない": an outage; but "お客様情報 237ユーザ" is data
	}
	if kind == unitPerson && text.HasPrefixAny(strings.TrimLeft(after, " "), countFilters["actor_particles"]) &&
		text.ContainsAny(text.LastRunes(s[:m[0]], countWindows.actorsBefore), actorsBefore) {
		return true // "担当者2名が閲覧"; but "学生、教職員等約30,000名" are whose data
	}
	if text.HasPrefixAny(s[m[1]:], countFilters["ordinal_after"]) || text.HasPrefixAny(s[m[1]:], countFilters["ratio_after"]) && kind == unitRecord {
		return true // 3件目, "15件中" is a ratio
	}
	if text.HasPrefixAny(strings.TrimLeft(s[m[1]:], " "), countFilters["compared_after"]) {
		return true // "「Yahoo!BB」の451万人に次ぐ規模": another incident's count, a yardstick
	}
	return false
}

// countCandidate is a count match that the filters every version of the
// scan reads alike have kept: its value, unit and kind, and the words
// before it (within its clause) and after it.
type countCandidate struct {
	value         int64
	unit          string
	kind          string
	before, after string
}

// countBefore reads the count match m of s (countMatches' indexes) and
// applies the filters that come before the words after it: not a number,
// inside a decimal, a date or a code, 一件, a place, a thing counted,
// documents.
func countBefore(s string, m []int, sentItems bool) (countCandidate, bool) {
	num := s[m[4]:m[5]]
	unit := s[m[6]:m[7]]
	v, ok := text.ParseNumber(num)
	if !ok || v <= 0 {
		return countCandidate{}, false
	}
	if m[4] > 0 && (text.IsDigitByte(s[m[4]-1]) || s[m[4]-1] == '.' && !strings.HasSuffix(s[:m[4]], "..") || s[m[4]-1] == '-' || s[m[4]-1] == '/') {
		return countCandidate{}, false // inside a decimal, a date or a code; "…1,793件" (… is "..." after NFKC) is a count
	}
	kind := countUnitKind[unit]
	if kind == unitCard || kind == unitLetter && !sentItems {
		if !cardBefore(s[:m[0]]) {
			return countCandidate{}, false // 「102通」 counts letters: only what went astray counts (misdeliveredItems); 「用紙1枚」 sheets
		}
		kind = unitCard // 「マイナンバーカード1枚」, 「障害者手帳 1通」: one person's card each
	}
	if strings.HasSuffix(s[:m[4]], "数") && slices.Contains(countFilters["vague_magnitude"], num) {
		return countCandidate{}, false // 「患者数千件分」: some thousands, no count (not 対象者数千二百名)
	}
	if num == "一" && (kind == unitPerson && unit != "名" || kind == unitRecord) {
		return countCandidate{}, false // "今回の一件", "お一人": not a count (一名 is: 「患者一名に係る」)
	}
	before := text.LastRunes(s[:m[0]], countWindows.before)
	// A noun before a comma belongs to another clause: in
	// 「メールを誤送信し、保護者45名の…」 送信 does not count 45.
	if i := text.Commas.LastIndex(before); i >= 0 {
		_, size := utf8.DecodeRuneInString(before[i:])
		before = before[i+size:]
	}
	// So does one before a particle of cause (clause_particles): in
	// 「不正アクセスにより約7.4万件の個人情報」 アクセス does not count them.
	if i := text.LastEndAny(before, countFilters["clause_particles"]); i >= 0 {
		before = before[i:]
	}
	after := s[m[1]:]
	if text.HasPrefixAny(strings.TrimLeft(after, "」』 "), countFilters["superseded_after"]) || correctedFromRE.MatchString(after) {
		return countCandidate{}, false // 「7月4日時点では、「延べ約42万人」としていましたが」, 「500名から320名に訂正」: the figure corrected
	}
	if kind == unitParty && !text.ContainsAny(before, countFilters["party_people"]) {
		return countCandidate{}, false // 送付先, 委託先… are places, not people
	}
	if w := lastNotPeopleWord(before); w != "" && kind != unitCard && !counted(s[:m[0]], w) &&
		!dataBefore(s[:m[0]]) &&
		!personOfThing(kind, before, w) && !brokenInto(kind, s[:m[0]]) && !shareOfData(kind, after) &&
		!(sentItems && (kind == unitRecord || kind == unitLetter) && slices.Contains(countFilters["sent_items"], w)) {
		return countCandidate{}, false // "送信メール3,000件"; but "メールアドレス 115件" are addresses
	}
	if kind == unitRecord && documentsBefore(before) && !lostRecords(s[:m[0]], after) {
		return countCandidate{}, false // "個人情報を含む書類が計12件": documents, not people or records
	}
	if kind == unitRecord && text.HasPrefixAny(strings.TrimLeft(after, " "), countFilters["contents_after"]) && text.ContainsAny(s, countFilters["envelope"]) {
		return countCandidate{}, false // 「封筒には…個人情報に係るものが計15件入っていました」: its papers
	}
	return countCandidate{value: v, unit: unit, kind: kind, before: before, after: after}, true
}

// correctedFromRE matches what follows a figure a notice corrects: から, the
// new figure and its word of correction (「対象者数を500名から320名に訂正しま
// した」).
var correctedFromRE = regexp.MustCompile(`^から\s*(?:約|最大|最大約)?\s*[0-9][0-9,]*\s*(?:名|人|件)(?:分)?に(?:訂正|修正|変更)`)

// qualifiedInBrackets reports whether the count s[start:end] closes a
// bracket that opens a few characters before it, a qualifier between
// (「名簿(3クラス116名分)」): in brackets after its category, as
// 「名簿(116名分)」 is.
func qualifiedInBrackets(s string, start, end int) bool {
	if !strings.HasPrefix(s[end:], ")") {
		return false
	}
	before := text.LastRunes(s[:start], countWindows.bracketQualifier)
	i := strings.LastIndex(before, "(")
	return i >= 0 && !strings.ContainsAny(before[i+1:], ")、。,")
}

// mention is the countMention of c, match m of s.
func (c countCandidate) mention(s string, m []int) countMention {
	approx := m[2] >= 0 && countQualifier[s[m[2]:m[3]]] == qualApprox || m[8] >= 0 && countQualifier[s[m[8]:m[9]]] == qualApprox
	paren := m[0] > 0 && (strings.HasSuffix(strings.TrimSpace(s[:m[0]]), "(") || qualifiedInBrackets(s, m[0], m[1]))
	total := m[2] >= 0 && countQualifier[s[m[2]:m[3]]] == qualTotal ||
		text.ContainsAny(text.LastRunes(s[:m[0]], countWindows.totalBefore), countFilters["total_before"]) ||
		text.ContainsAny(text.FirstRunes(s[m[1]:], countWindows.totalAfter), countFilters["total_after"]) // 「41万3867人分にのぼり、その内訳は」
	return countMention{Value: c.value, Approx: approx, Unit: c.unit, Start: m[0], End: m[1], Paren: paren, Total: total}
}

// countCue reports whether s has a numeral right before (ASCII white
// space aside) the first character of a unit, as every count match has.
// Most sentences hold no count.
func countCue(s string) bool {
	numeral := false
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			i++
			if !text.IsSpaceByte(b) { // \s: a numeral before it still counts
				numeral = text.IsDigitByte(b)
			}
			continue
		}
		// Units and kanji numerals are runes of three bytes; any other
		// rune is read as unknown, one byte at a time.
		r, n := text.ThreeByteRune(s, i)
		i += n
		if numeral && countUnitStarts.has(r) { // 人分, 名分, 件分, アカウント, 世帯, ユーザー …
			return true
		}
		numeral = text.IsKanjiNumeral(r)
	}
	return false
}

// lastNotPeopleWord is the word of notPeopleBefore that occurs last in
// s, the longest of those that begin there, or "": lastWordOf(s,
// notPeopleBefore) in one scan of s (notPeopleIndex), where a search of
// s for each word from its end was a tenth of a short notice's counts.
func lastNotPeopleWord(s string) string { return lastIndexedWord(notPeopleIndex, s) }

// lastIndexedWord is the word of x that occurs last in s, the longest of
// those that begin there (the first of the list among equals), or "".
func lastIndexedWord(x *wordscan.Index, s string) string {
	best, at := "", -1
	x.Each(s, func(i, k int) {
		// Hits come by position, and at one position in list order:
		// a later one wins, or a longer one at the same position.
		if w := x.Words()[k]; i > at || len(w) > len(best) {
			best, at = w, i
		}
	})
	return best
}

// notPeopleIndex indexes notPeopleBefore, none of whose words is empty
// (the rules refuse an empty word).
var notPeopleIndex = wordscan.New(notPeopleBefore)

// cardBefore reports whether before, the text up to a count, ends with a
// card_before word (filters.tsv), white space and a closing quote aside
// (「PTA役員希望調査票」39枚): the count is of
// cards or booklets that each name one person (マイナンバーカード1枚).
func cardBefore(before string) bool {
	return text.HasSuffixAny(strings.TrimRight(before, " 」』"), countFilters["card_before"])
}

// isPersonKind reports whether a unit kind counts persons (人, 名, 人分).
func isPersonKind(kind string) bool { return kind == unitPerson || kind == unitPersonShare }

func isRecordKind(kind string) bool { return kind == unitRecord || kind == unitRecordShare }

// dataBefore reports whether a data_before word (情報, データ …) stands
// within data_before characters at the end of before, the text up to a
// count: the count is of data (メールアドレス 115件, お客様情報 237ユーザ).
func dataBefore(before string) bool {
	return text.ContainsAny(text.LastRunes(before, countWindows.dataBefore), countFilters["data_before"])
}

// personOfThing reports whether a person count names people of the thing
// that not_people_before found, not the things: in 「利用団体の責任者3名分」
// the の after 団体 makes the count one of the 責任者; in 「株式会社○○が
// 30名の受講予定者に」 the thing is the subject (が), the count its object.
func personOfThing(kind, before, w string) bool {
	if !isPersonKind(kind) {
		return false
	}
	rest := before[strings.LastIndex(before, w)+len(w):]
	// 「企業担当者1名分」: a person's noun after the thing's (person_suffix),
	// its count maybe in brackets (県立高校生徒(44名)).
	// 「所属組織(部所)名 2,388人分」: the thing's name is a field of
	// data (name_field), the count the people it is of.
	return strings.Contains(rest, "の") || strings.Contains(rest, "が") ||
		text.HasSuffixAny(strings.TrimRight(strings.TrimSpace(rest), "("), countFilters["person_suffix"]) ||
		text.HasSuffixAny(strings.TrimSpace(rest), countFilters["name_field"])
}

// shareOfData reports whether a share count (名分, 件分) or a person count
// (人, 名) is followed by の and a share_data word (「ファイルには34,902名分の
// 個人情報」, 「サーバーには最大約30万人の個人情報」): the people or records
// whose data it is, whatever thing not_people_before found before it.
func shareOfData(kind, after string) bool {
	if kind != unitPersonShare && kind != unitRecordShare && kind != unitPerson {
		return false
	}
	rest, ok := strings.CutPrefix(after, "の")
	return ok && text.HasPrefixAny(rest, countFilters["share_data"])
}

// clauseRunes is the first n runes of s, cut at the first 、 or 。: the
// clause a count stands in.
func clauseRunes(s string, n int) string { return clauseOf(text.FirstRunes(s, n)) }

// clauseOf is s cut at its first 、 or 。.
func clauseOf(s string) string {
	if i := text.ClauseEnds.Index(s); i >= 0 {
		return s[:i]
	}
	return s
}

// disciplineList and actingAfterList are those filters' words with their
// masks (text.WordList).
var (
	disciplineList  = text.NewWordList(countFilters["discipline"])
	actingAfterList = text.NewWordList(actingAfter)
)

// reporters reports whether the people of a person count, with after the
// text after it, are where a report came from: a source particle (より,
// から) in its clause and a report word (連絡, 指摘…) after it in the
// sentence: 「二名の利用者様より…とのご連絡」.
func reporters(after string) bool {
	clause := clauseRunes(after, countWindows.reporterPhrase)
	for _, p := range countFilters["source_particles"] {
		if i := strings.Index(clause, p); i >= 0 && text.ContainsAny(after[i+len(p):], countFilters["report_words"]) {
			return true
		}
	}
	return false
}

// addressees reports whether a person count is of the addressees of what
// was sent (「保護者(40名)宛に」): they received it, their data did not
// leak, unless the sentence says their addresses showed (BCC, アドレス).
func addressees(s, after string) bool {
	after = strings.TrimLeft(after, ") ")
	return text.HasPrefixAny(after, countFilters["addressee_after"]) && !text.ContainsAny(s, countFilters["addressee_exposed"])
}

// recipients reports whether a person or household count, at offset at of
// sentence s with after the text after it, is of the people a mailing or
// a handout went to (「対象者676名に送付しました」, 「児童(30名)に配付した際」,
// sent_before: 「文書を送った11名に電話で連絡し」): their data did not leak.
// It is not when the sentence says their addresses showed; when what was
// sent was wrong, before the count or in the clause after it (「別人の通知
// 書を誤って276名に送付」, 「すべて(305名)に対して誤送信」: each got
// another's data or the mail itself leaked);
// or when the count is of people whose data leaked, a leak verb before it
// (「流出した個人情報の対象者16人に対し、…謝罪」).
//
// The words are read within recipients_reach characters of the count
// (windows.tsv): a sentence of many counts costs each the same.
func recipients(s string, at int, after string) bool {
	after = strings.TrimLeft(after, ") ")
	if !text.HasPrefixAny(after, countFilters["recipients_after"]) && !text.HasPrefixAny(afterPersonNoun(after), countFilters["recipients_after"]) &&
		!text.HasSuffixAny(s[:at], countFilters["sent_before"]) {
		return false
	}
	before, ahead := sendingReach(s, at, after)
	if text.ContainsAny(before, countFilters["addressee_exposed"]) || text.ContainsAny(ahead, countFilters["addressee_exposed"]) {
		return false
	}
	// 「合計20名の…記録の一部であり、誤送信メールを受信した学生172名に対して
	// 漏洩」: the people whose data it was are counted before, as a total;
	// these are who got it, however wrong the sending.
	return totalOfOthersBefore(before) || !wrongSending(before, ahead) && !text.ContainsAny(before, countFilters["leak_verbs"])
}

// totalOfOthersBefore reports whether before, the recipients_reach
// characters before a count, holds a stated total (total_before: 合計) of
// another count: a total word with a digit after it before the last
// comma.
func totalOfOthersBefore(before string) bool {
	i := text.Commas.LastIndex(before)
	if i < 0 {
		return false
	}
	head := before[:i]
	for _, w := range countFilters["total_before"] {
		if j := strings.Index(head, w); j >= 0 && j+len(w) < len(head) && text.IsDigitByte(head[j+len(w)]) {
			return true
		}
	}
	return false
}

// sendingReach is the text read around a count of what was sent, at offset
// at of sentence s with after the text after it: recipients_reach
// characters before it and after it (windows.tsv).
func sendingReach(s string, at int, after string) (before, ahead string) {
	return text.LastRunes(s[:at], countWindows.recipientsReach), text.FirstRunes(after, countWindows.recipientsReach)
}

// wrongSending reports whether what was sent was wrong: a wrong_sending
// word before the count (in before) or in the clause after it (in ahead),
// as sendingReach gives them.
func wrongSending(before, ahead string) bool {
	return text.ContainsAny(before, countFilters["wrong_sending"]) || text.ContainsAny(clauseOf(ahead), countFilters["wrong_sending"])
}

// mailing reports whether a record or letter count at s[at:] is followed
// by a mailing verb (mailed_after: 受診券28,827件を発送): the items of a
// whole mailing, not the ones that went wrong, unless a wrong_sending word
// stands before the count in its sentence or in the clause after it
// (他人の通知書3件を発送).
func mailing(s string, at int, after string) bool {
	// 「納入告知書(合計5999件)を郵送」: the count may close a bracket.
	if !text.HasPrefixAny(strings.TrimLeft(after, ")"), countFilters["mailed_after"]) {
		return false
	}
	return !wrongSending(sendingReach(s, at, after))
}

// afterPersonNoun is the text after 「の」 and the noun it joins to a
// person count (「3名の求職者に郵送」: に郵送), so that the noun's particle
// is read as the count's; "" when after does not open with の and a noun
// of at most person_noun (windows.tsv) kanji or katakana.
func afterPersonNoun(after string) string {
	rest, ok := strings.CutPrefix(after, "の")
	if !ok {
		return ""
	}
	n, i := 0, 0
	for i < len(rest) {
		r, size := utf8.DecodeRuneInString(rest[i:])
		if !unicode.In(r, unicode.Han, unicode.Katakana) && r != 'ー' {
			break
		}
		i += size
		if n++; n > countWindows.personNoun {
			return ""
		}
	}
	if n == 0 {
		return ""
	}
	return rest[i:]
}

// counted reports whether the last w in s is itself the unit of a number
// ("76事業所85件のメールアドレス": 76 offices, then 85 addresses), so that it
// does not say what the next number counts.
func counted(s, w string) bool {
	i := strings.LastIndex(s, w)
	return i > 0 && text.IsDigitByte(s[i-1])
}

// headNounNotPeople reports whether the noun phrase after "N件の" is
// headed by something that is not a person's record: the phrase runs to
// the first particle that ends it, and its last noun is its head
// ("市への「お問い合わせ」があり" counts inquiries).
func headNounNotPeople(rest string) bool {
	end := len(rest)
	for _, p := range countFilters["phrase_ends"] {
		if i := strings.Index(rest, p); i >= 0 && i < end {
			end = i
		}
	}
	phrase := strings.TrimRight(rest[:end], "」』 ")
	if utf8.RuneCountInString(phrase) > countWindows.headPhrase {
		return false
	}
	for _, w := range countFilters["address"] {
		if strings.HasSuffix(phrase, w) {
			return false
		}
	}
	for _, w := range countFilters["inquiry_heads"] {
		if strings.HasSuffix(phrase, w) {
			return true
		}
	}
	return false
}

// labelCount reads a labelled bare count of a table row.
func labelCount(s string) (countMention, bool) {
	if t := strings.TrimRight(s, " \t\n\f\r"); t == "" || !text.IsDigitByte(t[len(t)-1]) {
		return countMention{}, false // every match ends with digits and white space
	}
	m := labelCountRE.FindStringSubmatchIndex(s)
	if m == nil {
		return countMention{}, false
	}
	v, ok := text.ParseNumber(s[m[4]:m[5]])
	if !ok || v <= 0 {
		return countMention{}, false
	}
	return countMention{Value: v, Approx: m[2] >= 0, Unit: "件", Start: m[4], End: m[5]}, true
}

// roundedFrom reports whether the count rounded is exact rounded to its
// own precision, the place of its last nonzero digit, of a hundred or
// more: 12,000 from 11,975, 10,000 from 9,650. Exact must have a nonzero
// digit below the next place down: 約19000名 is a part of 約2万名, no
// exact count of it.
func roundedFrom(rounded, exact int64) bool {
	if rounded <= 0 || exact <= 0 || rounded == exact {
		return false
	}
	place := int64(1)
	for rounded%(place*10) == 0 {
		place *= 10
	}
	if place < int64(countWindows.roundedPlace) || exact%(place/10) == 0 {
		return false
	}
	return (exact+place/2)/place*place == rounded
}

// Affected picks the notice's count of people or records: the largest of
// the counts stated in sentences about leaked data, where counts of the
// categories of one list, or of one sentence's bracketed categories, are
// added up first.
func Affected(w *text.Watch, sents []text.Sentence) (count int64, approx bool, evidence string, ok bool) {
	type pick struct {
		v      int64
		approx bool
		ev     string
	}
	var best pick
	consider := func(p pick) {
		switch {
		case roundedFrom(best.v, p.v):
			// 「最大1.2万人」 in the title, 「最大で1万1975人分」 in the body:
			// the exact count the rounded one was rounded from.
			best = p
		case roundedFrom(p.v, best.v):
		case p.v > best.v:
			best = p
		}
	}
	var group pick // running sum of consecutive list items
	groupN := 0
	var beforeGroup pick // best before the group's first item was considered
	lastNum := 0         // the enumerator of the group's last item, (3) → 3
	pending := false     // a heading-like line ended the group, unless the enumeration goes on
	underTotal := false  // the list follows a stated total: it is that total's breakdown
	flush := func() {
		if groupN >= countWindows.listItems && !underTotal {
			consider(group)
		}
		group, groupN, lastNum, pending, underTotal = pick{}, 0, 0, false, false
	}
	partsOfWhole := listsOfWholeGroups(sents)
	corrected := 0 // rows left under a table's header of figures before and after a correction
	for i, s := range sents {
		w.Check()
		bestBefore := best
		var cs []countMention
		if !partsOfWhole[i] {
			cs = findCounts(s.Text)
		}
		switch {
		case correctionHeader(s.Text):
			corrected = countWindows.correctionRows
		case corrected > 0:
			corrected--
			if len(cs) >= 2 {
				cs = cs[len(cs)-1:] // 「本事象の対象者 | 96,338名 | 4,458名」: the corrected figure
			}
		}
		if len(cs) == 0 {
			// A detail line under an item ("(氏名、住所、電話番号)",
			// "項目は、…") does not end the list; a sentence or heading does,
			// unless the next count goes on with the enumeration: a short
			// detail line "介護給付費明細等" under "(1)" reads as a heading.
			// The text's last line, cut short ("(氏名・生年月" reads as a
			// heading), closes nothing.
			cutShort := i == len(sents)-1 && text.LooksCut(s.Text)
			if !s.Item && !cutShort && (strings.HasSuffix(s.Text, "。") || text.IsHeading(s.Text)) {
				if lastNum > 0 && !strings.HasSuffix(s.Text, "。") {
					pending = true
				} else {
					flush()
				}
			}
			continue
		}
		if pending {
			if n := enumerator(s.Text); n == 0 || n != lastNum+1 {
				flush()
			}
			pending = false
		}
		succeeded := succeededPart(s.Text) // a break-in, whatever its words
		if !succeeded && !text.ContainsAny(s.Text, leakWords) && !text.ContainsAny(s.Heading, leakWords) && !s.Item && !underLeakHeading(sents, i) &&
			!(s.Heading != s.Text && labelHeadingRE.MatchString(s.Heading)) && !measuresLeakBefore(sents, i) {
			if groupN >= countWindows.listItems && (cs[0].Total || cs[0].Value == group.v) {
				// 「合計 214 件」 under its items: their total closes the
				// list, and a second round of the same mails listed after
				// it is no more of them.
				flush()
			}
			continue // (「(3)画像記録の件数 / 推定 12,058件」: the label says what it counts)
		}
		from := wholeBeforePart(s.Text, cs)
		if succeeded && best.v > cs[from].Value {
			// 「そのうちログインに成功したアカウント数: 約760件」 after the
			// accounts tried: the part that got in is the count.
			best = pick{cs[from].Value, cs[from].Approx, s.Text}
			continue
		}
		for _, c := range cs[from:] {
			consider(pick{c.Value, c.Approx, s.Text})
		}
		// Counts of categories joined in one sentence add up: 生徒19名及び
		// その保護者18名, 司会者1名及び講師2名.
		for k := from; k+1 < len(cs); k++ {
			if k > 0 && text.ContainsAny(s.Text[cs[k-1].End:cs[k].Start], countFilters["part"]) {
				break // "10名の方の…(うち4名の方の生年月日、3名の方の性別…)": parts of the count before
			}
			sum := pick{cs[k].Value, cs[k].Approx, s.Text}
			// Not into a stated total (「会員300名及び非会員50名、計350名」:
			// the total is its own reading), nor into the same people's
			// other field (「生徒356名の氏名、生徒330名の携帯電話番号」); but
			// other people's fields add up (「生徒19名の氏名、住所と、保護者
			// 18名の氏名」).
			for k+1 < len(cs) && !totalOfThoseBefore(s.Text, cs, k) && addsNext(s.Text, cs, k) &&
				!personsAndRecords(cs[k].Unit, cs[k+1].Unit) && !sameCategoryFields(s.Text, cs, k) {
				k++
				sum.v += cs[k].Value
				sum.approx = sum.approx || cs[k].Approx
			}
			consider(sum)
		}
		// Two categories joined by と that the sentence then says are each
		// affected (respective_after: 「取引先…2,234件と、従業員(…を含む)
		// …58,853件がそれぞれ該当」) add up however long the second's
		// category runs.
		for k := from; k+1 < len(cs); k++ {
			between := s.Text[cs[k].End:cs[k+1].Start]
			if strings.HasPrefix(between, "と") && respective(s.Text[cs[k+1].End:]) &&
				!text.ContainsAny(between, countFilters["part"]) && !personsAndRecords(cs[k].Unit, cs[k+1].Unit) {
				consider(pick{cs[k].Value + cs[k+1].Value, cs[k].Approx || cs[k+1].Approx, s.Text})
			}
		}
		// Bracketed counts of different categories in one sentence add up:
		// クレジットカード情報(38件)及び個人情報(1,244件). Not those of a
		// field of data (data_field: 氏名が41件(187人分)、住所が12件(59人
		// 分)): one person's name and address are both counted, so the
		// largest stands alone.
		var sum pick
		n := 0
		for k, c := range cs {
			if k > 0 && text.ContainsAny(s.Text[cs[k-1].End:c.Start], countFilters["part"]) {
				break // "202世帯(207人)分、うち…(151人)分": a part, not another category
			}
			if c.Total {
				n = 0 // "(計1,323名分) ・校長(222名) ・教頭(271名)": the total is stated, the rest its parts
				break
			}
			if c.Paren && k > 0 && cs[k-1].Paren && !strings.Contains(s.Text[cs[k-1].End:c.Start], ")") && personsAndRecords(cs[k-1].Unit, c.Unit) {
				continue // 「(18件:15名分)」: one bracket counts the same data by records and by people
			}
			if c.Paren && !fieldCategory(categoryOf(s.Text, cs, k)) {
				sum.v += c.Value
				sum.approx = sum.approx || c.Approx
				n++
			}
		}
		if n >= 2 {
			sum.ev = s.Text
			consider(sum)
		}
		// A list run into one line (PDF text flattened: 「(1) 白坪校区名簿
		// …対象者159人 … (2) 東町校区名簿…対象者40人」): its items'
		// counts add up as a list's lines do.
		if v, approx, ok := inlineItemsSum(s.Text, cs); ok {
			consider(pick{v, approx, s.Text})
		}
		// Pupils of different school years listed in one sentence add up
		// (「1学年生徒240名分の氏名、…、3学年生徒11名分の…」).
		if v, approx, ok := gradesSum(s.Text, cs[from:]); ok {
			consider(pick{v, approx, s.Text})
		}
		switch {
		case cs[0].Total:
			// "申請総数1,660件": the lines after it break the total down,
			// maybe at several levels; their sum is no count.
			flush()
			underTotal = true
		case (s.Item || lineIsItemLike(s.Text)) && utf8.RuneCountInString(s.Text) <= countWindows.itemLine && !strings.HasSuffix(s.Text, "。"):
			// An item that is a whole sentence ("・対象者480件に対し、謝罪の
			// 文書を送信しました。") tells a step taken, not a category of a
			// breakdown: its count is one reading, not a part to add up.
			if text.ContainsAny(s.Text, countFilters["part"]) {
				break // "- なお、上記のうち…128件": a part of the items above
			}
			if groupN >= 2 && cs[0].Value == group.v {
				break // "- 当選者44名に架電し…" after 15, 8 and 21: the items' total again, no category
			}
			if groupN == 0 {
				beforeGroup = bestBefore
			}
			group.v += cs[0].Value
			group.approx = group.approx || cs[0].Approx
			if group.ev == "" {
				group.ev = s.Text
			}
			groupN++
			lastNum = enumerator(s.Text)
		default:
			flush()
		}
	}
	if groupN >= countWindows.listItems && text.LooksCut(sents[len(sents)-1].Text) {
		// The text is cut inside a list: no sentence or heading closed
		// it, and its last line stops mid-way, so the list goes on past
		// the cut (pages are often kept to their first few hundred
		// characters). Neither the sum
		// of its items so far nor one item is the count: null beats a
		// part taken for the whole. (One item alone, "(1) 影響人数 1,595人"
		// before "(2) 内容", is a count of its own.)
		best = beforeGroup
		group, groupN = pick{}, 0
	}
	flush()
	if best.v == 0 {
		if c, ev, ok := misdeliveredItems(sents); ok {
			return c.Value, c.Approx, ev, true
		}
		if n, ev := letteredPersons(sents); n > 0 {
			return int64(n), false, ev, true
		}
		if ev, ok := onePerson(sents); ok {
			return 1, false, ev, true
		}
		return 0, false, "", false
	}
	return best.v, best.approx, best.ev, true
}

// correctionHeader reports whether line s names the figures before a
// correction and then those after it (filters.tsv correction_before, then
// correction_after): 「【訂正前】 11月7日(火)の発表 | 【訂正後】 11月20日
// (月)の発表」.
func correctionHeader(s string) bool {
	at := text.FirstIndexAny(s, countFilters["correction_before"])
	return at >= 0 && text.ContainsAny(s[at:], countFilters["correction_after"])
}

// succeededPart reports whether sentence s opens with a part word (うち,
// そのうち) and says the part is of attempts that succeeded (filters.tsv
// succeeded_part).
func succeededPart(s string) bool {
	t := strings.TrimPrefix(strings.TrimLeft(s, " ・-"), "その")
	return text.HasPrefixAny(t, countFilters["part"]) && text.ContainsAny(s, countFilters["succeeded_part"])
}

// measuresLeakBefore reports whether sentence i opens with a measure
// alone as its subject (labels.tsv measure: 「件数は1100件です。」) after
// sentences about leaked data (「…個人情報が記録されたUSBメモリを紛失…。
// USBメモリには…患者氏名、健康状態一覧が含まれております。」, the two
// before it): its count is of that data.
func measuresLeakBefore(sents []text.Sentence, i int) bool {
	if i == 0 || !measureLeadRE.MatchString(sents[i].Text) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if text.ContainsAny(sents[k].Text, leakWords) {
			return true
		}
	}
	return false
}

// wholeBeforePart is the index in cs, the counts of sentence s, of a part
// (「うち…(100名)」) whose clause tells the exposure or the leak while the
// sentence before the part tells none, and whose whole is the people
// something was sent to (whole_after right after its count), or whose
// clause says it holds personal data while the sentence before it names
// none (holdsPersonal: 「…9,668件で、このうち約700件は個人情報…が含ま
// れ」): the counts before it are of the whole that was sent to or lost
// (「326名に対して…一斉送信した際、うち一部の受験者(100名)について、…アド
// レスが表示される形で送信」), and the part is whose data was exposed. 0
// when there is no such part.
func wholeBeforePart(s string, cs []countMention) int {
	for k := 1; k < len(cs); k++ {
		between := s[cs[k-1].End:cs[k].Start]
		at := text.FirstIndexAny(between, countFilters["part"])
		if at < 0 {
			continue
		}
		before, after := s[:cs[k-1].End+at], s[cs[k].End:]
		sentTo := text.HasPrefixAny(strings.TrimLeft(between, ") "), countFilters["whole_after"])
		if sentTo && exposedOrLeaked(after) && !exposedOrLeaked(before) {
			return k
		}
		if holdsPersonal(after) && !namesPersonal(before) {
			return k // 「「領収控」延べ9,668件で、このうち約700件は個人情報(…)が含まれている」
		}
		return 0
	}
	return 0
}

// holdsPersonal reports whether the clause after a part's count says the
// part holds personal data: a part_holds word with a personal_data or
// data_field word before it (filters.tsv).
func holdsPersonal(after string) bool {
	clause, _, _ := strings.Cut(after, "。")
	at := text.FirstIndexAny(clause, countFilters["part_holds"])
	return at > 0 && namesPersonal(clause[:at])
}

// namesPersonal reports whether s names personal data: a personal_data or
// data_field word (filters.tsv).
func namesPersonal(s string) bool {
	return text.ContainsAny(s, countFilters["personal_data"]) || text.ContainsAny(s, countFilters["data_field"])
}

// exposedOrLeaked reports whether s holds a strong_leak word (data leaked
// or could be seen) or an addressee_exposed one (addresses shown to
// others).
func exposedOrLeaked(s string) bool {
	return text.ContainsAny(s, strongLeakWords) || text.ContainsAny(s, countFilters["addressee_exposed"])
}

// inlineItemsSum is the sum of the counts of a list that runs inside one
// sentence: enumerators (1), (2) … in order, at least list_items of them,
// each item holding exactly one count (the last, whose end is not marked,
// its first), all of people or all of records,
// none a total, a part (うち) or a field of data (氏名 100件, 住所 100件).
func inlineItemsSum(s string, cs []countMention) (int64, bool, bool) {
	if len(cs) < countWindows.listItems {
		return 0, false, false
	}
	var starts []int // where item n+1 opens, n from 0
	for _, loc := range inlineEnumeratorRE.FindAllStringSubmatchIndex(s, -1) {
		n, _ := strconv.Atoi(s[loc[2]:loc[3]])
		switch {
		case n == len(starts)+1:
			starts = append(starts, loc[0])
		case n == 1 && len(starts) < countWindows.listItems:
			starts = append(starts[:0], loc[0]) // a list starts over: the earlier (1) was not one
		}
	}
	if len(starts) < countWindows.listItems {
		return 0, false, false
	}
	var sum int64
	approx := false
	kind := ""
	for k, from := range starts {
		to := len(s)
		if k+1 < len(starts) {
			to = starts[k+1]
		}
		var in []countMention
		for _, c := range cs {
			if c.Start >= from && c.End <= to {
				in = append(in, c)
			}
		}
		if k == len(starts)-1 && len(in) > 1 {
			// Where the last item ends, the line does not tell (the text
			// after it runs on to the sentence's end): its first count is
			// its own.
			in = in[:1]
		}
		if len(in) != 1 {
			return 0, false, false
		}
		c := in[0]
		item := s[from:c.Start]
		ck := countUnitKind[c.Unit]
		if c.Total || text.ContainsAny(item, countFilters["part"]) || fieldCategory(item) ||
			!(isPersonKind(ck) || isRecordKind(ck)) || kind != "" && isPersonKind(ck) != isPersonKind(kind) {
			return 0, false, false
		}
		kind = ck
		sum += c.Value
		approx = approx || c.Approx
	}
	return sum, approx, true
}

// gradesSum is the sum of the person counts of sentence s whose category
// (the text since the count before) names a school year (filters.tsv
// grade after a numeral), the first count of each year, when two or more
// years are named: one year's pupils are no other's, however their data is
// listed. No total or part may stand among the counts.
func gradesSum(s string, cs []countMention) (int64, bool, bool) {
	seen := map[rune]bool{}
	var sum int64
	approx := false
	for k, c := range cs {
		if c.Total {
			return 0, false, false
		}
		category := categoryOf(s, cs, k)
		if text.ContainsAny(category, countFilters["part"]) {
			return 0, false, false
		}
		year, ok := lastGrade(category)
		if !ok || !isPersonKind(countUnitKind[c.Unit]) || seen[year] {
			continue
		}
		seen[year] = true
		sum += c.Value
		approx = approx || c.Approx
	}
	return sum, approx, len(seen) >= 2
}

// lastGrade is the school year the last grade word of category names, a
// numeral 1–6 or 一–六 right before it (「3学年生徒」 → '3', 「一年生」 →
// '1').
func lastGrade(category string) (rune, bool) {
	best, at := rune(0), -1
	for _, g := range countFilters["grade"] {
		for i := strings.LastIndex(category, g); i > 0; i = strings.LastIndex(category[:i], g) {
			r, _ := utf8.DecodeLastRuneInString(category[:i])
			if n := strings.IndexRune(gradeNumerals, r); n >= 0 {
				if i > at {
					year := utf8.RuneCountInString(gradeNumerals[:n]) % 6
					best, at = rune('1'+year), i
				}
				break
			}
		}
	}
	return best, at >= 0
}

// gradeNumerals are the numerals of school years, 1–6 then 一–六.
const gradeNumerals = "123456一二三四五六"

// inlineEnumeratorRE is an item's enumerator inside a line: (3) after a
// space or the line's start.
var inlineEnumeratorRE = regexp.MustCompile(`(?:^|\s)\((\d{1,2})\)`)

// underLeakHeading reports whether sentence i is a heading line of its
// own that stands right under a heading about leaked data (as leak says)
// with no count of its own: 「1)個人情報の漏洩」 over 「【調査結果】最大で
// 344名のお客さま」, a short line read as its own heading; not 「(内訳)…5件」
// under 「(1)申請書類 17人分」, a part of the count above.
func underLeakHeading(sents []text.Sentence, i int) bool {
	if i == 0 || sents[i].Heading != sents[i].Text {
		return false
	}
	above := sents[i-1].Heading
	return above != sents[i].Heading && text.ContainsAny(above, leakWords) && !countCue(above)
}

// enumerator is the number of an item "(3)…" or "3)…", or 0.
func enumerator(s string) int {
	m := enumeratorRE.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

var enumeratorRE = regexp.MustCompile(`^\(?(\d{1,2})\)`)

// respective reports whether the words right after a count (within
// respective_after of windows.tsv) say each category named is counted:
// 「…58,853件がそれぞれ該当」.
func respective(after string) bool {
	return text.ContainsAny(text.FirstRunes(after, countWindows.respectiveAfter), countFilters["respective_after"])
}

// joinedCounts reports whether the text between two counts joins two
// categories ("及びその保護者", "と", "、教員") rather than giving a part
// (うち), an alternative (除くと) or a bracket.
func joinedCounts(between string) bool { return joinedWithin(between, countWindows.joinedBetween) }

// joinedWithin is joinedCounts with a window of most characters between
// the two counts, annotations aside.
func joinedWithin(between string, most int) bool {
	between = withoutAnnotations(between)
	if utf8.RuneCountInString(between) > most || text.ContainsAny(between, countFilters["not_joined"]) {
		return false
	}
	return text.ContainsAny(between, countFilters["joined"])
}

// withoutAnnotations is s less each bracket that only marks a note, its
// content opening with an annotation word of filters.tsv (「(※)」, 「(※1)」,
// 「(注2)」).
func withoutAnnotations(s string) string {
	for from := 0; ; {
		i := strings.Index(s[from:], "(")
		if i < 0 {
			return s
		}
		i += from
		j := strings.Index(s[i:], ")")
		if j < 0 || !text.HasPrefixAny(s[i+1:], countFilters["annotation"]) || j > 8 {
			from = i + 1
			continue
		}
		s = s[:i] + s[i+j+1:]
		from = i
	}
}

// categoryOf is the text that names the category of count k of cs in s:
// the text since the count before, or, for a count in brackets right
// after another (氏名が41件(187人分)), the other's.
func categoryOf(s string, cs []countMention, k int) string {
	if k > 0 && strings.TrimSpace(s[cs[k-1].End:cs[k].Start]) == "(" {
		k--
	}
	from := 0
	if k > 0 {
		from = cs[k-1].End
	}
	return s[from:cs[k].Start]
}

// personsAndRecords reports whether two joined counts are one of persons
// and one of records (「計7名分、38件」), or of households and persons
// (「22世帯、23人」): the second counts the first's people again, not
// more people.
func personsAndRecords(a, b string) bool {
	ka, kb := countUnitKind[a], countUnitKind[b]
	return isPersonKind(ka) && isRecordKind(kb) || isRecordKind(ka) && isPersonKind(kb) ||
		ka == unitHousehold && isPersonKind(kb) || isPersonKind(ka) && kb == unitHousehold
}

// fieldCategory reports whether the category a count is of, the text
// before it since the count before (its last part, after a comma or a
// closing mark), opens with a field of personal data (data_field): 「、住所
// が12件(59人分)」 counts the people whose address leaked, who overlap
// with those whose name did.
func fieldCategory(before string) bool {
	return text.HasPrefixAny(lastCategory(before), countFilters["data_field"])
}

// addsNext reports whether count k+1 of cs in s is of another category,
// by the text between the two: one that excludes the first's
// (disjointCategories), or one joined to it (joinedCounts, or two
// categories' fields, fieldsOfTwoCategories) that is no field of the same
// people (joinedFieldCategory).
func addsNext(s string, cs []countMention, k int) bool {
	between := s[cs[k].End:cs[k+1].Start]
	return disjointCategories(between) ||
		(joinedCounts(between) || fieldsOfTwoCategories(s, cs, k)) && !joinedFieldCategory(between)
}

// disjointCategories reports whether the text between two counts names
// the second's category as excluding the first's (filters.tsv disjoint:
// 「クレジットカード情報が2153件、クレジットカード情報を除く個人情報が
// 3484件」), within joined_fields_between characters and with no part
// word: two sets of people or records that add up.
func disjointCategories(between string) bool {
	return text.ContainsAny(between, countFilters["disjoint"]) && !text.ContainsAny(between, countFilters["part"]) &&
		text.RuneCountTo(between, countWindows.joinedFieldsBetween+1) <= countWindows.joinedFieldsBetween
}

// joinedFieldCategory is fieldCategory for the second of two joined
// counts, which also reads joined_field: 「個人情報は9万2685名分、
// クレジットカード情報5万2958名分」 counts the card holders among the people.
func joinedFieldCategory(between string) bool {
	c := lastCategory(between)
	return text.HasPrefixAny(c, countFilters["data_field"]) || text.HasPrefixAny(c, countFilters["joined_field"])
}

// lastCategory is the last part of before, after a comma or a closing
// mark: the category the count after it is of.
func lastCategory(before string) string {
	if i := strings.LastIndexAny(before, "、,>】」) "); i >= 0 {
		_, size := utf8.DecodeRuneInString(before[i:])
		before = before[i+size:]
	}
	return before
}

// totalOfThoseBefore reports whether count k+1 of cs in s is a stated
// total (計, 合計) that names no category of its own: the total of the
// counts before it (「会員300名及び非会員50名、計350名」), not one more
// category to add. A category's own subtotal is (「クラス名簿5クラス計186人
// 分と、6クラス計225人分の…」: two lists, each totalled).
func totalOfThoseBefore(s string, cs []countMention, k int) bool {
	if !cs[k+1].Total {
		return false
	}
	between := strings.TrimSpace(lastCategory(s[cs[k].End:cs[k+1].Start]))
	for q, means := range countQualifier {
		if means == qualTotal && strings.HasSuffix(between, q) && strings.TrimSpace(strings.TrimSuffix(between, q)) == "" {
			return true // the total's word stands between, if the mention does not hold it
		}
	}
	return between == ""
}

// sameCategoryFields reports whether counts k and k+1 of cs in s are each
// followed by の and a field of personal data (countOfField) and count the
// same category, named again or not named (「生徒356名の氏名、生徒330名の
// 携帯電話番号」, 「…、330名の携帯電話番号」): the people whose name, and
// whose phone number, leaked, who overlap. Two categories (生徒, 保護者)
// are different people.
func sameCategoryFields(s string, cs []countMention, k int) bool {
	if !countOfField(s[cs[k].End:]) || !countOfField(s[cs[k+1].End:]) {
		return false
	}
	first := strings.TrimSpace(lastCategory(categoryOf(s, cs, k)))
	second := strings.TrimSpace(lastCategory(s[cs[k].End:cs[k+1].Start]))
	// 「同校第2学年生徒156名の氏名、生徒130名の…」: the second names the
	// first again, shorter.
	return second == "" || strings.HasSuffix(first, second) || strings.HasSuffix(second, first)
}

// fieldsOfTwoCategories reports whether counts k and k+1 of cs in s are
// each followed by の and a field of personal data (countOfField) and each
// count a category named before it, joined within joined_fields_between
// characters (windows.tsv): 「全学部生1194人分の氏名や性別、受験生428人分の
// 氏名や出身校」 are two groups of people, however many fields the first's
// list runs to. (sameCategoryFields still tells one group named twice.)
func fieldsOfTwoCategories(s string, cs []countMention, k int) bool {
	between := s[cs[k].End:cs[k+1].Start]
	if !joinedWithin(between, countWindows.joinedFieldsBetween) || !countOfField(s[cs[k].End:]) || !countOfField(s[cs[k+1].End:]) {
		return false
	}
	first := strings.TrimSpace(lastCategory(categoryOf(s, cs, k)))
	second := strings.TrimSpace(lastCategory(withoutAnnotations(between)))
	return first != "" && second != ""
}

// countOfField reports whether the words after a count are の and a field
// of personal data (data_field): 「生徒356名の氏名」 counts the people whose
// name leaked, who overlap with those of 「生徒330名の携帯電話番号」.
func countOfField(after string) bool {
	rest, ok := strings.CutPrefix(after, "の")
	return ok && text.HasPrefixAny(rest, countFilters["data_field"])
}

// lineIsItemLike: "(1) ユーザー様の個人情報 23,508件", "学内学生…85件" and
// "ア 受検者291名の…" (filters.tsv item_mark) are items of a breakdown even
// without a bullet.
func lineIsItemLike(s string) bool {
	return strings.HasPrefix(s, "(") || text.ContainsWord(s, "…") || strings.Contains(s, ":") || katakanaEnumerated(s)
}

// katakanaEnumerated reports whether s opens with an item_mark katakana
// of filters.tsv standing alone: a space, a mark or any rune but katakana
// after it (「ア 令和7年度…」, normalized 「ア令和7年度…」), not a word that
// begins with it (アカウント, イベント).
func katakanaEnumerated(s string) bool {
	for _, m := range countFilters["item_mark"] {
		if rest, ok := strings.CutPrefix(s, m); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return rest != "" && !unicode.Is(unicode.Katakana, r) && r != 'ー' && r != '・'
		}
	}
	return false
}
