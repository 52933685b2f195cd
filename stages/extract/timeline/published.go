package timeline

import (
	"strconv"
	"strings"
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
	n.PublishedDate, pubSent, pubMention = PublishedDate(w, header, published, dated, yc)
	yc.Published = n.PublishedDate
	yc.LastYear = 0
	events := Events(w, dated, yc, pubSent, pubMention)
	if n.PublishedDate.IsZero() {
		n.PublishedDate = ownPublication(events, title)
	}
	n.Events = events
	n.DiscoveredDate, n.DiscoveredEvidence = firstOf(events, schemas.EventDiscovered, n.PublishedDate)
	n.OccurredDate, _ = firstOf(events, schemas.EventOccurred, n.PublishedDate)
	if !n.DiscoveredDate.IsZero() && n.DiscoveredDate.Before(n.OccurredDate) {
		n.OccurredDate, _ = firstOf(events, schemas.EventOccurred, n.DiscoveredDate)
	}
	if n.DiscoveredDate.IsZero() && !n.OccurredDate.IsZero() {
		// Nothing says when it was found, but the organization answered
		// it on the day it happened: it knew that day.
		n.DiscoveredDate, n.DiscoveredEvidence = sameDayResponse(events, n.OccurredDate)
	}
	n.ReportedDate, _ = firstOf(events, schemas.EventReported, schemas.Date{})
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
// or a date the text gives as its own near the top — a line holding only a
// date, 更新日:…, (…発表), a date opening one of the first lines
// ("令和6年8月8日 市内小学校における…について"), a bracketed date after a
// title ("お詫びとお知らせ (2015/03/27)"). It returns the sentence index of
// that date in the text, -1 when it came from elsewhere.
func PublishedDate(w *text.Watch, header, published string, sents []DatedSentence, ctx *dates.YearContext) (schemas.Date, int, int) {
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
	seenDate, seenBody := false, false
	// The first line is the notice's title (「通知表の紛失について」), not a
	// section heading: a date under it is the letterhead's, whatever
	// event words the title holds.
	title := ""
	if len(sents) > 0 && sents[0].Line == 0 {
		title = sents[0].Text
	}
	for i, s := range sents {
		w.Check()
		ms := s.Dates
		if len(ms) == 0 {
			seenBody = seenBody || strings.HasSuffix(s.Text, "。") && utf8.RuneCountInString(s.Text) >= bodySentenceRunes
			continue
		}
		m := ms[0]
		after := strings.TrimSpace(s.Text[m.End:])
		own := publishedLabelRE.MatchString(s.Text[:m.Start]) ||
			strings.HasSuffix(strings.TrimSpace(strings.TrimRight(s.Text[m.End:], ")")), "発表")
		if i < headerBlock && !seenDate && len(ms) == 1 {
			letterhead := !seenBody && (s.Heading == title || !timelineHeading(s.Heading))
			switch {
			case letterhead && dateOnlyLine(s.Text, ms):
				own = true
			case letterhead && i < titleDateLines && m.Start == 0 && titleAfterDate(after):
				own = true // "令和6年8月8日 市内小学校における…について"
			case i < bracketDateLines && !strings.Contains(s.Text, "。") &&
				strings.HasSuffix(after, ")") && strings.HasSuffix(strings.TrimSpace(s.Text[:m.Start]), "(") &&
				!eventKind(classifyClause(s.Text[:m.Start])):
				own = true // "お詫びとお知らせ (2015/03/27)"
			}
		}
		seenDate = true
		if own && m.Year != 0 {
			if d := ctx.Resolve(m); !d.IsZero() {
				return d, i, 0
			}
		}
	}
	return schemas.Date{}, -1, -1
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
// (最終報, 第3報) or calls it 本報告.
func ownPublication(events []schemas.Event, title string) schemas.Date {
	label := reportno.TitleLabel(title)
	for _, e := range events {
		if e.Kind != schemas.EventPublished {
			continue
		}
		if (label != "" && strings.Contains(e.Sentence, label)) || reportno.NamesThisNotice(e.Sentence) {
			return e.Date
		}
	}
	return schemas.Date{}
}
