package timeline

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/reportno"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// kindRule says which words in a clause make a dated event of a kind
// (rules/timeline/kinds.tsv). Rules are tried in order; the first that
// matches wins.
type kindRule struct {
	kind        string
	groups      []text.WordList // a word of each must be in the clause
	unlessWords text.WordList   // and none of these
	// need and unless are the bits of groups and unlessWords among the
	// lists of kindLists, whose In tells all rules' lists at once.
	need, unless uint64
}

// holds reports whether the rule holds for a clause in which the lists
// found (kindLists.In) have a word: every list it needs, none it is
// unless.
func (r kindRule) holds(found uint64) bool { return found&r.need == r.need && found&r.unless == 0 }

// kindOf is the kind of the first rule that holds for clause, or other.
// One scan of the clause (kindLists) tells which lists of every rule
// have a word in it: the two hundred words of the rules checked one by
// one, even against the clause's rune mask first, were a tenth of the
// extraction of a one-sentence notice.
func kindOf(clause string) string { return kindFound(kindLists.In(clause)) }

// kindFound is the kind of the first rule that holds for a clause in
// which the lists found have a word, or other.
func kindFound(found uint64) string {
	for _, r := range kindRules {
		if r.holds(found) {
			return r.kind
		}
	}
	return schemas.EventOther
}

// classifyClause is the kind of event a clause tells of. One scan of it
// (kindLists) tells which lists have a word in it: the masked nouns, the
// words of an incoming report and those of the kind rules; the masks and
// scans of each list one by one were half the cost.
func classifyClause(clause string) string {
	clause = withoutLongQuotes(clause)
	found := kindLists.In(clause)
	if found&clauseBits.maskedNoun != 0 {
		clause = maskedNouns.Replace(clause) // the replacer allocates: only when a noun is there
		found = kindLists.In(clause)
	}
	if found&clauseBits.from != 0 && found&clauseBits.incomingNoun != 0 && found&clauseBits.incomingNotIf == 0 && incomingReport(clause) {
		return schemas.EventDiscovered
	}
	return kindFound(found)
}

// withoutBrackets is s with each bracketed span, brackets and all, cut
// out (「((木曜日)に発送)」 whole); a bracket left open, and a closing one
// with no opener, stay. One pass: the output's length at each open
// bracket is kept, and a closing one cuts the output back to it.
func withoutBrackets(s string) string {
	b := make([]byte, 0, len(s))
	var opens []int
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(':
			opens = append(opens, len(b))
			b = append(b, c)
		case c == ')' && len(opens) > 0:
			b = b[:opens[len(opens)-1]]
			opens = opens[:len(opens)-1]
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// incomingCue reports whether clause holds から or より, with which every
// match of incomingReportRE begins.
func incomingCue(clause string) bool { return text.ContainsAny(clause, fromWords) }

// commaLed reports whether a date's clause opens with a comma, after a
// weekday and a time of day: 「7月24日(水)18時頃、…」.
func commaLed(clause string) bool {
	c := strings.TrimLeft(trimWeekdayLead(clause), " ")
	if n := timeLead(c); n > 0 {
		c = strings.TrimLeft(c[n:], " ")
	}
	c = strings.TrimPrefix(c, "に") // 「12月17日に、…が判明いたしました」
	return strings.HasPrefix(c, "、") || strings.HasPrefix(c, ",")
}

// labelLed reports whether a date labels the line it opens: nothing
// stands before it, and what follows (after a weekday) is no event opener
// (dates/event_openers.tsv) but the line's own words.
func labelLed(before, clause string) bool {
	return !hasLetter(before) && titleAfterDate(strings.TrimLeft(trimWeekdayLead(clause), " "))
}

// subjectOnly reports whether a date's own clause ends in a subject and
// its comma (「送付先が、」): it has no verb, which the sentence's end holds.
func subjectOnly(short string) bool {
	return text.HasSuffixAny(strings.TrimRight(short, "、, "), subjectParticles)
}

// joinedByNiComma reports whether clause, the text after a date, opens
// with に and a comma (「…において、10月12日に、…紛失したことが判明」): the
// comma sets the date off from what was found, wherever the date stands.
func joinedByNiComma(clause string) bool {
	c := strings.TrimLeft(trimWeekdayLead(clause), " ")
	return strings.HasPrefix(c, "に、") || strings.HasPrefix(c, "に,")
}

// finalClauseFound reports whether the last clause of sentence s (after
// its last comma) tells a discovery: the sentence's main verb.
func finalClauseFound(s string) bool {
	last := s
	if i := text.Commas.LastIndex(s); i >= 0 {
		last = s[i:]
	}
	return classifyClause(last) == schemas.EventDiscovered
}

// addressedRE: a clause that names who told the organization and stops
// before what was told (…から本市に対し、).
var addressedRE = regexp.MustCompile(text.OrderedAlternation(fromWords) + `[^、。]` + reach("addressed_lead") + addresseeAlt + `、\s*$`)

// addressedCue reports whether clause holds から or より and ends with 、
// and white space, as every match of addressedRE does.
func addressedCue(clause string) bool {
	return strings.HasSuffix(strings.TrimRight(clause, " \t\n\f\r"), "、") && incomingCue(clause)
}

// scopeRE: a date that bounds whose data is concerned — "3月16日までに
// 会員登録をされたお客様", "平成30年3月19日以前に問い合わせをした方" — or
// tells how things stood then, maybe at a clock time ("11月8日2時時点で
// 確認できている情報") — names no event.
// shareRE: a date followed by a share word (clause_words.tsv share),
// maybe after a weekday in brackets, names records, not an event:
// 「3月27日(火曜日)分の当該記録票」; or by a bound word (bound), the
// people it bounds: 「2017年12月までに手続きを完了した方」.
var shareRE = regexp.MustCompile(`^\s*(?:[(][^)]{0,12}[)])?\s*` + text.OrderedAlternation(append(slices.Clip(shareWords), boundWords...)))

var scopeRE = regexp.MustCompile(`^\s*(?:[(][^)]{0,12}[)])?\s*(?:\d{1,2}(?:時\d{0,2}分?|:\d{2})\s*)?` + text.OrderedAlternation(scopeWords))

// longQuoteRE is a quotation long enough to be what someone said or
// wrote (「個人情報が漏れている…」との電話), whose verbs are not the event.
var longQuoteRE = regexp.MustCompile(`「[^「」]{` + strconv.Itoa(timelineWeights["long_quote_runes"]) + `,}」`)

// periodStartRE: a date that opens a period (7月3日から, 17:04以降) starts
// a state, not a discovery.
var periodStartRE = regexp.MustCompile(`^\s*(?:[(][^)]{0,12}[)])?\s*(?:` + text.OrderedAlternation(dates.PeriodTimes) + `?\d{1,2}(?:時\d{0,2}分?|:\d{2})` + text.OrderedAlternation(dates.RangeTimeMarks) + `?)?\s*` + text.OrderedAlternation(periodStartWords))

// namesScope reports whether clause, the text after a date, makes the date
// bound whose data is concerned or tell how things stood then (scopeRE,
// shareRE): 「4月1日現在65歳以上の方」 names no event.
func namesScope(clause string) bool {
	return mayBeScope(clause) && (scopeRE.MatchString(clause) || shareRE.MatchString(clause))
}

// classifyMention decides what happened on the day a date mention names
// (mentionKind). A date right after an inquiry's result (「本人に聞き取りを
// 行ったところ、10月17日に本人が…入れたところまでは確認ができました」) is of
// what the inquiry found, not of the finding: an occurrence if its clause
// tells of one, else no event.
//
// afterDate says whether a date of the sentence comes before m: the
// caller's mentions tell it, not another scan of the text.
func classifyMention(txt string, m dates.Mention, clauseEnd int, rangeStart, afterDate bool) string {
	if announced(txt, m) {
		return schemas.EventPublished // 「○○は7月22日、…と明らかにしました」
	}
	if m.Year == 0 && announcedAt(txt, m) {
		// 「井上商事株式会社は6月7日、…流出した可能性があると発表した」:
		// the day of the announcement, whose year is not said
		// (yearlessAnnouncement), is no day of what it tells.
		return schemas.EventOther
	}
	if toldAtEnd(txt[:m.Start]) != nil && receivedFromRE.MatchString(txt[m.End:clauseEnd]) {
		// 「…とのご連絡を3月2日以降、社外の方からいただいております」:
		// reports received from that day on, the first on it; 「…との報告を
		// 1月21日、委託先から受けたというもの」: the report received that
		// day, whatever the clause's ending qualifies.
		return schemas.EventDiscovered
	}
	if told := toldAtEnd(txt[m.End:clauseEnd]); told != nil && receivedFromRE.MatchString(txt[clauseEnd:]) {
		// 「これは1月20日、…不正なアクセスがあり、…との報告を1月21日、…から
		// 受けた」: the report is the next date's; this one's is only what
		// the report tells.
		if classifyClause(txt[m.End:m.End+told[0]]) == schemas.EventOccurred {
			return schemas.EventOccurred
		}
		return schemas.EventOther
	}
	if attr, ok := attributiveClause(txt[m.End:clauseEnd]); ok && afterDate {
		// 「11月30日(木)、11月21日(火)に業務で使用した当該USBメモリーを紛失
		// していることに気づき」: a date after the one that governs the
		// sentence is the day of the clause that qualifies a noun. (The
		// first date governs: 「1月9日(木)に漏えいした個人情報を閲覧した方か
		// ら…連絡が入り」.)
		if k := classifyClause(attr); k == schemas.EventDiscovered || k == schemas.EventOccurred {
			return k
		}
		return schemas.EventOther
	}
	k := mentionKind(txt, m, clauseEnd, rangeStart)
	if k == schemas.EventDiscovered && afterInquiry(txt[:m.Start]) && !ongoingConfirmed(txt[m.End:clauseEnd]) {
		if classifyOccurred(txt[m.End:clauseEnd]) {
			return schemas.EventOccurred
		}
		return schemas.EventOther
	}
	return k
}

// toldAtEnd is where a told noun and its を end clause (toldBeforeRE),
// else nil. A clause that does not end in を (but for spaces) is left at
// once: every date mention would otherwise run the regexp.
func toldAtEnd(clause string) []int {
	if !strings.HasSuffix(strings.TrimRight(clause, " "), "を") {
		return nil
	}
	return toldBeforeRE.FindStringIndex(clause)
}

// ongoingConfirmed reports whether clause, after a date, confirms a state
// going on (an ongoing ending of found_event.tsv, こと, then a confirm
// verb): 「調査を行ったところ、6月6日夜にランサムウェアによる被害が発生して
// いることを確認しました」 found it on that day, which is the finding's
// (GUIDE.md: 「…が発生していることを確認した」), not only what was found.
func ongoingConfirmed(clause string) bool {
	for _, o := range foundEvent.ongoing {
		if i := strings.Index(clause, o+"こと"); i >= 0 && text.ContainsAny(clause[i:], foundEvent.confirm) {
			return true
		}
	}
	return false
}

// announced reports whether date m of sentence txt is a news report's day
// of announcement: right after the subject's topic (は) and before a
// comma, in a sentence that ends with an announcing verb (announce.tsv:
// 「○○は2024年7月22日、…漏えいしたと明らかにしました」). The date must
// write its year: the article's own year is what a year-less one leaves
// unsaid.
func announced(txt string, m dates.Mention) bool {
	if m.Year == 0 {
		return false // 「…は8月15日、…と発表した」: which year is not said (yearlessAnnouncement)
	}
	return announcedAt(txt, m)
}

// announcedAt is announced for a date with or without its year. Its
// weekday and に may stand before the comma (「JR九州は2019年4月12日(金)
// に、…と公表しました」), and a comma after the topic (「…(以下、同社)が、
// 2023年2月20日に、…を公表しました」). The date may open the sentence too,
// the subject after its comma with が (「2025年5月21日、…株式会社が、…を公
// 表しました」), or close it after the quoted announcement, に and its verb
// alone (announce.tsv quoted: 「…可能性があると平成30年10月9日に発表しまし
// た」).
func announcedAt(txt string, m dates.Mention) bool {
	before := strings.TrimSpace(txt[:m.Start])
	after := strings.TrimLeft(trimWeekdayLead(txt[m.End:]), " ")
	if before == "" {
		// 「2025年5月21日、…株式会社が、…を公表しました」: the date opens
		// the lead, its subject after; not 「令和6年7月17日に、委託先が…
		// を公表しました」, a notice telling of another's announcement.
		if !strings.HasPrefix(after, "、") || !strings.Contains(after, "が") {
			return false
		}
	} else if quoted, ok := strings.CutSuffix(before, "と"); ok && quoted != "" {
		// 「…流出した可能性があると平成30年10月9日に発表しました」: the
		// announcement's content quoted before its date; not the police's
		// (「…問題で、警視庁が容疑者を逮捕したと…に発表した」).
		verb, ok := strings.CutPrefix(after, "に")
		return ok && slices.Contains(announceWords["quoted"], strings.TrimRight(strings.TrimSpace(verb), "。")) && !policeWords.In(txt)
	} else if topic, comma := strings.CutSuffix(before, "、"); !text.HasSuffixAny(topic, announceWords["topic"]) ||
		!strings.HasPrefix(strings.TrimPrefix(after, "に"), "、") || comma && !strings.HasPrefix(after, "に") {
		// A comma after the topic needs the date's に: 「…社員が、2019年9月2日
		// (月)、…盗難に遭う…」 tells when the theft was.
		return false
	}
	end := strings.TrimRight(strings.TrimSpace(txt), "。")
	if strings.HasSuffix(end, ")") {
		// 「…と発表した(関連記事1関連記事2)」: a news page's aside after the verb.
		if j := strings.LastIndex(end, "("); j > 0 {
			end = strings.TrimSpace(end[:j])
		}
	}
	if last, _ := utf8.DecodeLastRuneInString(end); !announceLastRunes.Has(last) {
		return false // most sentences end in no announcing verb: one lookup, not one per ending
	}
	return text.HasSuffixAny(end, announceWords["ending"])
}

// announcedIn reports whether a date of sentence s is announced: a news
// report's own day, as the notice's date is a release's.
func announcedIn(s string) bool {
	return slices.ContainsFunc(dates.Find(s), func(m dates.Mention) bool { return announced(s, m) })
}

// attributiveClause returns the clause after a date that qualifies a
// noun, when the date is joined to its verb by に and that verb, ending in
// た, stands right before a noun (「…に業務で使用した当該USBメモリー」, 「…に
// 送付した書類に」): the date is that clause's, not the sentence's. Only
// within the date's own clause (to its first boundary).
func attributiveClause(clause string) (string, bool) {
	body := strings.TrimLeft(trimWeekdayLead(clause), " ")
	joined := false
	for _, p := range [...]string{"頃に", "ごろに", "に"} {
		if rest, ok := strings.CutPrefix(body, p); ok {
			body, joined = rest, true
			break
		}
	}
	if !joined {
		return "", false
	}
	short := body
	if i := clauseBoundary(body); i >= 0 {
		short = body[:i]
	}
	for i := 0; ; {
		j := strings.Index(short[i:], "した")
		if j < 0 {
			return "", false
		}
		end := i + j + len("した")
		if r, _ := utf8.DecodeRuneInString(short[end:]); unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r) {
			return clause[:len(clause)-len(body)+end], true
		}
		i = end
	}
}

// afterInquiry reports whether before, the sentence up to a date, ends
// with the result clause of an inquiry (「…確認したところ、」): a clause
// holding an inquiry word (clause_words.tsv inquiry) then ところ and a comma.
func afterInquiry(before string) bool {
	before = strings.TrimRight(before, " ")
	for _, c := range [...]string{"、", ","} {
		if r, ok := strings.CutSuffix(before, c); ok && text.HasSuffixAny(r, inquiryResults) {
			return true // 「調査の結果、2024年3月20日に攻撃者が…侵入したことを確認」
		}
	}
	var rest string
	var ok bool
	for _, c := range [...]string{"ところ、", "ところ,"} {
		if rest, ok = strings.CutSuffix(before, c); ok {
			break
		}
	}
	if !ok {
		return false
	}
	if i := text.Commas.LastIndex(rest); i >= 0 {
		rest = rest[i:]
	}
	return text.ContainsAny(rest, inquiryWords)
}

// namesAttribute reports whether the date mention m of txt, whose clause
// ends at end and whose and-joined group (or range) ends with mention
// last, only qualifies a thing: it or its group's last names a scope or a
// share (namesScope, shareRE: 3月27日分の記録票, 7月1日~10月11日までに…
// 寄附をされた方) or its group's own clause is a plan (planHeads: 12月21日、
// 22日開催の講習会).
func namesAttribute(txt string, m, last dates.Mention, end int) bool {
	if namesScope(txt[m.End:end]) || shareRE.MatchString(txt[m.End:]) {
		return true
	}
	if last.End > end {
		return false
	}
	if namesScope(txt[last.End:end]) {
		return true // 「平成27年7月1日~平成28年10月11日までに…寄附をされた方」: the range is whose
	}
	body := strings.TrimLeft(trimWeekdayLead(txt[last.End:end]), "、, ")
	if i := clauseBoundary(body); i >= 0 {
		body = body[:i]
	}
	return text.ContainsAny(body, planHeads) && !heldDuring(body)
}

// heldDuring reports whether clause, a date's own one holding a plan
// word, tells what happened in the course of what was held (during
// words: 「…に実施したシステム移行作業の際に」, 「…に実施した検定において」),
// not of what was to come: a word of plan_words.tsv (開催予定のセミナーに
// おいて, reportno.MentionsPlan) keeps the plan a plan.
func heldDuring(clause string) bool {
	return text.ContainsAny(clause, duringWords) && !reportno.MentionsPlan(clause)
}

// heldDuringNext reports whether short, a date's own clause of body that
// ends in a held event's verb and a comma (「2020年12月10日に実施した、」),
// qualifies the noun of the next clause, which tells what happened during
// it (「システムの保守作業中に発生したもの」): a comma set where none
// belongs.
func heldDuringNext(body, short string) bool {
	if !strings.HasSuffix(short, "した") {
		return false
	}
	next := strings.TrimLeft(body[len(short):], "、, ")
	if i := clauseBoundary(next); i >= 0 {
		next = next[:i]
	}
	return next != "" && heldDuring(next)
}

// mentionKind decides what happened on the day a date mention names,
// from the shortest clause after it, then the clause to the next date,
// then the rest of the sentence.
func mentionKind(txt string, m dates.Mention, clauseEnd int, rangeStart bool) string {
	clause := txt[m.End:clauseEnd]
	body := strings.TrimLeft(trimWeekdayLead(clause), "、, ")
	short := body
	if i := clauseBoundary(body); i >= 0 {
		short = body[:i]
	}
	// (Not when the date names a thing's share or its dating: in 「紛失した
	// のは2011年3月9日付の綴りで」 what was lost is the ledger, not the day.)
	if k := modifyingClauseKind(txt[:m.Start]); k != schemas.EventOther && !shareRE.MatchString(clause) {
		return k
	}
	// A date whose own clause is a plan (「8月2日に開催予定の…」, 「7月1日に
	// 公表予定です」) tells of what was to come, not of what happened.
	if text.ContainsAny(short, planHeads) && !heldDuring(short) && !heldDuringNext(body, short) {
		return schemas.EventOther
	}
	// A date that a clause of no event modifies (「当該車両が納入された3月1日
	// には、…挿入されていたことを確認しました」) names that clause's day, not
	// the main verb's, which an earlier date of the sentence governs.
	if m.Start > 0 && text.HasSuffixAny(strings.TrimRight(txt[:m.Start], " "), passiveAttributes) {
		return schemas.EventOther
	}
	if !rangeStart && namesScope(clause) {
		return schemas.EventOther
	}
	start := mayStartPeriod(clause) && periodStartRE.MatchString(clause)
	if rangeStart {
		// The start of a period in which data leaked or lay open is the
		// start of the incident: "3月1日~3月14日の期間に購入されたお客様の
		// カード情報が漏えいし".
		registered := text.ContainsAny(txt, registeredWords)
		if (text.ContainsAny(txt, leakPeriodWords) || cardUsePeriod(txt)) && !registered {
			return schemas.EventOccurred
		}
		if registered {
			// 「4月1日~7月13日に異動届を受け付けた住民675名分」: the period
			// says whose data it was, whatever verb ends the sentence.
			return schemas.EventOther
		}
		start = true
	}
	// A period that opens a routine of the body (「事業者を3月22日から…募集
	// しており、…案内を電子メールにより送信しています」) tells how things
	// have run since, no event of the incident, when its own clause tells
	// none.
	if start && !rangeStart && text.ContainsAny(short, routineWords) && classifyClause(short) == schemas.EventOther {
		return schemas.EventOther
	}
	// "6月6日、委託事業者から本市に対し、同年5月26日に…被害を受けた旨の
	// 報告がありました": the clause is addressed to the organization and
	// its verb comes after the next date, so read it to the sentence end.
	if addressedCue(clause) && addressedRE.MatchString(clause) && incomingReport(txt[m.End:]) {
		return schemas.EventDiscovered
	}
	// A date whose own clause is an act in the course of which something
	// happened (「7月26日に…を行う際に、…に不具合が混入し、…が発覚しました」)
	// is that happening's day, whatever was found later in the sentence.
	if k := duringEventKind(body, short); k != schemas.EventOther {
		return k
	}
	// A date set off by a comma ("7月24日、…を検知いたしました") dates the
	// sentence's main verb, which ends it: read every clause, where a
	// discovery anywhere wins, before the first clause alone (whose 設定に
	// 不備があり says what was found, not what happened that day).
	// So does a date that labels its line, opening the sentence with no
	// particle after it (「10月11日 送付先が、…に気付き、保健所に連絡」, a
	// line of a list of the course of events).
	led := commaLed(clause) || labelLed(txt[:m.Start], clause) && subjectOnly(short)
	kind := schemas.EventOther
	if led {
		kind = classifyPieces(body)
	}
	if kind == schemas.EventOther {
		kind = classifyClause(short)
	}
	if kind == schemas.EventOther {
		kind = classifyPieces(body)
	}
	if kind == schemas.EventOther {
		kind = classifyClause(clause)
		if kind == schemas.EventOther {
			kind = classifyClause(strings.TrimSpace(txt[:m.Start] + clause))
			if (kind == schemas.EventOccurred || kind == schemas.EventDiscovered) &&
				text.HasSuffixAny(strings.TrimRight(txt[:m.Start], " 、,"), topicEnds) {
				// Not the words of a topic that frames the sentence: in
				// 「…内部情報が流出した件について、4月27日付けで…委員会を
				// 設置し」 the date's event is what follows it, no incident.
				kind = schemas.EventOther
			}
		}
	}
	// "6月5日に不正アクセスを受けたことが判明": the date is inside the
	// clause that was found. A date followed by a comma governs the main
	// verb instead; so does one that opens its sentence and a time of day
	// and a comma follow (「9月18日午前11時頃、…感染したことが判明」), not
	// one inside what was found (「確認したところ、4月14日8時30分頃、…配布
	// された名簿であり」).
	if kind == schemas.EventDiscovered && !strings.HasPrefix(strings.TrimLeft(trimWeekdayLead(clause), " "), "、") &&
		!(led && (!hasLetter(txt[:m.Start]) || joinedByNiComma(clause))) {
		if i := embeddedAt(clause); i >= 0 && classifyClause(clause[:i]) == schemas.EventOccurred &&
			!(confirmedAt(clause, i) && foundOccurrence(strings.TrimLeft(trimWeekdayLead(clause), "、, "))) &&
			!text.HasSuffixAny(clause[:i], foundEvent.ongoing) && !text.HasSuffixAny(clause[:i], foundEvent.possible) {
			// (「9月28日に…高負荷状態が発生したことを確認」 confirms it that
			// day: a discovery, and foundOccurrence adds the occurrence.
			// 「11月5日に紛失していることが判明」 found a state that held
			// that day: the day is the finding's, whatever the verb; so
			// did 「25日に…感染していたおそれがあることが判明」, a
			// possibility, which dates no event of its own.)
			kind = schemas.EventOccurred
		}
	}
	if start && kind == schemas.EventDiscovered {
		if classifyOccurred(clause) {
			return schemas.EventOccurred
		}
		if rangeStart && incomingReport(clause) || quotedReportRE.MatchString(clause) {
			// 「2月2日(木)~3日(金) 複数事業所から…誤記載について連絡」,
			// 「1月15日10時以降、…方から、…表示された旨の連絡が…にあった」:
			// reports that came in over the days, the first on the first.
			return schemas.EventDiscovered
		}
		if text.ContainsAny(clause, seriesWords) {
			// 「…が10月28日以降に順次判明しました」: findings one after
			// another from that day, the first on it.
			return schemas.EventDiscovered
		}
		return schemas.EventOther
	}
	if kind == schemas.EventOther && causeStatementWords.In(txt) {
		return schemas.EventOccurred
	}
	// "個人情報保護委員会には3月20日に報告済みであり、また、所轄警察署にも
	// 3月30日被害申告": the clause to the next date names the police, but
	// the date's own clause names only the regulator.
	if kind == schemas.EventPolice && regulatorOnly(ownClause(txt, m)) {
		return schemas.EventReported
	}
	// "所轄警察署にも3月30日被害申告しております": the words after the date
	// alone read as a discovery (申告), but its clause is a report to the
	// police.
	if kind == schemas.EventDiscovered && classifyClause(ownClause(txt, m)) == schemas.EventPolice {
		return schemas.EventPolice
	}
	return kind
}

// trailsSentence reports whether sentence i, a date alone, closes the
// line of the sentence before it: that sentence ends in 。 on the same
// line, and the date is set in brackets (「…ラックに置いた。【10月25日】」).
func trailsSentence(sents []DatedSentence, i int) bool {
	if i == 0 || sents[i-1].Line != sents[i].Line || !strings.HasSuffix(sents[i-1].Text, "。") {
		return false
	}
	t := strings.TrimSpace(sents[i].Text)
	return text.HasPrefixAny(t, trailingDateOpeners)
}

// trailingDateOpeners open a date set in brackets after a sentence.
var trailingDateOpeners = []string{"【", "(", "[", "〔"}

// cardUsePeriod reports whether t says payment cards were used or entered,
// not kept (timeline/card_period.tsv): the period it dates is the window
// in which their data was taken, its start the incident's.
func cardUsePeriod(t string) bool {
	return text.ContainsAny(t, cardPeriod["card"]) && text.ContainsAny(t, cardPeriod["use"]) &&
		!text.ContainsAny(t, cardPeriod["stored"])
}

// leakPeriodLabel reports whether t, the line above a line of a range of
// dates alone, labels the period data lay open (clause_words.tsv
// period_label and a leak_period.tsv word, no 。): 「閲覧の可能性がある
// 期間(情報が閲覧できる状態だった期間)」.
func leakPeriodLabel(t string) bool {
	return !strings.HasSuffix(t, "。") && text.ContainsAny(t, periodLabelWords) && text.ContainsAny(t, leakPeriodWords)
}

// inlineLabel is the kind told by a label that stands right before the
// date at s[at:], on its line: a run of kanji (2 to inline_label_runes of
// weights.tsv) that opens the line or follows a bracket, a space or a
// mark, then perhaps a colon or a space (「判明日:令和5年10月5日」,
// 「(紛失判明10月5日)」), and where the label starts. Only a discovery or
// an occurrence counts (classifyClause of the label); other and -1 for
// anything else.
func inlineLabel(s string, at int) (string, int) {
	t := strings.TrimRight(s[:at], " 　:：")
	start, n := len(t), 0
	for start > 0 && n <= inlineLabelRunes {
		r, size := utf8.DecodeLastRuneInString(t[:start])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		start -= size
		n++
	}
	if n < 2 || n > inlineLabelRunes {
		return schemas.EventOther, -1
	}
	if start > 0 {
		// The run must stand alone: after kana or a digit it ends a
		// clause or a date (「…と判明10月5日」, 「4日発生10月5日」).
		if r, _ := utf8.DecodeLastRuneInString(t[:start]); unicode.In(r, unicode.Hiragana, unicode.Katakana) || unicode.IsDigit(r) {
			return schemas.EventOther, -1
		}
	}
	switch k := classifyClause(t[start:]); k {
	case schemas.EventDiscovered, schemas.EventOccurred:
		return k, start
	}
	return schemas.EventOther, -1
}

// jointLabelKind is the kind of the label joined by ・ before the inline
// label that ends at at (inlineLabel's start): 「発生日・発覚日 令和6年7月10日」
// labels the date with both events. EventOther when no such label is
// there, or it tells neither a discovery nor an occurrence.
func jointLabelKind(s string, at int) string {
	t, ok := strings.CutSuffix(s[:at], "・")
	if !ok {
		return schemas.EventOther
	}
	k, _ := inlineLabel(t, len(t))
	return k
}

// inlineKind is inlineLabel's kind for mention j of ms in s, read after
// the previous mention's end only, and where the label starts (-1 for
// none).
func inlineKind(s string, m dates.Mention, ms []dates.Mention, j int) (string, int) {
	from := 0
	if j > 0 {
		from = ms[j-1].End
	}
	k, at := inlineLabel(s, m.Start)
	if at < from {
		return schemas.EventOther, -1
	}
	return k, at
}

// dateLabelKind is the event that a short line above a date-only line
// tells: a discovery or an occurrence, else EventOther. The line holds no
// date and is no sentence. A field label (field: it ends in a date's noun,
// date_labels.tsv: 日, 日時 …; 「発生年月日」, 「判明日」 above their dates, as
// forms put them) tells its date before the lines under the date do; any
// other short line (「2紛失の経緯等」) only when they tell nothing, as a
// heading does.
func dateLabelKind(label DatedSentence, field bool) string {
	if field && !(endsInDateNoun(label) && labelWithin(label, fieldLabelRunes)) || !field && !shortLabel(label) {
		return schemas.EventOther
	}
	if k := classifyClause(label.Text); k == schemas.EventDiscovered || k == schemas.EventOccurred {
		return k
	}
	return schemas.EventOther
}

// fieldLabel reports whether label is a form's field label of a date: a
// short line with no date and no 。 that ends in a date's noun
// (date_labels.tsv: 発生年月日, 日時, 判明日), maybe after a bullet.
func fieldLabel(label DatedSentence) bool { return shortLabel(label) && endsInDateNoun(label) }

// shortLabel reports whether label may label a date: no date, no 。, at
// most date_label_runes characters.
func shortLabel(label DatedSentence) bool { return labelWithin(label, dateLabelRunes) }

// labelWithin reports whether label is a line of at most n characters
// with no date and no 。.
func labelWithin(label DatedSentence, n int) bool {
	return len(label.Dates) == 0 && !strings.HasSuffix(label.Text, "。") && text.RuneCountTo(label.Text, n+1) <= n
}

// endsInDateNoun reports whether label ends, but for a colon or spaces,
// in a date's noun (date_labels.tsv).
func endsInDateNoun(label DatedSentence) bool {
	bare := strings.TrimRight(label.Text, ": ")
	return slices.ContainsFunc(dateLabelEnds, func(e string) bool { return strings.HasSuffix(bare, e) })
}

// clauseBreaks end the clause a date is written in; clauseOrLineBreaks
// also the ASCII comma.
var (
	clauseBreaks       = text.NewRuneSet("、。\n")
	clauseOrLineBreaks = text.NewRuneSet("、,。\n")
)

// ownClause is the clause of text in which the mention m is written:
// from the 、 or 。 before it to the 、 or 。 after it.
func ownClause(text string, m dates.Mention) string {
	start := max(clauseBreaks.LastIndex(text[:m.Start]), 0)
	end := len(text)
	if i := clauseBreaks.Index(text[m.End:]); i >= 0 {
		end = m.End + i
	}
	return text[start:end]
}

// regulatorOnly reports whether clause names a regulator
// (timeline/regulators.tsv) and not the police (timeline/police.tsv).
func regulatorOnly(clause string) bool {
	return regulatorWords.In(clause) && !policeWords.In(clause)
}

// plannedAttribute reports whether rest, the text after a date, opens a
// clause that is a plan qualifying a noun (plan words of clause_words.tsv
// ending in の: 「(土曜日)に実施予定の学校説明会」, 「開催の講習会」): the date
// names what was to come, and the clause of a date before it runs on past
// it to its verb.
func plannedAttribute(rest string) bool {
	short := trimWeekdayLead(rest) // (a comma right after the date ends its clause: 「12月21日、22日開催の」)
	if i := clauseBoundary(short); i >= 0 {
		short = short[:i]
	}
	return text.ContainsAny(short, planAttributes)
}

// planAttributes are the plan words that qualify a noun (those of
// planHeads ending in の: 予定の, 開催の).
var planAttributes = func() []string {
	var out []string
	for _, p := range planHeads {
		if strings.HasSuffix(p, "の") {
			out = append(out, p)
		}
	}
	return out
}()

// duringEventKind is occurred when short, a date's own clause, ends in a
// during word (際に, 最中) and the clause after it tells an occurrence:
// what happened while the act of that day was done. Otherwise other.
func duringEventKind(body, short string) string {
	if len(short) == len(body) || !text.HasSuffixAny(strings.TrimRight(short, " "), duringWords) {
		return schemas.EventOther
	}
	next := withoutLongQuotes(body[len(short):])
	next = strings.TrimLeft(next, "、, ")
	if i, _ := nextComma(next); i >= 0 {
		next = next[:i]
	}
	if classifyClause(next) == schemas.EventOccurred {
		return schemas.EventOccurred
	}
	return schemas.EventOther
}

// classifyPieces reads the comma-separated clauses of body one by one (a
// reported content, …旨の報告, stays whole): a discovery in any of them makes
// the date a discovery's, else an event in any of them its day. "5月16日(木)、
// 書類を確認したところ、保管されておらず、所在不明が判明し" is a discovery
// though a later clause negates; "8月31日、…名簿を送付すべきところ、誤って…"
// a sending though a later clause tells of a deletion. A word that one
// clause negates or cancels no longer hides what another clause says.
func classifyPieces(body string) string {
	body = withoutLongQuotes(body)
	if text.ContainsWord(body, "(") {
		// 「事務連絡(受験票の到達確認等)のため、…メールを送信」: a bracket's
		// aside tells no event of the date when the words around it tell
		// one (送信, not 確認).
		if bare := withoutBrackets(body); len(bare) < len(body) {
			if k := piecesKind(bare); k != schemas.EventOther {
				return k
			}
		}
	}
	return piecesKind(body)
}

// piecesKind is classifyPieces of a body whose long quotes are cut.
func piecesKind(body string) string {
	kind := schemas.EventOther
	for {
		i, n := nextComma(body)
		piece := body
		if i >= 0 {
			piece = body[:i]
		}
		k := classifyClause(piece)
		if k == schemas.EventOther {
			k = reportedMainClauseKind(piece)
		}
		switch k {
		case schemas.EventDiscovered:
			return schemas.EventDiscovered
		case schemas.EventOccurred:
			kind = schemas.EventOccurred
		}
		if i < 0 {
			return kind
		}
		body = body[i+n:]
	}
}

// reportedMainClauseKind is the kind of the main clause after the last
// reported content of piece (「…支援計画書等が返却されていない旨の問い合わせ
// がありました」: 問い合わせがありました, a discovery, though the content's
// ていない is a denial's word), or other when piece reports nothing.
func reportedMainClauseKind(piece string) string {
	main, ok := afterReportedContent(piece)
	if !ok {
		return schemas.EventOther
	}
	return classifyClause(main)
}

// afterReportedContent is s after its last reported content's end
// (reportedContentRE: …旨の, …との), and whether s has one.
func afterReportedContent(s string) (string, bool) {
	loc := reportedContentRE.FindAllStringIndex(s, -1)
	if loc == nil {
		return "", false
	}
	return s[loc[len(loc)-1][1]:], true
}

func classifyOccurred(clause string) bool {
	for _, r := range kindRules {
		if r.kind == schemas.EventOccurred {
			return r.holds(kindLists.In(withoutLongQuotes(clause)))
		}
	}
	return false
}

var weekdayLeadRE = regexp.MustCompile(`^\s*(?:[(]` + dates.WeekdayAlt() + `(?:曜日?)?[^)]{0,6}[)]|` + dates.WeekdayAlt() + `曜日?)`)

// dateOnlyRE matches a line that holds a date and nothing that says what
// happened: a bullet, a heading's or another line mark (〇10月5日(日曜日),
// └─2016/10/31), a time, a weekday, brackets.
var dateOnlyRE = regexp.MustCompile(`^[\s` + text.ClassRunes(text.BulletMarks) + text.ClassRunes(text.HeadingMarks()) + text.ClassRunes(text.OtherMarks) + `\d.()【】\[\]]*$`)

// bracketBalance is the brackets s opens less those it closes. A date
// inside a bracket opened after the date before it (「令和5年8月14日(月)、
// …職員が前当務日(8月11日から12日)に出場した…確認したところ見当たらず」)
// does not end that date's clause: the aside's dates are not its verb's.
func bracketBalance(s string) int {
	return strings.Count(s, "(") - strings.Count(s, ")")
}

// labelledDate reports whether a label of kanji stands right before the
// date m of s (紛失判明10月5日, inlineLabel): the aside tells that day's
// event, which ends the clause of the date before it.
func labelledDate(s string, m dates.Mention) bool {
	_, at := inlineLabel(s, m.Start)
	return at >= 0
}

// namesOtherMonth reports whether s names a month alone (N月 with no day
// after it) other than the month of last: 「その後、8月にも不正通信が…
// 判明しています」 after a day of March goes on to August, not the same day.
func namesOtherMonth(s string, last schemas.Date) bool {
	if last.IsZero() {
		return false
	}
	for _, m := range monthAloneRE.FindAllStringSubmatch(s, -1) {
		if mo, err := strconv.Atoi(m[1]); err == nil && mo >= 1 && mo <= 12 && mo != int(last.Time().Month()) {
			return true
		}
	}
	return false
}

// monthAloneRE is a month with no day after it: 「8月にも」, not 「8月27日」.
var monthAloneRE = regexp.MustCompile(`(?:^|[^0-9])([0-9]{1,2})月(?:[^0-9]|$)`)

// timeContinues reports whether s tells a time on the day of the sentence
// before: a word of timeline/same_day.tsv (同日, その後, 翌日…), or a number
// right before 分後 or 時, or a time written 19:19. It is the regexp
//
//	WORDS|\d{1,3}分後|\d{1,2}時\d{0,2}分?|\d{1,2}:\d{2}
//
// in words: its numbers may be the last digits of a longer run, and what
// may follow 時 is optional, so a digit before 分後 or 時, or before ":" and
// two digits, is a match.
func timeContinues(s string) bool {
	if hasSameDayWord(s) {
		return true
	}
	for i := 1; i < len(s); i++ {
		if !text.IsDigitByte(s[i-1]) {
			continue
		}
		if rest := s[i:]; strings.HasPrefix(rest, "分後") || strings.HasPrefix(rest, "時") ||
			len(rest) >= 3 && rest[0] == ':' && text.IsDigitByte(rest[1]) && text.IsDigitByte(rest[2]) {
			return true
		}
	}
	return false
}

// maxSentenceEvents bounds the dates of one sentence that are read as
// events: each is read with the sentence around it, so a sentence of dates
// alone ("1月1日、1月1日、…", 250 in 1000 runes) cost its length squared.
// A sentence of the seeds, dev and dev-b corpora holds 4 dates at most.
const maxSentenceEvents = 32

// DatedSentence is a sentence with its date mentions (FindDates(Text)).
// They are found once: PublishedDate, timeline and the look-ahead of
// date-only lines all read them, and the date regexps were the
// extractor's largest cost when each ran them again.
type DatedSentence struct {
	text.Sentence
	Dates []dates.Mention
}

// DatedSentences finds the date mentions of every sentence.
func DatedSentences(sents []text.Sentence) []DatedSentence {
	out := make([]DatedSentence, len(sents))
	for i, s := range sents {
		out[i] = DatedSentence{s, dates.Find(s.Text)}
	}
	return out
}

// Events reads every dated event of the sentences, in text order.
// The sentence at index pub holds the notice's own date as its mention
// pubMention: the publication, not an event it tells of.
func Events(w *text.Watch, sents []DatedSentence, ctx *dates.YearContext, pub, pubMention int) []schemas.Event {
	events, _ := readEvents(w, sents, ctx, pub, pubMention)
	return events
}

// readEvents is Events, and the first day that a form's field of the
// occurrence dates (「1. 発生時期 / 2017年3月9日 13:54」): the notice's own
// statement of when the incident happened, which Fill prefers to an
// earlier step of its chronology (「・3/8 20:45 … 一斉送信」, the mail the
// wrong one was copied from).
func readEvents(w *text.Watch, sents []DatedSentence, ctx *dates.YearContext, pub, pubMention int) ([]schemas.Event, schemas.Date) {
	var labelled schemas.Date
	if ctx.Published.IsZero() && ctx.CaseYear == 0 && ctx.FiscalYear == 0 {
		// No year but those the text writes: a fiscal year it names
		// (令和5年度) dates the months before a year is written.
		for _, s := range sents {
			if ctx.FiscalYear = dates.FiscalYear(s.Text); ctx.FiscalYear != 0 {
				break
			}
		}
		// Else the first year written in a date, for the dates before it
		// (and the others, for a weekday that disagrees with it).
		eraBase := 0 // the era of the last era year written, which a short year is read in
		for _, s := range sents {
			for _, m := range s.Dates {
				if m.EraBase != 0 {
					eraBase = m.EraBase
				}
				if m.ShortYear != 0 && m.Day != 0 {
					// 「2011年12月14日~16年11月4日」: a day written with a
					// short year is written with its year too, for a
					// year-less 11月4日 elsewhere.
					y := dates.NewsYear(m.ShortYear)
					if eraBase != 0 {
						y = eraBase + m.ShortYear
					}
					ctx.NoteWrittenDay(y, m.Month, m.Day)
				}
				if m.Year == 0 {
					continue
				}
				if ctx.WrittenYear == 0 && !m.Period {
					ctx.WrittenYear = m.Year // not the records' months (2011年11月分)
				}
				if m.Day != 0 {
					ctx.NoteWrittenDay(m.Year, m.Month, m.Day)
				}
				if !slices.Contains(ctx.WrittenYears, m.Year) {
					ctx.WrittenYears = append(ctx.WrittenYears, m.Year)
				}
			}
		}
		// With no date that writes its year, the years written alone
		// (「令和7年国勢調査」): a weekday may tell a day is in one of them.
		if ctx.WrittenYear == 0 && ctx.FiscalYear == 0 {
			for _, s := range sents {
				for _, y := range dates.YearsAlone(s.Text) {
					if !slices.Contains(ctx.WrittenYears, y) {
						ctx.WrittenYears = append(ctx.WrittenYears, y)
					}
				}
			}
		}
	}
	var events []schemas.Event
	var last schemas.Date
	lastIdx := -10
	// The line of the last sentence that a date or a day word dated, and
	// that day: the next sentences of the same list item go on on it.
	dayLine, lineDay := -1, schemas.Date{}
	for i, s := range sents {
		w.Check()
		ms := s.Dates
		// 当日 is in every match of incidentDayRE, rare in the text.
		if len(ms) == 0 && text.ContainsWord(s.Text, "当日") && incidentDayRE.MatchString(s.Text) {
			// "事件発生当日、電子カルテの異常を覚知し": the day the incident
			// began, as the text has dated it before.
			if d, _ := firstOf(events, schemas.EventOccurred, schemas.Date{}); !d.IsZero() {
				k := classifyPieces(s.Text[incidentDayRE.FindStringIndex(s.Text)[1]:])
				if k == schemas.EventDiscovered || k == schemas.EventOccurred {
					events = append(events, schemas.Event{Kind: k, Date: d, Sentence: s.Text})
					last, lastIdx = d, i
				}
			}
			continue
		}
		if len(ms) == 0 && !ctx.Published.IsZero() {
			// 「当社は昨日、…との連絡を受けました」: a day counted from the
			// notice's own date (notice_days.tsv).
			if at, days := noticeDayOf(s.Text); at >= 0 {
				// What the sentence says from the word on: 「…広告配信を止め
				// る作業が、昨日の午後に完了しました」 tells a response, not
				// the 配信 before it.
				k := classifyRest(s.Text[at:])
				if k == schemas.EventDiscovered || k == schemas.EventOccurred {
					d := ctx.Published.AddDays(days)
					events = append(events, schemas.Event{Kind: k, Date: d, Sentence: s.Text})
					last, lastIdx = d, i
					continue
				}
			}
		}
		if len(ms) == 0 {
			// "その後19時19分に…発覚しました": a time with no date is on the
			// day of the sentence before.
			// A line of 同日 and a time alone may stand below the lines
			// that tell the event of the date-only line before it.
			sameDayLine := !last.IsZero() && i-lastIdx <= nextLines+1 && sameDayOnlyLine(s.Text)
			continues := i-lastIdx <= continueSentences && timeContinues(s.Text) && !namesOtherMonth(s.Text, last) || sameDayLine || opensWithDayWord(s.Text)
			if !continues && s.Item && s.Line == dayLine && !lineDay.IsZero() {
				// 「・同日午後4時05分頃 職員Bが会場到着。作品5点が紛失して
				// いることが判明。」: a list item's next sentence is on the
				// day its first one names.
				if k := classifyPieces(s.Text); k == schemas.EventDiscovered || k == schemas.EventOccurred {
					events = append(events, schemas.Event{Kind: k, Date: lineDay, Sentence: s.Text})
					lastIdx = i
				}
				continue
			}
			if !last.IsZero() && continues {
				k := classifyRest(s.Text)
				d := last.AddDays(daysLater(s.Text))
				dayLine, lineDay = s.Line, d
				sentence := s.Text
				if k == schemas.EventOther && sameDayLine {
					// "同日15時45分" on a line of its own, in a timeline:
					// what happened is said on the lines under it.
					var more []schemas.Event
					k, more = nextLinesKind(sents, i, d)
					events = append(events, more...)
					if n := i + 1; n < len(sents) {
						sentence = sents[n].Text
					}
				}
				if k == schemas.EventDiscovered || k == schemas.EventOccurred {
					events = append(events, schemas.Event{Kind: k, Date: d, Sentence: sentence})
					if k == schemas.EventDiscovered && (foundOccurrence(sentence) || foundOccurrence(afterDayWord(sentence))) {
						events = append(events, schemas.Event{Kind: schemas.EventOccurred, Date: d, Sentence: sentence})
					}
					lastIdx = i
				}
			}
			continue
		}
		// A line that holds nothing but its dates (and times, weekdays):
		// the same for each of its mentions, so read once.
		dateOnly := dateOnlyLine(s.Text, ms)
		// A form's field label on the line above a date-only line
		// ("発生年月日 / 令和4年05月31日"): the same for each of its mentions.
		fieldKind := schemas.EventOther
		fieldEnd := len(s.Text) // the label tells the dates before this
		if i > 0 {
			if dateOnly {
				fieldKind = dateLabelKind(sents[i-1], true)
			} else if end, ok := datesThenAside(s.Text, ms); ok {
				// 「確認日時 / 平成23年2月9日午後5時30分(送信は午後5時3分)」:
				// the aside's own date is not the field's.
				fieldKind, fieldEnd = dateLabelKind(sents[i-1], true), end
			} else if end, ok := datesThenLength(s.Text, ms); ok {
				// 「発生期間 / 2023年6月9日…から6月22日…の約14日間」
				fieldKind, fieldEnd = dateLabelKind(sents[i-1], true), end
			}
		}
		// The event of a comma-led date that opens the sentence and may
		// date its final 判明 (decided once its later days are read), and
		// the rest of that date's clause; -1 when none.
		opener, openerRest := -1, ""
		for j, m := range ms {
			if j == maxSentenceEvents {
				break
			}
			d := ctx.Resolve(m)
			if d.IsZero() {
				continue
			}
			// The clause runs to the next date that is not the end of this
			// one's range, nor joined to it by と/及び (which share the verb).
			k := j + 1
			// depth: the brackets opened and not closed from m to ms[k],
			// kept as k moves on, so the walk stays linear.
			depth := 0
			for k < len(ms) {
				between := s.Text[ms[k-1].End:ms[k].Start]
				depth += bracketBalance(between)
				if !(ms[k].RangeEnd || andJoinRE.MatchString(between) || shareRE.MatchString(s.Text[ms[k].End:]) ||
					depth > 0 && !labelledDate(s.Text, ms[k]) || plannedAttribute(s.Text[ms[k].End:])) {
					break
				}
				// (a day's share, 3月27日分の記録票, a bound of whose
				// data, 2017年12月までに手続きを完了した方に, or a plan
				// that qualifies a noun, 翌10日(土曜日)に実施予定の説明会,
				// tells no event: the verb is past it)
				k++
			}
			end := len(s.Text)
			if k < len(ms) {
				end = ms[k].Start
				if _, at := inlineLabel(s.Text, ms[k].Start); at >= 0 && at > m.End {
					end = at // 「10月4日~5日(紛失判明10月5日)」: the label is the next date's
				}
			}
			// A clause opened by 翌日 tells the next day's event, not this
			// date's: 「7月1日に郵送したところ、翌日、…判明いたしました」.
			laterAt, laterDays := -1, 0
			var laterDay schemas.Date // the later clause's day: d + laterDays, or from the notice's date
			if k == len(ms) {
				laterAt, laterDays = laterDayClause(s.Text[m.End:end])
				laterDay = d.AddDays(laterDays)
				if laterAt < 0 && !ctx.Published.IsZero() {
					// 「5月30日付けで…発送いたしましたが、昨日、…判明いた
					// しました」: a clause opened by a notice_days.tsv word
					// is dated from the notice's own date.
					if at, days := noticeDayClause(s.Text[m.End:end]); at >= 0 {
						laterAt, laterDay = at, ctx.Published.AddDays(days)
					}
				}
				if laterAt >= 0 {
					laterAt += m.End
					end = laterAt
				}
			}
			// A date that only qualifies a thing (「3月27日分の記録票」,
			// 「12月21日、22日開催の講習会」) goes on in no lines around it
			// and is no day a later 同日 or 直後 counts from.
			attribute := namesAttribute(s.Text, m, ms[k-1], end)
			kind := schemas.EventOther
			label, labelAt := inlineKind(s.Text, m, ms, j) // a label right before the date
			switch {
			case i == pub && j == pubMention:
				kind = schemas.EventPublished
			case m.RangeEnd:
				kind = schemas.EventOther // the end of a period
			case updateStamp(s.Text, m):
				kind = schemas.EventOther // "2018/6/4 13:00更新": when the page changed, not what happened
			case dateOnly && j+1 < len(ms) && ms[j+1].RangeEnd && i+1 < len(sents) && cardUsePeriod(sents[i+1].Text):
				kind = schemas.EventOccurred // "・2018年10月17日…から… / 上記期間内に…クレジットカード番号を入力された方": cards skimmed from then
			case dateOnly && i > 0 && scopeLabel(sents[i-1].Text):
				kind = schemas.EventOther // "【対象となるお客様】 / 2013年4月1日~…": whose data
			case dateOnly && j+1 < len(ms) && ms[j+1].RangeEnd && (i > 0 && leakPeriodLabel(sents[i-1].Text) || leakPeriodLabel(s.Heading)):
				kind = schemas.EventOccurred // "閲覧の可能性がある期間 / 令和3年4月1日~…": data lay open from then
			case fieldKind != schemas.EventOther && m.End <= fieldEnd:
				kind = fieldKind // "発生年月日 / 令和4年05月31日": a form's field
				if kind == schemas.EventOccurred && (labelled.IsZero() || d.Before(labelled)) {
					labelled = d
				}
			case label != schemas.EventOther:
				kind = label // "判明日:令和5年10月5日", "(紛失判明10月5日)"
			case dateOnly && trailsSentence(sents, i):
				// 「・職員が当該書類をラックに置いた。【10月25日】」: a date
				// that closes its line's sentence is that sentence's.
				kind = classifyPieces(sents[i-1].Text)
			case dateOnly:
				// A date on a line of its own: what happened is said on the
				// next lines, or else by the heading it sits under (a line's
				// own verb wins over 発生経緯: 「・3/9 14:19 / お客様からの
				// 連絡により発覚」 is a discovery).
				var more []schemas.Event
				kind, more = nextLinesKind(sents, i, d)
				events = append(events, more...)
				if kind == schemas.EventOther {
					kind = classifyClause(s.Heading)
				}
				if kind == schemas.EventOther && i > 0 {
					// "2紛失の経緯等 / 4月2日(火)午前8時頃 / • 職員は、…": the
					// short line above, read as a heading would be.
					kind = dateLabelKind(sents[i-1], false)
				} else if kind == schemas.EventNotified {
					if k := classifyClause(s.Heading); k != schemas.EventOther {
						kind = k
					}
				}
			default:
				rangeStart := j+1 < len(ms) && ms[j+1].RangeEnd
				kind = classifyMention(s.Text, m, end, rangeStart, j > 0)
				if kind == schemas.EventOther && j == 0 && k < len(ms) && commaLed(s.Text[m.End:end]) && finalClauseFound(s.Text) {
					opener, openerRest = len(events), strings.TrimLeft(trimWeekdayLead(s.Text[m.End:end]), "、, ")
				}
				if kind == schemas.EventOccurred && i == len(sents)-1 && k == len(ms) && commaLed(s.Text[m.End:end]) &&
					incomingCue(s.Text[m.End:end]) && text.CutShort(s.Sentence) {
					// "5月21日、県警から、…が改ざんされて" where the text
					// is cut: a date set off by a comma dates the main verb,
					// which the cut took away, and what comes from someone
					// (県警から) is what they told, not that day's event.
					kind = schemas.EventOther
				}
				if kind == schemas.EventOther && rangeStart && i > 0 && bracketed(s.Text) && exposedWords.In(sents[i-1].Text) {
					// "1.氏名が他の利用者に閲覧できる状態になっていた。 /
					// (2013年12月10日から2015年3月24日までの間)": the period of
					// the state the line before tells of.
					kind = schemas.EventOccurred
				}
				if kind == schemas.EventOther && !rangeStart && k == len(ms) && !strings.HasSuffix(s.Text, "。") && !attribute &&
					!text.HasSuffixAny(strings.TrimRight(s.Text, " "), finishedItemEnds) {
					// A line with no 。 goes on in the lines around it,
					// unless its date only qualifies a thing (namesAttribute:
					// 「1、4月1日現在65歳以上の方の情報」 under a heading of
					// what leaked, 「1 9月10日開催の審査会情報」) or it
					// ends a timeline item of its own (「・4月14日 市こども
					// 施設企画課に報告」).
					kind = classifyContinuation(sents, i)
				}
			}
			events = append(events, schemas.Event{Kind: kind, Date: d, Sentence: s.Text})
			if label != schemas.EventOther && kind == label && labelAt > 0 {
				if jk := jointLabelKind(s.Text, labelAt); jk != schemas.EventOther && jk != kind {
					events = append(events, schemas.Event{Kind: jk, Date: d, Sentence: s.Text})
				}
			}
			if laterAt >= 0 {
				if lk := classifyRest(s.Text[laterAt:]); lk == schemas.EventDiscovered || lk == schemas.EventOccurred {
					events = append(events, schemas.Event{Kind: lk, Date: laterDay, Sentence: s.Text})
				}
			}
			if j == 0 && fieldEnd < len(s.Text) && kind == fieldKind {
				// The aside tells that day's other event: 「(送信は午後5時3分)」.
				if ak := classifyClause(s.Text[fieldEnd:]); ak != kind && (ak == schemas.EventDiscovered || ak == schemas.EventOccurred) {
					events = append(events, schemas.Event{Kind: ak, Date: d, Sentence: s.Text})
				}
			}
			if kind == schemas.EventDiscovered && !dateOnly && foundOccurrence(strings.TrimLeft(trimWeekdayLead(s.Text[m.End:end]), "、, ")) {
				events = append(events, schemas.Event{Kind: schemas.EventOccurred, Date: d, Sentence: s.Text})
			}
			if kind == schemas.EventOccurred && !dateOnly && occurredThenFound(strings.TrimLeft(trimWeekdayLead(s.Text[m.End:end]), "、, ")) {
				// 「6月3日(月) 誤送信が発生し、お客様からの連絡で判明」: a
				// timeline's row read by its first clause tells the finding too.
				events = append(events, schemas.Event{Kind: schemas.EventDiscovered, Date: d, Sentence: s.Text})
			}
			if !attribute {
				last, lastIdx = d, i
			}
			dayLine, lineDay = s.Line, d
		}
		if opener >= 0 && !slices.ContainsFunc(events[opener+1:], func(e schemas.Event) bool { return e.Kind == schemas.EventDiscovered }) {
			// 「港区は、平成29年8月28日、…平成29年5月に行った廃棄処理に
			// おいて、…を誤って廃棄していたことが判明しました。」: the date
			// set off by a comma opens the sentence and dates its main
			// verb, past the later dates of what it tells, unless a later
			// day's own clause tells the finding (「9月29日、…遺失し、9月30日
			// に…連絡がありました」).
			e := &events[opener]
			e.Kind = schemas.EventDiscovered
			if foundOccurrence(openerRest) {
				events = append(events, schemas.Event{Kind: schemas.EventOccurred, Date: e.Date, Sentence: s.Text})
			}
		}
	}
	return events, labelled
}

// classifyContinuation reads what happened on the day of a dated line
// that ends unfinished ("9月6日15時53分頃、お客様に宛てまして、", "8/19 医師が…
// 気付かず、", "10月31日(木)11:09~12:01の間に17通"): the sentence goes on
// in the lines after it, up to the first that ends with 。 and before any
// that holds a date of its own.
func classifyContinuation(sents []DatedSentence, i int) string {
	var b strings.Builder
	for n := i + 1; n < len(sents) && n <= i+continuationLines; n++ {
		if len(sents[n].Dates) > 0 {
			break
		}
		b.WriteString(sents[n].Text)
		if strings.HasSuffix(sents[n].Text, "。") {
			break
		}
	}
	rest := b.String()
	if rest == "" {
		return schemas.EventOther
	}
	if k := classifyPieces(rest); k != schemas.EventOther {
		return k
	}
	if k := classifyClause(rest); k == schemas.EventDiscovered || k == schemas.EventOccurred {
		return k
	}
	return schemas.EventOther
}

// bracketed reports whether the whole sentence is one bracket.
func bracketed(s string) bool {
	return strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && strings.Count(s, "(") == 1
}

// scopeLabel reports whether a line labels whom a list concerns
// ("- 【対象となるお客様】", "対象者:"), so that a period under it bounds
// whose data is concerned and names no event.
func scopeLabel(l string) bool {
	return utf8.RuneCountInString(l) <= scopeLabelRunes && !text.ContainsWord(l, "。") && text.ContainsAny(l, scopeTopic) &&
		text.ContainsAny(l, scopeWho)
}

// andJoinRE is what joins two dates that share one verb: "11月29日と12月22日に",
// or a tally by day, "6月1日に8回、6月2日に90回、…送信されていました".
var andJoinRE = regexp.MustCompile(`^\s*(?:[(][^)]{0,12}[)])?\s*(?:に\s*約?\d[\d,]*\s*` + text.OrderedAlternation(clauseWords["tally"]) + `)?\s*` +
	text.OrderedAlternation(clauseWords["and_join"]) + `\s*$`)

// clauseOfNext is the part of a following sentence that says what
// happened on a date-only line's day: the main clause after any dates
// it holds ("…同年5月26日に被害を受けた旨の報告を受ける").
func clauseOfNext(s DatedSentence) string {
	ms := s.Dates
	if len(ms) == 0 {
		return s.Text
	}
	tail := s.Text[ms[len(ms)-1].End:]
	if main, ok := afterReportedContent(tail); ok {
		return main
	}
	return s.Text
}

// reportedContentRE ends a reported content (…旨の報告, …との連絡).
var reportedContentRE = regexp.MustCompile(text.OrderedAlternation(clauseWords["reported_content"]))

// stripDates removes the date mentions, weekdays and times from s, and
// the separators that join a range's two dates (から).
func stripDates(s string) string { return stripMentions(s, dates.Find(s)) }

// stripMentions is stripDates for s with its date mentions ms already found.
func stripMentions(s string, ms []dates.Mention) string {
	var b strings.Builder
	prev := 0
	for _, m := range ms {
		if m.RangeEnd {
			b.WriteString(dates.CutRangeSeparator(s[prev:m.Start])) // から of 「…から5月23日」
		} else {
			b.WriteString(s[prev:m.Start])
		}
		prev = m.End
	}
	b.WriteString(s[prev:])
	// Each pattern runs only when its literals are there: a weekday in
	// brackets needs "(", a time a digit and 時 or ":", a bare weekday 曜.
	// (ReplaceAllString with no match returns its input.)
	out := b.String()
	if strings.Contains(out, "(") {
		out = weekdayAnyRE.ReplaceAllString(out, "")
	}
	if strings.ContainsAny(out, "0123456789") && (text.ContainsWord(out, "時") || strings.Contains(out, ":")) {
		out = timeRE.ReplaceAllString(out, "")
	}
	if text.ContainsWord(out, "曜") {
		out = bareWeekdayRE.ReplaceAllString(out, "")
	}
	for _, tm := range dates.TimeMarks {
		out = strings.ReplaceAll(out, tm, "") // 「2014年2月9日(日)頃~」: 頃 tells no event
	}
	return strings.Trim(out, " ~-、,:")
}

var (
	weekdayAnyRE  = regexp.MustCompile(`[(]` + dates.WeekdayAlt() + `(曜日?)?[)]`)
	bareWeekdayRE = regexp.MustCompile(dates.WeekdayAlt() + `曜日?`)
	timeRE        = regexp.MustCompile(`(` + text.OrderedAlternation(dates.ClockTimes) + `)?\d{1,2}(時\d{0,2}分?|:\d{2})(?: ?` + text.OrderedAlternation(dates.TimeMarks) + `)?`)
)

// firstOf returns the earliest event of a kind on or before limit (when
// limit is set), and the sentence that states it.
func firstOf(events []schemas.Event, kind string, limit schemas.Date) (schemas.Date, string) {
	var best schemas.Event
	for _, e := range events {
		if e.Kind != kind || (!limit.IsZero() && limit.Before(e.Date)) {
			continue
		}
		if best.Date.IsZero() || e.Date.Before(best.Date) {
			best = e
		}
	}
	return best.Date, best.Sentence
}

// sameDayResponse returns the day of the incident and the sentence that
// tells of a response to it dated that same day (a date that bounds a
// period, or announces a plan, is no response), else the first sentence
// dating the incident that sums it up as one the organization reports
// (incidentSummary): a summary that opens the notice (「…紛失しました」)
// and its account under 「概要」 (「…紛失してしまいました」) date the same
// day, and either may be the one that says it as a summary. Fill calls it
// when nothing says when the incident was found; sents are the notice's
// sentences, dated.
func sameDayResponse(events []schemas.Event, occurred schemas.Date, sents []DatedSentence) (schemas.Date, string) {
	if d, s := sameDayResponseOnly(events, occurred); !d.IsZero() {
		return d, s
	}
	for _, e := range events {
		if e.Kind == schemas.EventOccurred && e.Date == occurred && summarizes(e.Sentence, datesOf(sents, e.Sentence)) {
			return e.Date, e.Sentence
		}
	}
	return schemas.Date{}, ""
}

// incidentSummary reports whether a sentence sums the incident up as one
// the organization reports (「…誤って送付する事案が発生しました」,
// timeline/incident_summary.tsv): a noun of the incident, then a verb
// saying it happened after the sentence's first date, or the error told
// as one (…送信してしまいました), with no hedge or state
// (…発生しているようです), and no range of dates (…から11月30日までの間に
// …事案が発生: a period, found any day of it).
func incidentSummary(sentence string) bool { return summarizes(sentence, dates.Find(sentence)) }

// datesOf is dates.Find(s), read from the sentence of sents that is s
// when there is one: an event's sentence is most often one of them, whose
// dates were found already.
func datesOf(sents []DatedSentence, s string) []dates.Mention {
	for _, d := range sents {
		if d.Text == s {
			return d.Dates
		}
	}
	return dates.Find(s)
}

// summarizes is incidentSummary of a sentence whose dates are ms.
func summarizes(sentence string, ms []dates.Mention) bool {
	if len(ms) == 0 {
		return false
	}
	for _, m := range ms {
		if m.RangeEnd {
			return false
		}
	}
	after := sentence[ms[0].End:]
	if text.ContainsAny(after, summaryUnless) {
		return false
	}
	if text.ContainsAny(after, summaryRegret) {
		return true // …誤って送信してしまいました: the error told as one
	}
	for _, n := range summaryNouns {
		// 本件は、4月2日夜、…において発生いたしました: the noun may come
		// before the date, the verb after both.
		if i := strings.Index(sentence, n); i >= 0 && text.ContainsAny(sentence[max(i+len(n), ms[0].End):], summaryVerbs) {
			return true
		}
	}
	return false
}

// sameDayResponseOnly is the response of sameDayResponse.
func sameDayResponseOnly(events []schemas.Event, occurred schemas.Date) (schemas.Date, string) {
	seen := false
	for _, e := range events {
		if e.Date != occurred || e.Kind == schemas.EventPublished {
			continue
		}
		if e.Kind == schemas.EventOccurred && !seen {
			seen = true
			continue
		}
		if seen && !reportno.MentionsPlan(e.Sentence) && text.ContainsAny(e.Sentence, responseWords) {
			return e.Date, e.Sentence
		}
	}
	return schemas.Date{}, ""
}

// daysLater is how many days after the sentence before a dateless
// sentence's event is: the most that a word of same_day.tsv in it says.
func daysLater(s string) int {
	n := 0
	for _, w := range sameDayWords {
		if w.days > n && strings.Contains(s, w.word) {
			n = w.days
		}
	}
	return n
}

// foundOccurrence reports whether the discovery that body tells of (the
// clause after a date, or a dateless sentence on the day before) found
// the incident itself as it happened or had just happened: 「不正アクセスが
// あったことを確認」, 「USBメモリを紛失したことが判明」, 「攻撃を検知」.
// Then the date is the day of both events (GUIDE.md: 「…が発生している
// ことを確認した」). What was found must read as an occurrence and not
// as a discovery of its own (…から連絡を受け、…ことが判明 found a report),
// and must not be denied (…がなかったことを確認) nor be a state found
// after it began (閲覧できる状態になっていることが判明).
func foundOccurrence(body string) bool {
	if occurredThenFound(body) {
		return true
	}
	found, ok := foundContent(body)
	if !ok {
		return false
	}
	found = strings.TrimRight(found, " 、,")
	if found == "" || text.HasSuffixAny(found, foundEvent.negated) || foundEvent.states.In(found) && !text.ContainsAny(found, foundEvent.arising) {
		return false
	}
	return classifyPieces(found) == schemas.EventOccurred
}

// occurredThenFound reports whether body, a dated clause, tells an
// occurrence and then its finding the same day: 「誤送信が発生し、お客様から
// の連絡で判明しました」, 「システム障害が発生し、ランサムウェア感染を確認」.
// The first piece ends with 発生し and reads as an occurrence; what follows
// names no later day (翌日, 後日).
func occurredThenFound(body string) bool {
	const arose = "発生し"
	i := strings.Index(body, arose+"、")
	if i < 0 {
		return false
	}
	first, rest := body[:i+len(arose)], body[i+len(arose+"、"):]
	return !strings.Contains(first, "、") && classifyPieces(first) == schemas.EventOccurred &&
		classifyPieces(rest) == schemas.EventDiscovered && daysLater(rest) == 0 && !strings.Contains(rest, "後日")
}

// foundContent is what body says was found: the text before the first
// こと or 事実 that a found verb follows later (…送信したことが、ご指摘
// により判明), before を or が and a detection verb (攻撃を検知), or before
// が and a passive found verb (不正アクセスが確認され).
func foundContent(body string) (string, bool) {
	for i := 0; i < len(body); i++ {
		if !foundFirstByte[body[i]] {
			continue // no word looked for here begins with this byte
		}
		if foundAt(body[i:]) || attackConfirmedAt(body, i) {
			return body[:i], true
		}
	}
	return "", false
}

// attackConfirmedAt reports whether body[i:] opens with を or が and a verb
// of found_event.tsv attack_confirm, after an attack noun (attack) that
// ends body[:i]: 「5月8日に不正アクセスを確認」, 「異常なアクセスを認識し」
// found the attack as it went on, as a detection does.
func attackConfirmedAt(body string, i int) bool {
	p := objectOrSubject(body[i:])
	return p != "" && text.HasPrefixAny(body[i+len(p):], foundEvent.attackConfirm) && text.HasSuffixAny(body[:i], foundEvent.attacks)
}

// foundAt reports whether rest opens with what ends foundContent's
// content: こと or 事実 that a found verb follows, or に and a verb of
// noticing (ことに気付き), a found-told word, or を or が and a detection
// verb (が and a passive found verb).
func foundAt(rest string) bool {
	for _, n := range foundEvent.nouns {
		after, ok := strings.CutPrefix(rest, n)
		if !ok {
			continue
		}
		if objectOrSubject(after) != "" && text.ContainsAny(after, foundVerbs) {
			return true
		}
		if strings.HasPrefix(after, "に") && text.ContainsAny(after, foundEvent.noticed) {
			return true // 「…送信していることに、…担当職員が気付きました」
		}
	}
	if text.HasPrefixAny(rest, foundEvent.told) {
		return true
	}
	if p := objectOrSubject(rest); p != "" {
		after := rest[len(p):]
		return text.HasPrefixAny(after, foundEvent.detectVerbs) || p == "が" && text.HasPrefixAny(after, foundEvent.subjectVerbs)
	}
	return false
}

// foundFirstByte marks the first bytes of the words foundContent looks
// for at each byte of a text: of a kana or a kanji, so neither ASCII nor a
// continuation byte, nor most lead bytes.
var foundFirstByte = text.FirstBytes(text.Union(foundEvent.nouns, foundEvent.told, []string{"が", "を"}))

// objectOrSubject is the particle が or を that s opens with, "" when none.
func objectOrSubject(s string) string {
	for _, p := range []string{"が", "を"} {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	return ""
}

// modifyingClauseKind is the kind of the relative clause that ends right
// before a date and modifies it (「不正アクセスが発覚した2022年8月19日当日に、
// 対策を完了」: the day of the discovery), or is its topic (「最後に確認
// したのは6月29日であり」), when it tells of a discovery or
// an occurrence; other when none does. The clause runs from the last
// comma or line break of before.
func modifyingClauseKind(before string) string {
	before = strings.TrimRight(before, " ")
	if !text.HasSuffixAny(before, attributiveEnds) {
		return schemas.EventOther
	}
	if i := clauseOrLineBreaks.LastIndex(before); i >= 0 {
		_, n := utf8.DecodeRuneInString(before[i:])
		before = before[i+n:]
	}
	switch k := classifyClause(before); k {
	case schemas.EventDiscovered, schemas.EventOccurred:
		return k
	}
	return schemas.EventOther
}

// nextLinesKind reads what happened on the day of the date-only line i
// (or of a line of 同日 and a time) from the lines under it, up to one
// with a date of its own or a new heading: the kind of the first that
// names one, and an event of each later discovery or occurrence of
// another kind.
func nextLinesKind(sents []DatedSentence, i int, d schemas.Date) (string, []schemas.Event) {
	kind := schemas.EventOther
	var more []schemas.Event
	last := i + nextLines
	for n := i + 1; n < len(sents) && n <= last; n++ {
		if timeOnlyLine(sents[n].Text) {
			// 「10月16日(水曜日) / ・9時44分 / メールを送信。」: a time of
			// day on a line of its own labels the lines under it, which
			// the date still tells; it is no heading and no line told.
			last++
			continue
		}
		if len(sents[n].Dates) > 0 && !strings.HasSuffix(sents[n].Text, "。") || sents[n].Heading != sents[i].Heading && text.IsHeading(sents[n].Text) {
			break
		}
		// The whole line, unless a comma piece tells of a discovery that
		// the whole hides (「作業を再開しようとしたところ、…がないことに
		// 気づきました」 is no restoration) or the whole tells nothing.
		c := clauseOfNext(sents[n])
		k := classifyClause(c)
		if k != schemas.EventDiscovered {
			if p := classifyPieces(c); p == schemas.EventDiscovered || k == schemas.EventOther {
				k = p
			}
		}
		if k == schemas.EventOther {
			continue
		}
		if kind == schemas.EventOther || kind == schemas.EventNotified {
			kind = k
		} else if k != kind && (k == schemas.EventDiscovered || k == schemas.EventOccurred) {
			more = append(more, schemas.Event{Kind: k, Date: d, Sentence: sents[n].Text})
		}
	}
	return kind, more
}

// timeOnlyLine reports whether line holds a time of day (timeRE) and
// nothing else but bullet marks and white space: 「・9時44分」, 「午後4時頃」.
func timeOnlyLine(line string) bool {
	rest := strings.TrimLeft(line, bulletCutset)
	n := timeLead(rest)
	return n > 0 && strings.TrimSpace(rest[n:]) == ""
}

// bulletCutset is the runes timeOnlyLine trims before a time.
var bulletCutset = " 　" + strings.Join(text.BulletMarks, "")

// sameDayOnlyLine reports whether line holds nothing but a word of
// timeline/same_day.tsv and a time (「同日15時45分」, 「翌日 午前9時頃」): a
// timeline's line whose event is told on the lines under it.
func sameDayOnlyLine(line string) bool {
	if !sameDayLineRunesOnly(line) || !hasSameDayWord(line) {
		return false
	}
	rest, found := line, false
	for _, w := range sameDayWords {
		if strings.Contains(rest, w.word) {
			rest, found = strings.ReplaceAll(rest, w.word, ""), true
		}
	}
	return found && dateOnlyRE.MatchString(stripMentions(rest, nil))
}

// sameDayLineRunes are the runes of a line that sameDayOnlyLine accepts:
// those of the same-day words it removes, and those of dateLineRunes, which
// stripMentions removes or dateOnlyRE allows.
var sameDayLineRunes = text.NewRuneSet(dateLineRunes + strings.Join(sameDayWordList(), ""))

// sameDayLineRunesOnly reports whether every rune of line is one of
// sameDayLineRunes, as in a line that sameDayOnlyLine accepts; bytes that
// are not valid UTF-8 pass, as the words removed may join them into a
// rune. Most lines fail at one of their first runes (a kana), where
// hasSameDayWord would scan the whole line.
func sameDayLineRunesOnly(line string) bool {
	for _, r := range line {
		if r != utf8.RuneError && !sameDayLineRunes.Has(r) {
			return false
		}
	}
	return true
}

// noticeDayOf is where the first word of timeline/notice_days.tsv in s
// stands (-1 for none) and the days from the notice's date it says.
func noticeDayOf(s string) (int, int) {
	at, days := -1, 0
	for _, w := range noticeDayWords {
		if i := strings.Index(s, w.word); i >= 0 && (at < 0 || i < at) && w.datesHere(s[i:]) {
			at, days = i, w.days
		}
	}
	return at, days
}

// classifyRest is the kind of event s tells of, read clause by clause
// (classifyPieces) and, when no clause tells one, as a whole
// (classifyClause): how a sentence with no date of its own, or its part
// after a day word, is read.
func classifyRest(s string) string {
	if k := classifyPieces(s); k != schemas.EventOther {
		return k
	}
	return classifyClause(s)
}

// laterDayClause returns where, in rest (a sentence after its last date),
// a clause opens with a same_day.tsv word of days later (「…したところ、
// 翌日、…判明」), and the days; -1 when none does.
func laterDayClause(rest string) (int, int) {
	at, days := -1, 0
	for _, w := range sameDayWords {
		if w.days <= 0 {
			continue
		}
		if i := commaLedAt(rest, w.word); i >= 0 && (at < 0 || i < at) {
			at, days = i, w.days
		}
	}
	return at, days
}

// commaLedAt is where, in rest, the first clause opened by word after a
// comma (、 or ,) begins, at its comma; -1 when none is. A word that names
// a day's share (翌日分の: clause_words.tsv share) opens no clause: 「…、
// 翌日分のカード交付の準備を行っていた際に」 is on the day before.
func commaLedAt(rest, word string) int {
	at := -1
	for _, lead := range [...]string{"、", ","} {
		for i := range text.Occurrences(rest, lead+word) {
			if at >= 0 && i >= at {
				break
			}
			if !text.HasPrefixAny(rest[i+len(lead)+len(word):], shareWords) {
				at = i
				break
			}
		}
	}
	return at
}

// noticeDayClause returns where, in rest (a sentence after its last
// date), a clause opens with a notice_days.tsv word (「…が、昨日、…判明」),
// and its days from the notice's date; -1 when none does.
func noticeDayClause(rest string) (int, int) {
	at, days := -1, 0
	for _, w := range noticeDayWords {
		if i := commaLedAt(rest, w.word); i >= 0 && (at < 0 || i < at) && w.datesHere(rest[i:]) {
			at, days = i, w.days
		}
	}
	return at, days
}

// afterDayWord is s after its first same_day.tsv word of days 0 that
// names the day (reach opening: 同日, 上記日時), "" when it has none: 「この申出を受け確認したところ、同日に看護師
// が、…FAXを送付したことが判明した」 found what the nurse did that day,
// which the inquiry before the word does not tell.
func afterDayWord(s string) string {
	at, end := -1, 0
	for _, w := range sameDayWords {
		if w.days != 0 || !w.opening {
			continue // (直ちに, その後: what follows them is no day's finding)
		}
		if i := strings.Index(s, w.word); i >= 0 && (at < 0 || i < at) {
			at, end = i, i+len(w.word)
		}
	}
	if at < 0 {
		return ""
	}
	return strings.TrimLeft(strings.TrimPrefix(s[end:], "に"), "、, ")
}

// opensWithDayWord reports whether s opens, after a bullet and white
// space, with a same_day.tsv word of reach opening (「同日、午後6時…」):
// it names the day of the last date read, however far back.
func opensWithDayWord(s string) bool {
	s = strings.TrimLeft(s, " ・•-*")
	for _, w := range sameDayWords {
		if w.opening && strings.HasPrefix(s, w.word) {
			return true
		}
	}
	return false
}
