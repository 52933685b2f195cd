package extract

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/cause"
	"github.com/breachtrend/breachtrend/stages/extract/counts"
	"github.com/breachtrend/breachtrend/stages/extract/datatypes"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// Input is what Extract reads: a segment's normalized text and what the
// segmenter and loader know about it.
type Input struct {
	Text       string // normalized text of the segment
	Title      string // title line (normalized)
	CaseID     string // from the blog header, "" when none
	HeaderRest string // the header after its bracket, "" when none
	Published  string // a published date given by the loader (JSON Lines), YYYY-MM-DD or ""
}

// Extractor fills the extracted fields of a notice. Implementations must be
// safe for concurrent use; an empty result is a notice with no fields, not
// an error.
//
// Extract does it all at once. Prepare fills the fields read from the text
// alone and returns the rest of the work, the fields read with the
// tokenizer (the organization and the cause): a pipeline prepares notices
// while the tokenizer's dictionary is still loading (~0.6 s), and finishes
// them once it is built. Extract(ctx, in, n) is Prepare(ctx, in, n) then
// Finish(ctx, n).
//
// An error means the extraction was abandoned and n is partly filled: the
// context's error when ctx ended (the run is cancelled), or an error that
// wraps ErrBudget when the segment took longer than its time budget (the
// segment is rejected, the run goes on).
type Extractor interface {
	Extract(ctx context.Context, in Input, n *schemas.Notice) error
	Prepare(ctx context.Context, in Input, n *schemas.Notice) (Pending, error)
}

// Pending is the part of one notice's extraction that needs the tokenizer.
type Pending interface {
	// Finish fills the rest of the fields of n, the notice Prepare was
	// given, within what is left of the segment's budget; its error is as
	// Prepare's.
	Finish(ctx context.Context, n *schemas.Notice) error
}

// DefaultBudget is the time budget of one segment's extraction that New
// sets (see text.DefaultBudget).
const DefaultBudget = text.DefaultBudget

// ErrBudget is wrapped by the error of an extraction that took longer than
// its segment's budget.
var ErrBudget = text.ErrBudget

// Rules is the rule-based Extractor.
type Rules struct {
	// Budget is the time the extraction of one segment (Prepare and
	// Finish together) may take; 0 means no limit. The scanners check it,
	// and the context, at their loop boundaries.
	Budget time.Duration
}

// New returns the rule-based extractor, with DefaultBudget.
func New() *Rules { return &Rules{Budget: DefaultBudget} }

// Extract implements Extractor.
func (r Rules) Extract(ctx context.Context, in Input, n *schemas.Notice) error {
	p, err := r.Prepare(ctx, in, n)
	if err != nil {
		return err
	}
	return p.Finish(ctx, n)
}

// Prepare implements Extractor: everything but the organization and the
// cause, which the returned Pending finds with the tokenizer. No field read
// here depends on those two.
func (r Rules) Prepare(ctx context.Context, in Input, n *schemas.Notice) (_ Pending, err error) {
	w := text.NewWatch(ctx, r.Budget, r.Budget)
	defer text.RecoverInto(&err)
	w.Check()
	sents := text.SplitSentences(in.Text)
	w.Check()
	title := in.Title
	if in.HeaderRest != "" {
		title = in.HeaderRest
	}
	n.CaseID = in.CaseID

	yc := &yearContext{caseYear: caseYear(in.CaseID)}
	var pubSent, pubMention int
	dated := datedSentences(sents)
	n.PublishedDate, pubSent, pubMention = publishedDate(w, in, dated, yc)
	yc.published = n.PublishedDate
	yc.lastYear = 0
	events := timeline(w, dated, yc, pubSent, pubMention)
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
	if seq, final := reportNumber(w, title, sents, events, n.PublishedDate); seq > 0 || final {
		if seq > 0 {
			v := int32(seq)
			n.ReportSeq = &v
		}
		n.FinalReport = final
	}

	if c, approx, ev, ok := counts.Affected(w, sents); ok {
		n.AffectedCount = &c
		n.AffectedApprox = approx
		n.CountEvidence = ev
	}
	n.DataTypes, _ = datatypes.Find(w, sents)
	return &tokenized{header: in.HeaderRest, title: title, text: in.Text, sents: sents, budget: r.Budget, left: w.Left()}, nil
}

// tokenized is the Pending of Rules: what the organization and the cause
// are read from.
type tokenized struct {
	header, title, text string
	sents               []text.Sentence
	budget, left        time.Duration // the segment's budget and what Prepare left of it
}

// Finish implements Pending.
func (t *tokenized) Finish(ctx context.Context, n *schemas.Notice) (err error) {
	w := text.NewWatch(ctx, t.budget, t.left)
	defer text.RecoverInto(&err)
	w.Check()
	n.Organization, n.OrganizationEvidence = organization(w, t.header, t.sents, strings.Split(t.text, "\n"))
	n.Cause, n.CauseEvidence = cause.Find(w, t.title, t.sents)
	return nil
}

// caseYear is the year of a blog case number "2023-444", or 0.
func caseYear(id string) int {
	if len(id) >= 4 {
		if y, err := strconv.Atoi(id[:4]); err == nil && y >= 1990 && y <= 2100 {
			return y
		}
	}
	return 0
}

// publishedDate is the date of the notice: the header's date, the loader's,
// or a date the text gives as its own near the top — a line holding only a
// date, 更新日:…, (…発表), a date opening one of the first lines
// ("令和6年8月8日 市内小学校における…について"), a bracketed date after a
// title ("お詫びとお知らせ (2015/03/27)"). It returns the sentence index of
// that date in the text, -1 when it came from elsewhere.
func publishedDate(w *text.Watch, in Input, sents []datedSentence, ctx *yearContext) (schemas.Date, int, int) {
	if in.HeaderRest != "" {
		if ms := findDates(in.HeaderRest); len(ms) > 0 {
			if d := ctx.resolve(ms[len(ms)-1]); !d.IsZero() {
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
	if in.Published != "" {
		if d, err := schemas.ParseDate(in.Published); err == nil {
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
			if d := ctx.resolve(m); !d.IsZero() {
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
	label := ""
	if m := finalReportRE.FindString(title); m != "" {
		label = m
	} else if m := nthReportRE.FindString(title); m != "" {
		label = m
	}
	for _, e := range events {
		if e.Kind != schemas.EventPublished {
			continue
		}
		if (label != "" && strings.Contains(e.Sentence, label)) || text.ContainsAny(e.Sentence, thisNoticeWords) {
			return e.Date
		}
	}
	return schemas.Date{}
}
