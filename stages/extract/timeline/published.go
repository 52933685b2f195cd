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

// Fill fills the notice's published date (from the blog header's
// rest, the loader's published date or the text), its events, and the
// dates of discovery, occurrence and report read from them.
func Fill(w *text.Watch, header, published, caseID, title string, sents []text.Sentence, n *schemas.Notice) {
	yc := &dates.YearContext{CaseYear: caseYear(caseID)}
	var pubSent, pubMention int
	dated := DatedSentences(sents)
	n.PublishedDate, pubSent, pubMention = publishedDate(w, header, published, title, dated, yc)
	yc.Published = n.PublishedDate
	yc.LastYear = 0
	events, labelled := readEvents(w, dated, yc, pubSent, pubMention)
	if n.PublishedDate.IsZero() {
		n.PublishedDate = ownPublication(events, title)
	}
	if n.PublishedDate.IsZero() {
		if d := yearlessAnnouncement(dated, events); !d.IsZero() {
			// The report's year-less days are read again in the year of
			// its announcement, as a dated notice's are: 「大阪市は1月7日、
			// …と発表した。…1月6日…掲載したが、7日…指摘があった。…2014年
			// 4月1日に入所した児童」 announced on 2015-01-07, its 6日 and
			// 7日 are of that January, not of the one year written. (The
			// lead is read as before, no publication of its own: its year
			// is the one just found.)
			n.PublishedDate = d
			yc = &dates.YearContext{CaseYear: yc.CaseYear, Published: d}
			events, labelled = readEvents(w, dated, yc, -1, -1)
		}
	}
	n.Events = events
	n.DiscoveredDate, n.DiscoveredEvidence = firstOf(events, schemas.EventDiscovered, n.PublishedDate)
	n.OccurredDate, _ = firstOf(events, schemas.EventOccurred, n.PublishedDate)
	if !n.DiscoveredDate.IsZero() && n.DiscoveredDate.Before(n.OccurredDate) {
		n.OccurredDate, _ = firstOf(events, schemas.EventOccurred, n.DiscoveredDate)
	}
	if !labelled.IsZero() && n.OccurredDate.Before(labelled) && !afterLimit(labelled, n.DiscoveredDate) && !afterLimit(labelled, n.PublishedDate) {
		// A form's field says when it happened; an earlier day of the
		// chronology is a step before it (readEvents).
		n.OccurredDate = labelled
	}
	if n.OccurredDate.IsZero() {
		limit := n.DiscoveredDate
		if limit.IsZero() {
			limit = n.PublishedDate
		}
		n.OccurredDate = lastHeld(events, title, sents, limit)
	}
	if n.DiscoveredDate.IsZero() && !n.OccurredDate.IsZero() {
		// Nothing says when it was found, but the organization answered
		// it on the day it happened: it knew that day.
		n.DiscoveredDate, n.DiscoveredEvidence = sameDayResponse(events, n.OccurredDate, dated)
		if n.DiscoveredDate.IsZero() && n.OccurredDate == n.PublishedDate {
			// The notice came out the day it happened: it was known then
			// (not when that day's occurrence is a guess: 「…再度発生して
			// いるようです」, incident_summary.tsv unless).
			if _, occurredIn := firstOf(events, schemas.EventOccurred, n.PublishedDate); !text.ContainsAny(occurredIn, summaryUnless) {
				n.DiscoveredDate, n.DiscoveredEvidence = n.OccurredDate, occurredIn
			}
		}
		if n.DiscoveredDate.IsZero() {
			// A theft the staff suffered, an attack that stopped the
			// systems: known the day it happened (timeline/evident.tsv).
			// Only in a dated notice, or where the occurrence's sentence
			// writes its year: with neither, a year-less day's year is a
			// guess, which one field is enough to carry.
			if _, occurredIn := firstOf(events, schemas.EventOccurred, n.PublishedDate); text.ContainsAny(occurredIn, evidentWords) &&
				(!n.PublishedDate.IsZero() || writesYear(occurredIn, n.OccurredDate)) {
				n.DiscoveredDate, n.DiscoveredEvidence = n.OccurredDate, occurredIn
			}
		}
	}
	n.ReportedDate, _ = firstOf(events, schemas.EventReported, schemas.Date{})
}

// writesYear reports whether sentence s writes date d with its year
// (「令和2年2月29日」, not 「2月29日」 dated by the text around it).
func writesYear(s string, d schemas.Date) bool {
	for _, m := range dates.Find(s) {
		if w, ok := schemas.NewDate(m.Year, m.Month, m.Day); ok && m.Year != 0 && w == d {
			return true
		}
	}
	return false
}

// CaseYear is the year of a blog case number "2023-444", or 0.
func caseYear(id string) int {
	if len(id) >= 4 {
		if y, err := strconv.Atoi(id[:4]); err == nil && y >= 1990 && y <= 2100 {
			return y
		}
	}
	return 0
}

// PublishedDate is the date of the notice: the header's date, the loader's,
// or the date the text gives as its own (ownDate). It returns the sentence
// index of that date in the text and the index of its mention there, -1
// and -1 when it came from elsewhere.
func PublishedDate(w *text.Watch, header, published string, sents []DatedSentence, ctx *dates.YearContext) (schemas.Date, int, int) {
	return publishedDate(w, header, published, "", sents, ctx)
}

// publishedDate is PublishedDate for a notice whose title (the title
// stage's, "" when none) is known.
func publishedDate(w *text.Watch, header, published, title string, sents []DatedSentence, ctx *dates.YearContext) (schemas.Date, int, int) {
	if header != "" {
		if ms := dates.Find(header); len(ms) > 0 {
			if d := ctx.Resolve(ms[len(ms)-1]); !d.IsZero() {
				// The header line is in the text: its date is this one.
				for i, s := range sents {
					if i > 2 {
						break
					}
					if hm := s.Dates; len(hm) > 0 && strings.HasPrefix(s.Text, "【") {
						return d, i, len(hm) - 1
					}
				}
				return d, -1, -1
			}
		}
	}
	if published != "" {
		if d, err := schemas.ParseDate(published); err == nil {
			return d, -1, -1
		}
	}
	return ownDate(w, title, sents, ctx)
}

// ownDate is the date the text gives as its own, the first of:
//   - a date after a label (更新日:…, 掲載日 on the line above), or with a
//     suffix (…発表, …更新);
//   - near the top, before the body: a line holding only a date, a date
//     opening one of the first lines ("令和6年8月8日 市内小学校における…
//     について"), a bracketed date after a title ("お詫びとお知らせ
//     (2015/03/27)");
//   - a date ending the title line ("…の誤送信について 2022年7月22日");
//   - a line holding only a date with a signature under it, anywhere (the
//     dateline of a letter);
//   - a date right after 本日 (本日(2月3日)), its year the last one the
//     text wrote before it.
//
// Dates with no year are not the notice's own but after 本日: null beats
// a wrong date.
func ownDate(w *text.Watch, title string, sents []DatedSentence, ctx *dates.YearContext) (schemas.Date, int, int) {
	seenDate, seenBody := false, false
	// The first line is the notice's title (「通知表の紛失について」), not a
	// section heading: a date under it is the letterhead's, whatever
	// event words the title holds.
	first := ""
	if len(sents) > 0 && sents[0].Line == 0 {
		first = sents[0].Text
	}
	lastYear := 0 // the last year the text wrote, for 本日(2月3日)
	// A headline's 。 on the title line (「…個人情報流出。免許証など年齢
	// 確認書類データ」, a line that ends without one) makes no body.
	headline := headlineLine(sents)
	for i, s := range sents {
		w.Check()
		ms := s.Dates
		if i < headerBlock && !seenDate {
			if d := quoteCredit(s.Text); !d.IsZero() {
				return d, -1, -1 // 「(九州大学/2007.08.01)(一部抜粋)文部科学省から…」
			}
		}
		if len(ms) == 0 {
			seenBody = seenBody || !(headline && s.Line == 0) && strings.HasSuffix(s.Text, "。") && utf8.RuneCountInString(s.Text) >= bodySentenceRunes
			continue
		}
		m, k := ms[0], 0
		after := strings.TrimSpace(s.Text[m.End:])
		own := labelBefore(s.Text[:m.Start]) || qualifiedLabelBefore(s.Text[:m.Start]) || labelAbove(sents, i, m) || suffixed(s.Text, m) || updateStamp(s.Text, m) ||
			i < headerBlock && categoryBar(s.Text[:m.Start])
		if !own && i < headerBlock && !seenDate && (m.Start == 0 || pageNumber(s.Text[:m.Start])) && text.HasPrefixAny(after, letterOpeners) {
			own = true // 「平成28年2月9日 各位 …」: a letter's dateline, its line run on (「1 平成…」: after a PDF page's number)
		}
		if !own && i < headerBlock && !seenDate && len(ms) == 1 && strings.TrimSpace(afterWeekday(s.Text[m.End:], m)) == "" &&
			text.HasSuffixAny(strings.TrimSpace(s.Text[:m.Start]), addressees) {
			own = true // 「各位            令和2年2月26日」: the salutation and the dateline on one line of a PDF's layout
		}
		if !own && i == 0 && s.Line == 0 && strings.TrimSpace(s.Text[:m.Start]) == "" && text.HasPrefixAny(afterWeekday(s.Text[m.End:], m), suffixLead) {
			own = true // 「2022年5月20日掲載 九州医療センター 【お詫び】…」: the text opens with its dateline, run on
		}
		if !own && i < headerBlock && !seenDate && len(ms) == 2 && m.Start == 0 && revisionNote(afterWeekday(s.Text[m.End:], m)) {
			own = true // 「2020年3月31日 (2020年6月29日改訂)」: a dateline and its revision's note
		}
		if i < headerBlock && !seenDate && len(ms) == 1 {
			letterhead := !seenBody && (s.Heading == first || !timelineHeading(s.Heading))
			switch {
			case letterhead && dateOnlyLine(s.Text, ms) && !(i > 0 && fieldLabel(sents[i-1])):
				// (not a form's field: 「発生年月日 / 令和5年4月27日」, 「・日時 /
				// 平成28年5月31日」 give an event's day, however near the top;
				// a published label above was read before, labelAbove)
				own = true
			case letterhead && i < titleDateLines && m.Start == 0 && titleAfterDate(after) && !reportno.CitesNoticeAfter(after):
				// "令和6年8月8日 市内小学校における…について"; not 「平成25年3月15日
				// 「…のお知らせ」でご報告いたしました…」, an earlier notice's date.
				own = true
			case letterhead && i < titleDateLines && bracketedTitleDate(s.Text[:m.Start], after):
				// "【2024年4月8日】個人情報を含むメールの誤送信について", as
				// news and blog listings head a notice.
				own = true
			case i < bracketDateLines && !text.ContainsWord(s.Text, "。") && dateInBrackets(s.Text[:m.Start], after) &&
				!eventKind(classifyClause(s.Text[:m.Start])) && (letterhead || !lineAlone(sents, i, m)):
				// "お詫びとお知らせ (2015/03/27)", "…のお願い [ 2014.03.24 ]";
				// a date alone in brackets on its line after the body has
				// begun (「概要 / (令和6年11月8日) / …窓口で受け付けた」) heads
				// a timeline's day.
				own = true
			}
		}
		if !own && (s.Text == title || i == 0 && s.Line == 0) {
			if t := titleTail(s.Text, ms); t >= 0 {
				own, m, k = true, ms[t], t
			}
		}
		if !own && i == 0 && s.Line == 0 && m.Year != 0 && m.Day != 0 && !text.ContainsWord(s.Text[:m.Start], "。") &&
			text.HasSuffixAny(strings.TrimRight(s.Text[:m.Start], " .…"), titleLineEnds) && !timeOrRangeNext(strings.TrimSpace(afterWeekday(s.Text[m.End:], m))) {
			// 「…の紛失についてのお知らせとお詫び 平成28年8月4日 県立広島病院長
			// 県立広島病院の医師…」: a PDF's title, date, signer and body
			// run on one line; the date right after the title's end is
			// the notice's; so is a search result's 「…お詫び …2008/04/18 ·
			// 2....」, its snippet's … (... once normalized) before the date. (Not one a time or a
			// range goes on from:
			// 「システム障害について 2024年7月22日 10時00分発生」.)
			own = true
		}
		if !own && len(ms) == 1 && !timelineHeading(s.Heading) {
			if dateOnlyLine(s.Text, ms) {
				own = signedBelow(sents, i) || seenBody && lastSentence(sents, i) || i < headerBlock && underTitleLine(sents, i)
			} else {
				own = signedAfter(s.Text, m) || signedBefore(s.Text, m) || // 2024年6月10日 株式会社ルピシア; 情報推進課 2007年5月16日
					newsCredit(s.Text, m) || // (2006/07/24 ネットセキュリティニュース)
					pageDateline(s.Text, m, i < headerBlock && !seenDate)
			}
		} else if !own && !timelineHeading(s.Heading) && pageDateline(s.Text, m, i < headerBlock && !seenDate) {
			own = true // 毎日新聞 2015年06月01日 17時12分(最終更新 06月01日 18時03分): the update's date is in its note
		}
		// A month alone (a breadcrumb's 「報道発表資料> 2017年12月>」, an
		// archive's heading) dates no letterhead: the dated line after it
		// may still be the first.
		// A title line with a date it is not read as owning (「平成27年9月
		// 18日 (一社)…支部が」 cut short, 「4/19(火)深夜3:00から…受付再開」)
		// does not stop the dated line under it from being the letterhead.
		seenDate = seenDate || anyDay(ms) && !(i == 0 && s.Line == 0)
		if own && m.Year != 0 {
			if d := ctx.Resolve(m); !d.IsZero() {
				if updateLabelled(s.Text[:m.Start]) {
					// 「更新日:2025年5月21日 / 記者発表資料発表日:2025年5月19日」:
					// the page's update; the release is the earlier one.
					if rd, ri, rk := releaseBelow(sents, i, k, ctx, d); !rd.IsZero() {
						return rd, ri, rk
					}
				}
				return d, i, k
			}
		}
		for _, tm := range ms {
			if text.ContainsAny(s.Text[:tm.Start], todayWords) && todayRE.MatchString(s.Text[:tm.Start]) {
				// The sentence tells what is done today (本日(2月3日)、電話で
				// 謝罪いたします): its date stays that event's too.
				if d := resolveToday(tm, lastYear); !d.IsZero() {
					return d, -1, -1
				}
			}
			if tm.Year != 0 {
				lastYear = tm.Year
			}
		}
	}
	return schemas.Date{}, -1, -1
}

// The marks publishedLabelRE allows after a label: a closing bracket, then
// a colon or an opening bracket (in a regexp's character class):
// 【掲載日】2024年5月10日, 更新日:…, 記者資料提供(2025年10月16日).
const (
	labelCloseMarks = `】>\])`
	labelColons     = `::(`
)

// labelTail are the runes publishedLabelRE allows after its label: white
// space and labelCloseMarks and labelColons.
const labelTail = " \t\n\f\r】>]):("

// labelBefore is publishedLabelRE.MatchString(before): a label of
// dates/published_labels.tsv ends before, but for white space and marks.
// The pattern is anchored at the end only, and the regexp engine tries it
// from every byte of before: it runs only when before, its trailing
// labelTail runes trimmed, ends with a label (no label ends with one of
// them), which almost no text before a date does.
func labelBefore(before string) bool {
	t := strings.TrimRight(before, labelTail)
	for _, l := range publishedLabelWords {
		if strings.HasSuffix(t, l) {
			return publishedLabelRE.MatchString(before)
		}
	}
	return false
}

// qualifiedLabelBefore is labelBefore of a label that carries a short
// qualifier in brackets before its date, as a CMS's export of a press
// release writes its fields (「公開開始日(府HP用)2016/01/08」).
func qualifiedLabelBefore(before string) bool {
	q, ok := withoutLabelQualifier(before)
	return ok && labelBefore(q)
}

// labelQualifierRunes bounds the bracketed qualifier of a label.
const labelQualifierRunes = 8

// withoutLabelQualifier is before without the bracketed words of at most
// labelQualifierRunes characters that end it (「公開開始日(府HP用)」), and
// whether there were any.
func withoutLabelQualifier(before string) (string, bool) {
	label, q, ok := text.CutTrailingBracket(strings.TrimRight(before, " "))
	if !ok || label == "" || strings.ContainsAny(q, "()") || utf8.RuneCountInString(q) > labelQualifierRunes {
		return before, false
	}
	return label, true
}

// updateLabelled reports whether before, the text before a date, ends
// with a label of a page's update (dates/update_labels.tsv).
func updateLabelled(before string) bool {
	return text.HasSuffixAny(strings.TrimRight(before, labelTail), updateLabelWords)
}

// bracketedTitleDate reports whether a date stands in brackets at the
// head of a title: before it only the opening bracket, after it maybe a
// word of its release (dates/published_suffixes.tsv: 発表, 公表, 掲載)
// and the closing bracket, then a title (titleAfterDate).
func bracketedTitleDate(before, after string) bool {
	closer, ok := map[string]string{"【": "】", "[": "]", "〔": "〕"}[strings.TrimSpace(before)]
	if !ok {
		return false
	}
	for _, w := range suffixLead {
		if rest, cut := strings.CutPrefix(after, w); cut {
			after = rest
			break
		}
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(after), closer)
	return ok && titleAfterDate(strings.TrimSpace(rest)) && !reportno.CitesNoticeAfter(rest)
}

// releaseBelow is the release date of a page whose update date d is date
// k of sentence i: a date after a label of dates/published_labels.tsv that
// is no update's, later on the same line (「更新日:2024年7月12日 公開日:
// 2024年7月10日」) or in the header block below, or a date alone on a line
// of the letterhead below, before the body's first sentence (「青葉市 /
// 2024年7月10日」; not a timeline's 「発生日時 / 令和6年3月21日」), earlier
// than d; the zero Date when there is none.
func releaseBelow(sents []DatedSentence, i, k int, ctx *dates.YearContext, d schemas.Date) (schemas.Date, int, int) {
	body := false // a sentence has ended since the update's line
	for j := i; j < len(sents) && j < headerBlock; j++ {
		ms := sents[j].Dates
		alone := j > i && !body && len(ms) == 1 && dateOnlyLine(sents[j].Text, ms)
		body = body || j > i && strings.HasSuffix(sents[j].Text, "。")
		for mk, m := range ms {
			if j == i && mk <= k {
				continue
			}
			before := sents[j].Text[:m.Start]
			if m.Year == 0 || updateLabelled(before) || !alone && !labelBefore(before) {
				continue
			}
			if rd := ctx.Resolve(m); !rd.IsZero() && rd.Before(d) {
				return rd, j, mk
			}
		}
	}
	return schemas.Date{}, -1, -1
}

// labelAbove reports whether the date m opens sentence i and the line
// above holds only a label of dates/published_labels.tsv, maybe in a
// heading's marks (公表日\n令和4年6月20日, 【掲載日】\n…).
func labelAbove(sents []DatedSentence, i int, m dates.Mention) bool {
	if i == 0 || strings.TrimSpace(sents[i].Text[:m.Start]) != "" {
		return false
	}
	above := sents[i-1]
	return sents[i].Line-above.Line <= 2 && publishedLabelLineRE.MatchString(strings.Trim(above.Text, labelMarks))
}

// labelMarks may stand around a label alone on its line (【掲載日】, ■公表日,
// a table cell's 「報道提供日時 |」): the marks of rules/text/line_marks.tsv
// trimmed from names, brackets and a table's bar.
var labelMarks = text.NameTrimMarks + "【】<>[]()|"

// suffixed reports whether a word of dates/published_suffixes.tsv follows
// the date m of s: one that ends the line, closing brackets aside
// (2024年6月3日 総務課発表, 2025年4月22日[お知らせ]), or one
// right after it with no words after (2024年2月27日更新).
func suffixed(s string, m dates.Mention) bool {
	rest := afterWeekday(s[m.End:], m)
	if text.ContainsAny(rest, suffixAtEnd) {
		end := strings.TrimSpace(strings.TrimRight(rest, ")]】> "))
		for _, w := range suffixAtEnd {
			if strings.HasSuffix(end, w) {
				return true
			}
		}
	}
	// A time of day may stand between (「2020年8月14日 22:33追記」).
	timed := rest
	if n := timeLead(rest); n > 0 {
		timed = strings.TrimLeft(rest[n:], " ")
	}
	for _, w := range suffixNext {
		if tail, ok := strings.CutPrefix(timed, w); ok && (!hasLetter(tail) || sourceName(tail)) {
			return true
		}
	}
	return false
}

// underTitleLine reports whether sentence i stands on the line right
// under a line that is a notice's title: one sentence, no 。, ending in a
// word of dates/title_line_ends.tsv, and no timeline's heading (経過につい
// て).
func underTitleLine(sents []DatedSentence, i int) bool {
	if i == 0 {
		return false
	}
	prev := sents[i-1]
	if prev.Line != sents[i].Line-1 || i > 1 && sents[i-2].Line == prev.Line || text.ContainsWord(prev.Text, "。") || timelineHeading(prev.Text) {
		return false
	}
	return text.HasSuffixAny(strings.TrimRight(prev.Text, " )】」"), titleLineEnds)
}

// lineAlone reports whether the date m of sentence i stands alone in
// brackets on a line of its own: nothing before its bracket, and no
// sentence before it on its line (「…まとめております。(令和4年7月13日現
// 在)」 stamps the sentence it follows).
func lineAlone(sents []DatedSentence, i int, m dates.Mention) bool {
	if strings.TrimSpace(sents[i].Text[:m.Start]) != "(" {
		return false
	}
	return i == 0 || sents[i-1].Line != sents[i].Line
}

// dateInBrackets reports whether a date stands alone in brackets at the
// end of its line: after a title in round or square ones ("お詫びとお知らせ
// (2015/03/27)", "…のお願い [ 2014.03.24 ]"), or alone in round ones. A
// date alone in 【】 heads a timeline's day (【令和6年6月6日 木曜日】).
func dateInBrackets(before, after string) bool {
	before = strings.TrimSpace(before)
	if strings.HasSuffix(after, ")") && strings.HasSuffix(before, "(") {
		return true
	}
	title := strings.TrimSpace(strings.TrimSuffix(before, "["))
	return strings.HasSuffix(after, "]") && len(title) < len(before) && title != ""
}

// updateStamp reports whether the date m of s stamps a version of the
// page: a word of dates/published_suffixes.tsv with reach next follows it
// right away, or after a time of day, and no word after that (2018/6/4
// 13:00更新, 2024年2月27日(火)更新). An update history lists such lines,
// each with what changed under it; the date is the page's, not an
// event's, whatever the lines under it tell.
func updateStamp(s string, m dates.Mention) bool {
	rest := afterWeekday(s[m.End:], m)
	rest = strings.TrimSpace(rest[timeLead(rest):])
	for _, w := range suffixNext {
		if tail, ok := strings.CutPrefix(rest, w); ok && (!hasLetter(tail) || sourceName(tail)) {
			return true
		}
	}
	return false
}

// sourceName reports whether tail, what follows a dateline's 更新 or 配信,
// is the short name of the paper or site (「2008/12/17 14:31更新 産経新聞」,
// its space dropped between kanji): one word of at most signatureRunes
// kanji, katakana or Latin letters (and hyphens: J-CASTニュース).
func sourceName(tail string) bool {
	tail = strings.TrimSpace(tail)
	if tail == "" || text.RuneCountTo(tail, signatureRunes+1) > signatureRunes {
		return false
	}
	for _, r := range tail {
		if !unicode.In(r, unicode.Han, unicode.Katakana, unicode.Latin) && r != 'ー' && r != '-' {
			return false
		}
	}
	return true
}

// pageNumber reports whether s, what stands before a line's first date,
// is a PDF page's number alone (「1 平成29年2月13日 お客様各位 …」): at
// most three digits and spaces.
func pageNumber(s string) bool {
	t := strings.TrimSpace(s)
	return t != "" && len(t) <= 3 && text.DigitsUpTo(t, 0, 3) == len(t)
}

// newsCredit reports whether line s is only a bracketed date and the name
// of the paper or site that printed the text (sourceName), a news item's
// credit under its body: 「(2006/07/24 ネットセキュリティニュース)」, or the
// name first and a dash or a slash before the date: 「(Security NEXT -
// 2021/04/16 )」.
func newsCredit(s string, m dates.Mention) bool {
	before := strings.TrimSpace(s[:m.Start])
	if before != "(" {
		// 「(Security NEXT - 2021/04/16 )」: the name first, a dash or a
		// slash, then the date alone.
		name, ok := strings.CutPrefix(before, "(")
		after, closed := strings.CutPrefix(strings.TrimSpace(s[m.End:]), ")")
		if !ok || !closed || strings.Contains(after, "。") {
			return false // (a page's own words may follow: 「…) このエントリーを…」)
		}
		core := strings.TrimRight(name, " -/")
		if !strings.ContainsAny(name[len(core):], "-/") {
			return false // a dash or a slash stands between the name and the date
		}
		core = strings.TrimSpace(core)
		return core != "" && sourceName(strings.ReplaceAll(core, " ", ""))
	}
	rest, ok := strings.CutSuffix(strings.TrimSpace(s[m.End:]), ")")
	return ok && rest != "" && sourceName(rest)
}

// newsDateline reports whether line s is a news item's dateline: the
// paper's name (sourceName, ending in a paper word of
// dates/news_datelines.tsv), the date m, and nothing after it but maybe
// the time, the edition or a note of its update in brackets: 「毎日新聞
// 2010年7月31日 地方版」, 「毎日新聞 2015年06月01日 17時12分(最終更新 06月01日
// 18時03分)」.
func newsDateline(s string, m dates.Mention) bool {
	name := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s[:m.Start]), "/")) // 「J-CASTニュース / 2024年5月1日」
	if !sourceName(name) || !text.HasSuffixAny(name, newsDatelineWords["paper"]) {
		return false
	}
	rest := afterDateAndTime(s, m)
	for _, u := range newsDatelineWords["update"] {
		if strings.HasPrefix(rest, "("+u) && strings.HasSuffix(rest, ")") {
			rest = "" // (最終更新 06月01日 18時03分): when the item was updated
			break
		}
	}
	return rest == "" || slices.Contains(newsDatelineWords["edition"], rest)
}

// pageDateline reports whether line s is a news page's dateline at m: a
// paper's (newsDateline: 毎日新聞 2010年7月31日 地方版) or, when first (in
// the page's first lines, before any date), one with no paper's name
// (headlessDateline: 2019年05月14日 14:20 / EC).
func pageDateline(s string, m dates.Mention, first bool) bool {
	return newsDateline(s, m) || first && headlessDateline(s, m)
}

// headlessDateline reports whether line s is a news page's dateline with
// no paper's name: it opens with the full date m, maybe its time, then
// the page's section after a slash (「2019年05月14日 14:20 / EC」, one
// word: sourceName), the paper's name (sourceName ending in a paper word:
// 「2024年3月16日(土)19時36分 マイナビニュース」), its sections separated by
// commas (sectionList: 「ニュース, 社会」) or a note of the item's update that brackets do not
// set off (「2011年5月14日 23時38分 更新:5月15日 0時37分」) or that brackets
// do, the update word last (「2020年8月27日 20時53分 (8月27日 20時55分更
// 新)」), and nothing else. A line holding the date alone is read elsewhere.
func headlessDateline(s string, m dates.Mention) bool {
	if m.Year == 0 || m.Day == 0 || strings.TrimSpace(s[:m.Start]) != "" {
		return false
	}
	rest := afterDateAndTime(s, m)
	if section, ok := strings.CutPrefix(rest, "/"); ok {
		return sourceName(section)
	}
	if sourceName(rest) && text.HasSuffixAny(rest, newsDatelineWords["paper"]) {
		return true // 「2024年3月16日(土)19時36分 マイナビニュース」: the paper's name after the date
	}
	if sectionList(rest) {
		return true // 「2014年02月28日 19時11分 ニュース, 社会」: the page's sections
	}
	if inner, ok := strings.CutPrefix(rest, "("); ok {
		if inner, ok = strings.CutSuffix(inner, ")"); ok {
			// 「2020年8月27日 20時53分 (8月27日 20時55分更新)」
			for _, u := range newsDatelineWords["update"] {
				if note, ok := strings.CutSuffix(inner, u); ok && updateNoteRE.MatchString(note) {
					return true
				}
			}
			rest = inner // (更新:…)
		}
	}
	for _, u := range newsDatelineWords["update"] {
		if note, ok := strings.CutPrefix(rest, u); ok {
			return updateNoteRE.MatchString(note)
		}
	}
	return false
}

// sectionList reports whether rest, what follows a dateline's date and
// time, is a list of the page's sections, each a sourceName, separated by
// commas, one of them a paper word (news_datelines.tsv paper: ニュース):
// 「ニュース, 社会」.
func sectionList(rest string) bool {
	if rest == "" || rest[0] == ',' || strings.HasPrefix(rest, "、") {
		return false // 「令和5年1月1日、当社において…」: a sentence, read no further
	}
	n, paper := 0, false
	for rest != "" {
		part := rest
		// A section's name is short: a separator is looked for in the
		// first sectionBytes only.
		if i := strings.IndexAny(rest[:min(len(rest), sectionBytes)], ",、"); i >= 0 {
			_, w := utf8.DecodeRuneInString(rest[i:])
			part, rest = rest[:i], rest[i+w:]
		} else {
			rest = ""
		}
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if n++; n > 4 || !sourceName(part) {
			return false // most lines fail on their first part
		}
		paper = paper || text.HasSuffixAny(part, newsDatelineWords["paper"])
	}
	return n >= 2 && paper
}

// sectionBytes bounds a dateline's section name and its separator.
const sectionBytes = 64

// updateNoteRE is what follows an update word in a dateline's unbracketed
// note: a colon or space, a month and day (maybe a year) and maybe a time.
var updateNoteRE = regexp.MustCompile(`^[::]?\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日\s*(?:\d{1,2}(?:時\d{1,2}分|:\d{2}))?$`)

// afterDateAndTime is what line s holds after its date m, the date's
// weekday and a time of day (newsClockRE), trimmed.
func afterDateAndTime(s string, m dates.Mention) string {
	rest := strings.TrimSpace(afterWeekday(s[m.End:], m))
	return strings.TrimSpace(rest[len(newsClockRE.FindString(rest)):])
}

// newsClockRE is the time of day a dateline may give after its date:
// 17時12分, 17:12.
var newsClockRE = regexp.MustCompile(`^\d{1,2}(?:時\d{1,2}分|:\d{2})`)

// quoteCredit is the date of the credit that opens line s when s quotes
// a notice: 「(九州大学/2007.08.01)」, a bracket holding the body's name
// (sourceName: one word of name characters), a slash and the date. A site
// that quotes notices heads each with its source and the day it was
// issued. Zero when s opens with no such credit. (dates.Find reads no
// date right after a slash, which may end an earlier date's numbers.)
func quoteCredit(s string) schemas.Date {
	m := quoteCreditRE.FindStringSubmatch(s)
	if m == nil || !sourceName(m[1]) {
		return schemas.Date{}
	}
	y, _ := strconv.Atoi(m[2])
	mo, d := m[3], m[4]
	if mo == "" {
		mo, d = m[5], m[6] // 2006年9月19日
	}
	month, _ := strconv.Atoi(mo)
	day, _ := strconv.Atoi(d)
	date, _ := schemas.NewDate(y, month, day)
	return date
}

// quoteCreditRE: (name/2007.08.01), (name/2007/08/01) or (name/2007年8月1日)
// opening a line.
var quoteCreditRE = regexp.MustCompile(`^\s*\(([^/()]{1,40})/((?:19|20)\d{2})(?:[./](\d{1,2})[./](\d{1,2})|年(\d{1,2})月(\d{1,2})日)\)`)

// titleTail is the index of the mention that ends the title line s as the
// notice's date ("…の誤送信について 2022年7月22日", "…お詫び 2008/04/18 · 2...."),
// or -1. The date has a year and a day, no other of the line has a day,
// and nothing after it is a word (but a signature: shortSignature) or starts
// a range or a time.
func titleTail(s string, ms []dates.Mention) int {
	if text.ContainsWord(s, "。") {
		return -1
	}
	k := len(ms) - 1
	m := ms[k]
	if m.Year == 0 || m.Day == 0 || m.RangeEnd || strings.TrimSpace(s[:m.Start]) == "" {
		return -1 // a date opening the line is the letterhead rules'
	}
	for _, o := range ms[:k] {
		if o.Day != 0 {
			return -1
		}
	}
	rest := afterWeekday(s[m.End:], m)
	if opened := strings.TrimSpace(s[:m.Start]); strings.HasSuffix(opened, "[") || strings.HasSuffix(opened, "(") {
		// 「…法務省に不正アクセス[2014/09/22 22:13]」: the date and the time
		// of the item in brackets.
		rest = strings.TrimSpace(rest)
		rest = strings.TrimSpace(rest[timeLead(rest):])
		if close := rest[:min(len(rest), 1)]; close == "]" && strings.HasSuffix(opened, "[") || close == ")" && strings.HasSuffix(opened, "(") {
			rest = rest[1:]
		}
	}
	if timeOrRangeNext(rest) {
		return -1
	}
	if hasLetter(rest) && !shortSignature(rest) {
		return -1
	}
	return k
}

// shortSignature reports whether s, the words beside a date on its line,
// is a signature (dates/published_signatures.tsv) of at most
// signature_runes characters and no 。: 「情報推進課 2007年5月16日」,
// 「2024年6月10日 株式会社○○」, and after a title line's date 「…ご報告とお
// 詫び 2022年5月16日 株式会社○○」, the page's title, date and publisher on
// one line.
func shortSignature(s string) bool {
	return !text.ContainsWord(s, "。") && text.RuneCountTo(s, signatureRunes+1) <= signatureRunes && signature.signs(s)
}

// timeOrRangeNext reports whether rest, the text after a date, opens
// with a digit (a time of day) or a range mark.
func timeOrRangeNext(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsDigit(r) || strings.ContainsRune(rangeMarks, r)
}

// rangeMarks open the second date of a range after a date.
const rangeMarks = "~-〜"

// revisionNote reports whether rest, the text after a dateline's date
// (its weekday passed over), is one bracket holding the line's other date
// and a revision word (date_line_tails.tsv revision): 「(2020年6月29日
// 改訂)」.
func revisionNote(rest string) bool {
	inner, ok := strings.CutPrefix(rest, "(")
	if !ok {
		return false
	}
	inner, ok = strings.CutSuffix(inner, ")")
	return ok && !strings.ContainsAny(inner, "()") && text.ContainsAny(inner, dateLineTails["revision"])
}

// afterWeekday is what follows a date, from after its weekday in brackets
// (2024年5月1日(水)), white space trimmed.
func afterWeekday(rest string, m dates.Mention) string {
	rest = strings.TrimSpace(rest)
	if m.Weekday >= 0 && strings.HasPrefix(rest, "(") {
		if j := strings.IndexByte(rest, ')'); j >= 0 {
			rest = strings.TrimSpace(rest[j+1:])
		}
	}
	return rest
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// signedBelow reports whether a signature (dates/published_signatures.tsv)
// is within signature_lines short lines under sentence i, with no date and
// no sentence before it.
func signedBelow(sents []DatedSentence, i int) bool {
	for j := i + 1; j < len(sents) && j <= i+signatureLines; j++ {
		t := sents[j].Text
		if len(sents[j].Dates) > 0 || text.ContainsWord(t, "。") || text.RuneCountTo(t, signatureRunes+1) > signatureRunes {
			return false
		}
		if signature.signs(t) {
			return true
		}
	}
	return false
}

// categoryBar reports whether before, the text of a line before its date,
// is a news list's category and a bar: 「お知らせ |2022年03月02日」. The
// category is a word of at most category_max_runes characters
// (dates/weights.tsv).
func categoryBar(before string) bool {
	category, found := strings.CutSuffix(strings.TrimSpace(before), "|")
	category = strings.TrimSpace(category)
	return found && category != "" && text.RuneCountTo(category, categoryMaxRunes+1) <= categoryMaxRunes &&
		!strings.ContainsAny(category, "。、|")
}

// lastSentence reports whether sentence i ends the text: a date alone on
// the last line, under the body, is the letter's dateline even with no
// signature under it; not one that goes on a timeline the line before
// stands in (a page cut short after 「3 経緯 / … / R6.11.29 15時過ぎ」).
func lastSentence(sents []DatedSentence, i int) bool {
	return i == len(sents)-1 && !(i > 0 && timelineHeading(sents[i-1].Heading))
}

// anyDay reports whether one of ms names a day.
func anyDay(ms []dates.Mention) bool {
	for _, m := range ms {
		if m.Day != 0 {
			return true
		}
	}
	return false
}

// signedBefore reports whether the date m ends the line s (but for its
// weekday) and a signature (dates/published_signatures.tsv) of at most
// signature_runes characters comes before it on the same line: a
// signature and its dateline written as one line (情報推進課 2007年5月16日).
func signedBefore(s string, m dates.Mention) bool {
	before := strings.TrimSpace(s[:m.Start])
	return before != "" && afterWeekday(s[m.End:], m) == "" && shortSignature(before)
}

// signedAfter reports whether the date m opens the line s and a
// signature (dates/published_signatures.tsv) of at most signature_runes
// characters follows it on the same line: a dateline and its signature
// written as one line (2024年6月10日 株式会社○○).
func signedAfter(s string, m dates.Mention) bool {
	if strings.TrimSpace(s[:m.Start]) != "" {
		return false
	}
	rest := afterWeekday(s[m.End:], m)
	return rest != "" && (shortSignature(rest) || shortSignature(withoutSignerName(rest)))
}

// withoutSignerName is line without the person's name that ends it, one
// to signer_name_runes kanji after the body that signs (「2021.1.22 益城病院
// 広報委員会 宮崎」: the committee's member); line itself when no such body
// ends the rest.
func withoutSignerName(line string) string {
	rest := line
	for n := 1; n <= signerNameRunes; n++ {
		r, size := utf8.DecodeLastRuneInString(rest)
		if !unicode.Is(unicode.Han, r) {
			return line
		}
		rest = rest[:len(rest)-size]
		if text.HasSuffixAny(rest, signature.body) {
			return rest
		}
	}
	return line
}

// resolveToday is the day of a date after 本日: its year is written, or
// is the last year the text wrote before it; else there is none.
func resolveToday(m dates.Mention, lastYear int) schemas.Date {
	if m.Year == 0 && lastYear == 0 {
		return schemas.Date{}
	}
	yc := dates.YearContext{LastYear: lastYear}
	return yc.Resolve(m)
}

// titleAfterDate reports whether what follows a date that opens a line
// reads as the notice's title or letterhead, not as the clause of an event
// ("2023年6月5日、", "7月3日(月)に").
func titleAfterDate(after string) bool {
	r, _ := utf8.DecodeRuneInString(after)
	if after == "" || r == '(' || r == '~' || r == '-' || text.IsDigitByte(after[0]) {
		return false
	}
	return !text.HasPrefixAny(after, eventOpeners)
}

func eventKind(k string) bool {
	return k == schemas.EventDiscovered || k == schemas.EventOccurred || k == schemas.EventReported || k == schemas.EventPolice
}

// timelineHeading reports whether a heading introduces a timeline, under
// which a line with only a date starts an event, not the notice.
func timelineHeading(h string) bool {
	return text.ContainsAny(h, timelineHeadingWords)
}

// ownPublication finds the day the text says this very notice was
// published, as a timeline line that names the notice's report label
// (最終報, 第3報) or calls it 本報告, or a news report's own announcement (announced).
func ownPublication(events []schemas.Event, title string) schemas.Date {
	label, labelRead := "", false // the title's label, read at the first published event: most notices have none
	for _, e := range events {
		if e.Kind != schemas.EventPublished {
			continue
		}
		if !labelRead {
			label, labelRead = reportno.TitleLabel(title), true
		}
		if (label != "" && strings.Contains(e.Sentence, label)) || reportno.NamesThisNotice(e.Sentence) || announcedIn(e.Sentence) {
			return e.Date
		}
	}
	return schemas.Date{}
}

// yearlessAnnouncement is the day of a news report's announcement that
// writes no year (「東大阪病院は1月10日、…と発表した」), in the year the
// text's events give it: the announcement comes on or after the latest
// discovery or occurrence the text dates in a month it writes a day of
// with its year (平成20年11月5日 → 2009-01-10), within the year after it. Zero when the
// lead is not among the first lead_sentences sentences, or no event is
// dated with its year: the year of a record's period or of some other day
// is no year of the announcement.
func yearlessAnnouncement(sents []DatedSentence, events []schemas.Event) schemas.Date {
	var lead dates.Mention
	found := false
	for i := 0; i < len(sents) && i < leadSentences && !found; i++ {
		s := sents[i]
		if len(s.Dates) > 0 && s.Dates[0].Year == 0 && s.Dates[0].Month != 0 && s.Dates[0].Rel == "" &&
			announcedAt(s.Text, s.Dates[0]) {
			lead, found = s.Dates[0], true
		}
	}
	if !found {
		return schemas.Date{}
	}
	// The months the text writes a day of with its year: an event on a
	// later day of one (「22年7月10日…その後20日に…」) has the text's year.
	written := map[int]bool{}
	for _, s := range sents {
		for _, m := range s.Dates {
			y := m.Year
			if y == 0 && m.ShortYear != 0 {
				y = dates.NewsYear(m.ShortYear) // news: 「25年12月26日」 (an event must still fall on it)
			}
			if y != 0 && m.Month != 0 && m.Day != 0 {
				written[y*12+m.Month] = true
			}
		}
	}
	var latest schemas.Date
	for _, e := range events {
		if (e.Kind == schemas.EventDiscovered || e.Kind == schemas.EventOccurred) && written[e.Date.Year()*12+int(e.Date.Time().Month())] &&
			(latest.IsZero() || latest.Before(e.Date)) {
			latest = e.Date
		}
	}
	if latest.IsZero() {
		return schemas.Date{}
	}
	d, ok := schemas.NewDate(latest.Year(), lead.Month, lead.Day)
	if ok && d.Before(latest) {
		d, ok = schemas.NewDate(latest.Year()+1, lead.Month, lead.Day)
	}
	if !ok {
		return schemas.Date{}
	}
	return d
}

// afterLimit reports whether d falls after limit, a date that may be unknown.
func afterLimit(d, limit schemas.Date) bool { return !limit.IsZero() && limit.Before(d) }

// headlineLine reports whether the text's first line is a headline that
// holds a 。 but does not end with one, and more lines follow: its
// sentences are the title's parts, no body.
func headlineLine(sents []DatedSentence) bool {
	last := -1
	for i, s := range sents {
		if s.Line != 0 {
			break
		}
		last = i
	}
	return last > 0 && last+1 < len(sents) && !strings.HasSuffix(sents[last].Text, "。")
}
