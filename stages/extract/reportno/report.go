package reportno

import (
	"iter"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// Find reads which report of its incident a notice is, from its
// title: 第N報 is N, 続報N is N+1 and 続報 alone 2. Without a number in the
// title, a body that cites earlier reports (「5月24日の第一報、5月27日の第
// 二報にてお知らせした」) makes this the one after the last it cites; a body
// that cites one earlier unnumbered notice (既報, 先般ご案内した) makes it
// the second; a notice with no sign of an earlier one is the first, and one
// that reads as a later report without saying which is left unnumbered.
// A title that is the opening sentence of a notice with no title line
// (it ends with 。) is read as body: its 第N報 cites an earlier report,
// unless it tells of today (本日、第2報を公表いたします。).
//
// A sentence of the body may declare the notice the last report
// (declaredFinal), whatever its title numbers it.
func Find(w *text.Watch, title string, sents []text.Sentence, events []schemas.Event, published schemas.Date) (seq int, final bool) {
	seq, final = find(w, title, sents, events, published)
	if n, last := blockLabels(sents); n > seq || last {
		// A page updated with its later reports' blocks (「【続報】令和6年
		// 6月3日」, 「【最終報】…」) is the latest of them.
		seq = max(seq, n)
		if last && !final {
			final = true
			if n == 0 && seq <= 1 {
				seq = 0 // a last report whose number is not told
			}
		}
	}
	return seq, final || declaredFinal(sents)
}

// blockLabelRE matches a line that heads a report's block of an updated
// page: its label, maybe in brackets, maybe its date after it and a word
// of release, nothing else (「【続報】令和6年6月3日」, 「第2報(2024年6月3日)」,
// 「【最終報】」).
var blockLabelRE = regexp.MustCompile(`^[【\[〈<(]?\s*(第\s*([0-9一二三四五六七八九十]{1,3})\s*報|続報|最終報告?)\s*[】\]〉>)]?\s*[(]?\s*(?:(?:令和|平成)\s*(?:\d{1,2}|元)\s*年|\d{4}\s*[年./])?\s*(?:\d{1,2}\s*[月./]\s*\d{1,2}\s*日?)?\s*(?:[(][月火水木金土日]曜?日?[)])?\s*(?:発表|公表|更新|掲載)?\s*[)]?$`)

// blockLabelMaxBytes bounds a block's label line: a label, a date and a
// word of release take fewer.
const blockLabelMaxBytes = 120

// blockLabels reads the lines of sents that head a report's block
// (blockLabelRE): the highest report number among them (続報 without one is
// 2), and whether one is the last report (最終報).
func blockLabels(sents []text.Sentence) (seq int, last bool) {
	for _, s := range sents {
		if len(s.Text) > blockLabelMaxBytes || !strings.Contains(s.Text, "報") {
			continue // a sentence of running text (情報 holds 報 too)
		}
		m := blockLabelRE.FindStringSubmatch(strings.TrimSpace(s.Text))
		if m == nil {
			continue
		}
		switch {
		case m[2] != "":
			if n, ok := smallNumber(m[2]); ok {
				seq = max(seq, n)
			}
		case m[1] == "続報":
			seq = max(seq, 2)
		default:
			last = true
		}
	}
	return seq, last
}

// find is Find but for a body's declaration.
func find(w *text.Watch, title string, sents []text.Sentence, events []schemas.Event, published schemas.Date) (seq int, final bool) {
	w.Check()
	sents = withoutDatelines(sents)
	tm := text.MaskOf(title)
	final = finalReportCue.InMask(title, tm) && finalReportRE.MatchString(title)
	if sentenceTitle(title) && !text.ContainsAny(title, presentWords) {
		if n := announcedLabel(title, tm); n > 0 {
			return n, final // 「…について、続報を発表した。」
		}
		var buf [openingSentenceMasks]text.RuneMask
		open := joinFirst(sents, openingSentences, "")
		om := maskOpening(sents, open, buf[:])
		seq = seqFromBody(w, title, tm, sents, open, &om, events, published)
		w.Check()
		if final && seq <= 2 {
			// A last report that cites no earlier one, or one unnumbered:
			// which it is, is not told (as 最終報 in a title; 「…5月20日に
			// 公表した…について、最終報を発表した。」).
			seq = 0
		}
		return seq, final || investigationClosed(title, tm, open, om.open, sents, seq)
	}
	if strings.Contains(title, "http") {
		// A title line that links to a report (「(第一報:https://…)」, a
		// segment whose first line is its link) is not that report. (A
		// title 「第2報としてお知らせします」 is, and is read below.)
		if m := priorReportsRE.FindStringSubmatch(title); m != nil {
			if n, ok := smallNumber(m[1]); ok {
				return min(n+1, maxReport), final
			}
		}
	}
	if m := findCued(nthReportRE, nthReportCue, title, tm); m != nil {
		if n, ok := smallNumber(m[1]); ok {
			return n, final
		}
	}
	if m := findCued(followUpRE, followUpCue, title, tm); m != nil {
		if m[1] == "" {
			return 2, final
		}
		if n, ok := smallNumber(m[1]); ok {
			return n + 1, final
		}
	}
	if m := findCued(partReportRE, partReportCue, title, tm); m != nil {
		if n, ok := smallNumber(m[1]); ok {
			return n, final // 「…調査状況について(その4)」
		}
	}
	if final {
		return 0, true
	}
	var buf [openingSentenceMasks]text.RuneMask
	open := joinFirst(sents, openingSentences, "")
	om := maskOpening(sents, open, buf[:])
	seq = seqFromBody(w, title, tm, sents, open, &om, events, published)
	w.Check()
	return seq, investigationClosed(title, tm, open, om.open, sents, seq)
}

// declaredFinal reports whether a sentence of the body declares the
// notice the last report (report/final_declaration.tsv).
func declaredFinal(sents []text.Sentence) bool {
	for _, s := range sents {
		if finalDeclarations.In(s.Text) {
			return true
		}
	}
	return false
}

// announcedLabel is the report number a sentence title gives by a label
// it says was announced (report_labels.tsv announced): 「…について、続報を
// 発表した。」 is report 2, 「第3報を公表しました。」 report 3; 0 for none.
func announcedLabel(title string, tm text.RuneMask) int {
	for _, l := range []struct {
		re  *regexp.Regexp
		cue text.WordList
		// follow-up labels count the reports before them
		follow bool
	}{{nthReportRE, nthReportCue, false}, {followUpRE, followUpCue, true}} {
		if !l.cue.InMask(title, tm) {
			continue
		}
		for _, m := range l.re.FindAllStringSubmatchIndex(title, -1) {
			if !text.HasPrefixAny(title[m[1]:], reportLabels["announced"]) {
				continue
			}
			n := 1
			if m[2] >= 0 {
				v, ok := smallNumber(title[m[2]:m[3]])
				if !ok {
					continue
				}
				n = v
			}
			if l.follow {
				n++
			}
			return min(n, maxReport)
		}
	}
	return 0
}

// openingSentenceMasks is room for the masks of the first sentences the routes
// read (report/weights.tsv), on the stack.
const openingSentenceMasks = 32

// findCued is re.FindStringSubmatch(s) for a pattern whose every match
// holds a word of cue; m is s's mask.
func findCued(re *regexp.Regexp, cue text.WordList, s string, m text.RuneMask) []string {
	if !cue.InMask(s, m) {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// sentenceTitle reports whether a title is a sentence of running text
// (「…第2報としてお知らせいたしました…について、ご報告申し上げます。」): a
// segment with no title line has its opening sentence as its title.
func sentenceTitle(title string) bool { return strings.HasSuffix(title, "。") }

// investigationClosed reports whether a notice that gives no number in its
// title is its incident's last report: it publishes an investigation report,
// or it follows an earlier notice (seq is not 1) and tells in its opening
// that the investigation is complete, with no further report announced.
// open is the opening: the first opening_sentences sentences, joined; tm
// and om are the title's mask and the opening's.
func investigationClosed(title string, tm text.RuneMask, open string, om text.RuneMask, sents []text.Sentence, seq int) bool {
	if realTitle(title) && investigationTitles.InMask(title, tm) && !text.ContainsAny(title, moreToComeWords) {
		return true
	}
	if seq == 1 {
		return false
	}
	if !investigationDoneCue.InMask(open, om) || !investigationDoneRE.MatchString(open) {
		return false
	}
	for _, s := range sents {
		if text.ContainsAny(s.Text, moreToComeWords) {
			return false
		}
	}
	return true
}

// seqFromBody is ReportNumber for a title that gives no number; tm is the
// title's mask, open the notice's opening (investigationClosed) and om
// the masks of its sentences.
func seqFromBody(w *text.Watch, title string, tm text.RuneMask, sents []text.Sentence, open string, om *openingMasks, events []schemas.Event, published schemas.Date) int {
	maxCited := 0
	for i, s := range sents {
		w.Check()
		if i >= citingSentences {
			break // citations of earlier reports open a notice
		}
		if !citingWords.InMask(s.Text, om.sents[i]) {
			continue
		}
		for _, m := range priorReportsRE.FindAllStringSubmatch(s.Text, -1) {
			if n, ok := smallNumber(m[1]); ok && n > maxCited {
				maxCited = n
			}
		}
	}
	if maxCited > 0 {
		return maxCited + 1
	}
	top, topMask := om.top(sents)
	if m := findCued(nthReportRE, nthReportCue, top, topMask); m != nil {
		// "(第二報)" on the first lines of a notice without a blog header.
		if n, ok := smallNumber(m[1]); ok {
			return n
		}
	}
	// Earlier notices cited in the opening sentences; PDF text wraps lines
	// inside sentences, so the opening lines are joined before the check.
	cited := 0
	first := firstIncidentDay(events)
	pieces := func(yield func(string, text.RuneMask) bool) { om.pieces(sents, open, yield) }
	for s, m := range pieces {
		if text.ContainsAny(s, presentWords) {
			continue
		}
		n := datedCitations(s)
		if priorNoticeCue(s, m) {
			n = max(n, priorNotices(s, first))
		}
		cited = max(cited, n)
	}
	if cited > 0 {
		return min(cited+1, maxReport)
	}
	// A dated publication in the timeline before this notice's own date,
	// not another body's announcement the organization tells of, nor the
	// announcement a news report tells of (news_announcement.tsv: 「…と
	// 2025年7月18日に発表しました」, dated before the article).
	// Without the notice's own date, the latest day its timeline tells of
	// stands in for it.
	now := published
	if now.IsZero() {
		for _, e := range events {
			if now.Before(e.Date) && !text.ContainsAny(e.Sentence, planWords) {
				now = e.Date
			}
		}
	}
	if !now.IsZero() {
		// (Not one from before the incident: 「…セミナー(令和7年2月26日報道
		// 発表済み)において、…アンケートを紛失」 announced the seminar at
		// which the papers were lost a month later.)
		for _, e := range events {
			if e.Kind == schemas.EventPublished && now.Sub(e.Date) >= int32(publishedGapDays) && !e.Date.Before(first) && !text.ContainsAny(e.Sentence, planWords) &&
				!text.ContainsAny(e.Sentence, othersAnnouncementWords) && !newsAnnouncement(strings.TrimSpace(e.Sentence)) {
				return 2
			}
		}
	}
	if realTitle(title) && laterNoticeTitleWords.InMask(title, tm) {
		return 0
	}
	for i, s := range sents {
		if i >= laterSentences {
			break
		}
		// Every match holds a word of laterNoticeCue.
		if laterNoticeCue.InMask(s.Text, om.sents[i]) && laterNotice(s.Text) {
			return 0
		}
	}
	for _, s := range sents {
		// "追記(1):2023年7月10日の19:00以降に…": updates appended to the
		// notice make it several reports in one.
		if text.HasPrefixAny(s.Text, addendumWords) {
			return 0
		}
	}
	return 1
}

// sentenceAround is the sentence of s that holds s[p:end], its 。 kept.
func sentenceAround(s string, p, end int) string {
	from := strings.LastIndex(s[:p], "。") + len("。")
	if from < len("。") {
		from = 0
	}
	to := len(s)
	if i := strings.Index(s[end:], "。"); i >= 0 {
		to = end + i + len("。")
	}
	return strings.TrimSpace(s[from:to])
}

// newsAnnouncement reports whether s, a sentence, tells of the
// announcement a news report is about (news_announcement.tsv): 「…と
// 2025年7月18日に発表しました」, or a lead 「株式会社○○は4月14日、…について
// 発表した」 whose subject is no self word (「当社は4月14日、…公表しました」
// cites the body's own earlier report), or a sentence whose subject is
// the news report's word for the body (「同社では4月23日に…公表している」),
// or one that tells, with no self word, that a body has announced
// something (「埼玉県では4月23日に、…旨を公表している」); and it tells of
// one announcement only.
func newsAnnouncement(s string) bool {
	// 「…は1月20日、同日に同社が明らかにした…と発表した」: an earlier one cited.
	return announcements(s) <= 1 && newsOfAnnouncement(s)
}

// newsOfAnnouncement is newsAnnouncement before the count of
// announcements: a sentence of one of its news forms.
func newsOfAnnouncement(s string) bool {
	if newsAnnouncementRE.MatchString(s) || othersSubjectOpens(s) ||
		newsNarrationRE.MatchString(s) && !text.ContainsAny(s, selfWords) {
		return true
	}
	m := newsLeadRE.FindStringSubmatch(s)
	return m != nil && !text.ContainsAny(m[1], selfWords)
}

// announcements is how many times sentence s says a body announced
// something (announcedVerbRE: 発表した, 公表しました): a
// sentence that tells of an announcement made before the one it reports
// (「三菱電機は2020年1月20日、同日に同社が明らかにした…不正アクセスで、…と
// 発表した」) says it twice, and cites an earlier report.
func announcements(s string) int {
	return len(announcedVerbRE.FindAllStringIndex(s, -1))
}

// othersSubjectOpens reports whether sentence s opens with a news
// report's word for the body as its subject (othersSubjects), after at
// most othersSubjectOpenerRunes runes of an opener (また, なお): 「また同社
// では4月23日に…」, not 「…同日に同社が明らかにした…」 inside a lead.
func othersSubjectOpens(s string) bool {
	i := text.FirstIndexAny(s, othersSubjects)
	return i >= 0 && utf8.RuneCountInString(s[:i]) <= othersSubjectOpenerRunes
}

// othersSubjectOpenerRunes bounds the opener before othersSubjectOpens'
// subject: さらに, 一方で.
const othersSubjectOpenerRunes = 3

// firstIncidentDay is the earliest day events tell the incident happened
// or was found on (the zero Date when they tell none): no report of it
// came out before. A sentence of a plan (「発送時期:令和6年8月20日発送
// (…予定)」) tells no such day.
func firstIncidentDay(events []schemas.Event) schemas.Date {
	var first schemas.Date
	for _, e := range events {
		if (e.Kind == schemas.EventOccurred || e.Kind == schemas.EventDiscovered) && (first.IsZero() || e.Date.Before(first)) &&
			!text.ContainsAny(e.Sentence, planWords) {
			first = e.Date
		}
	}
	return first
}

// realTitle reports whether title reads as a title: a segment of one long
// line has its whole text as its title, and words in it say nothing of
// what the notice is.
func realTitle(title string) bool { return utf8.RuneCountInString(title) <= titleRunes }

// priorNoticeCue reports whether s holds the words every match of
// priorNoticeRE holds: 既報, or an opener (先般, 既に, 先日, a month after
// a number) and the notice verb's noun (公表, お知らせ…) — the words of
// report/prior_notice.tsv. The pattern has
// no literal prefix and most opening sentences cite nothing. m is s's mask.
func priorNoticeCue(s string, m text.RuneMask) bool {
	if priorAlready.InMask(s, m) {
		return true
	}
	return priorNouns.InMask(s, m) && (priorOpeners.InMask(s, m) || dates.MonthAfterNumber(s))
}

// citedBefore reports whether the earlier notice that s[p:end] cites is
// dated before first, the incident's first day, in the match or right
// before it (dateRightBefore): no report of the incident came out before
// it happened. With no first day, nothing is read.
func citedBefore(s string, p, end int, first schemas.Date) bool {
	return !first.IsZero() && (datedBefore(s[p:end], first) || datedBefore(dateRightBefore(s[:p]), first))
}

// datedBefore reports whether s names a day, its year written, before
// first.
func datedBefore(s string, first schemas.Date) bool {
	for _, m := range dates.Find(s) {
		if m.Year != 0 && m.Day != 0 {
			if d := (&dates.YearContext{}).Resolve(m); !d.IsZero() && d.Before(first) {
				return true
			}
		}
	}
	return false
}

// dateRightBefore is the date that ends before, at most
// citation_date_gap characters and no comma before its end (「令和7年2月
// 26日報道発表済み」: the day of the notice cited); "" for none.
func dateRightBefore(before string) string {
	ms := dates.Find(before)
	if len(ms) == 0 {
		return ""
	}
	m := ms[len(ms)-1]
	gap := before[m.End:]
	if text.RuneCountTo(gap, citationDateGap+1) > citationDateGap || strings.ContainsAny(gap, "、。,") {
		return ""
	}
	return before[m.Start:m.End]
}

// datedCitations is the number of earlier notices of its own that s cites
// by date and title (「10月13日付「…」でご案内のとおり」:
// report/dated_citation.tsv). A date right after の is someone else's
// (厚生労働省の5月1日付「…」).
func datedCitations(s string) int {
	if !text.ContainsWord(s, "「") || !text.ContainsAny(s, datedWords) {
		return 0
	}
	n := 0
	for _, m := range dates.Find(s) {
		if m.Day == 0 || strings.HasSuffix(strings.TrimSpace(s[:m.Start]), "の") {
			continue
		}
		if datedCitationRE.MatchString(s[m.End:]) {
			n++
		}
	}
	return n
}

// priorNoticeAtRE is priorNoticeRE anchored at the start of the text.
var priorNoticeAtRE = regexp.MustCompile(`^(?:` + priorNoticeRE.String() + `)`)

// priorNotices is the number of earlier notices s cites: the matches of
// priorNoticeRE (priorNoticeMatches) but those that tell a response
// (priorPersonal), a news report's lead about this notice (newsLead) or
// a sentence of news that tells of a body's announcement
// (newsAnnouncement: 同社では…公表している),
// data made public (priorDataAfter after the match), or a notice dated
// before first, the first day of the incident (firstIncidentDay).
func priorNotices(s string, first schemas.Date) int {
	n := 0
	for p, end := range priorNoticeMatches(s) {
		sentence := sentenceAround(s, p, end)
		// A sentence that tells of two announcements cites an earlier
		// one, news lead or not (「…同日に同社が明らかにした…と発表した」).
		twice := announcements(sentence) > 1
		if !text.ContainsAny(s[p:end], priorPersonal) &&
			(twice || !newsLead(s[:p], s[p:end], s[end:]) && !newsOfAnnouncement(sentence)) && // 「同社では4月23日に…公表している」: news of the body's notice
			!text.HasPrefixAny(s[end:], priorDataAfter) && !citedBefore(s, p, end, first) {
			n++ // not 「…当該保護者に…説明し、お詫びしました」 (a response), 「既に公表している情報」 (data)
		}
	}
	return n
}

// priorNoticeMatches yields the start and end of each match of
// priorNoticeRE in s, as FindAllStringIndex finds them. Every match opens
// with 既報 or an opener word, or with digits before a 月; the pattern,
// anchored, is tried only there. Its matches from the other positions are
// the same: it has no assertion about what comes before, and a match from
// a digit inside a run would take the same 月 and what follows it as one
// from the run's first digit.
func priorNoticeMatches(s string) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for p, from := 0, 0; p < len(s); {
			if priorNoticeMayStart(s, p, from) {
				if loc := priorNoticeAtRE.FindStringIndex(s[p:]); loc != nil {
					if !yield(p, p+loc[1]) {
						return
					}
					p += loc[1]
					from = p
					continue
				}
			}
			_, w := utf8.DecodeRuneInString(s[p:])
			p += w
		}
	}
}

// newsLead reports whether a citation match that ends its sentence ends
// with a news report's verb (prior_notice.tsv news_lead: 「新潟県は10月29
// 日、…誤送信が発生したと発表した。」), or opens right after the quote
// particle と that verb takes, before the date's year (「…状態になっていた
// と2025年7月18日に発表しました。」): the report of this notice, not an
// earlier one.
func newsLead(before, match, rest string) bool {
	rest = strings.TrimSpace(rest)
	if rest != "" && !strings.HasPrefix(rest, "。") {
		// A match that opens with the lead's date and ends inside its
		// sentence (「大阪市は1月7日、…課がホームページ上で公表していた、
		// …と発表した。」): the sentence's verb is the lead's.
		sentence, _, _ := strings.Cut(rest, "。")
		return match != "" && text.IsDigitByte(match[0]) && text.HasSuffixAny(strings.TrimSpace(sentence), priorNewsLead)
	}
	return text.HasSuffixAny(match, priorNewsLead) || strings.HasSuffix(strings.TrimRight(before, " 0123456789年"), "と")
}

// priorNoticeMayStart reports whether a match of priorNoticeRE may start
// at p, the search having started at from.
func priorNoticeMayStart(s string, p, from int) bool {
	if !text.IsDigitByte(s[p]) {
		return text.HasPrefixAny(s[p:], priorStarts)
	}
	if p > from && text.IsDigitByte(s[p-1]) {
		return false // tried from the run's first digit
	}
	e := p
	for e < len(s) && text.IsDigitByte(s[e]) {
		e++
	}
	return strings.HasPrefix(s[text.SkipSpace(s, e):], "月")
}

// joinFirst is the texts of the first n sentences joined by sep, as
// strings.Join joins them.
func joinFirst(sents []text.Sentence, n int, sep string) string {
	sents = sents[:min(n, len(sents))]
	size := 0
	for _, s := range sents {
		size += len(s.Text) + len(sep)
	}
	var b strings.Builder
	b.Grow(size)
	for i, s := range sents {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// withoutDatelines is sents less the first sentences that are a date
// alone (a notice's own dateline, 「2020年5月12日」), or sents itself when
// none is: joined to the sentences after it, a dateline's month and day
// read as an earlier notice's date (「2020年5月12日」 + 「内容」 + 「…が
// ホームページで公表している薬局機能情報において…」 cited a notice).
func withoutDatelines(sents []text.Sentence) []text.Sentence {
	n := min(len(sents), max(citingSentences, titleLines, openingSentences, laterSentences))
	first := -1
	for i := range n {
		if dateline(sents[i].Text) {
			first = i
			break
		}
	}
	if first < 0 {
		return sents
	}
	out := make([]text.Sentence, 0, len(sents)-1)
	out = append(out, sents[:first]...)
	for i := first; i < len(sents); i++ {
		if i >= n || !dateline(sents[i].Text) {
			out = append(out, sents[i])
		}
	}
	return out
}

// dateline reports whether s is one date alone (spaces, brackets and a
// weekday aside).
func dateline(s string) bool {
	if text.RuneCountTo(s, datelineMaxRunes+1) > datelineMaxRunes || !strings.Contains(s, "日") {
		return false
	}
	ms := dates.Find(s)
	if len(ms) != 1 || ms[0].Day == 0 {
		return false
	}
	rest := strings.Trim(s[:ms[0].Start]+s[ms[0].End:], " ()")
	if rest == "" {
		return true
	}
	for _, w := range dates.WeekdayNames {
		if rest == w || rest == w+"曜" || rest == w+"曜日" {
			return true
		}
	}
	return false
}

// smallNumber reads 3 or 三 (to 九十九).
func smallNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n > 0 && n < 100
	}
	v, ok := text.ParseKanjiNumber(s)
	return int(v), ok && v > 0 && v < 100
}

// laterNotice reports whether sentence s says its notice is a later one
// (laterNoticeRE): an again apology after a to_affected word (「該当の会員様
// には改めてお詫びいたします」) is the people's own apology, which a first
// notice promises beside its letters or calls, and says nothing of the
// kind; a report of an investigation's results always does.
func laterNotice(s string) bool {
	for _, loc := range laterNoticeRE.FindAllStringIndex(s, -1) {
		m := s[loc[0]:loc[1]]
		if !text.ContainsAny(m, apologyToAffected.apology) || !text.ContainsAny(s[:loc[0]], apologyToAffected.toAffected) {
			return true
		}
	}
	return false
}
