package extract

import (
	"regexp"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
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
type Extractor interface {
	Extract(in Input, n *schemas.Notice)
}

// Rules is the rule-based Extractor.
type Rules struct{}

// New returns the rule-based extractor.
func New() *Rules { return &Rules{} }

// Version names the extractor's rules; a cache of results keyed by it is
// invalid once it changes.
const Version = "rules-2"

// Extract implements Extractor.
func (Rules) Extract(in Input, n *schemas.Notice) {
	sents := splitSentences(in.Text)
	lines := strings.Split(in.Text, "\n")
	title := in.Title
	if in.HeaderRest != "" {
		title = in.HeaderRest
	}

	n.CaseID = in.CaseID
	n.Organization, n.OrganizationEvidence = organization(in.HeaderRest, sents, lines)

	ctx := &yearContext{}
	n.PublishedDate = publishedDate(in, sents, ctx)
	ctx.published = n.PublishedDate
	events := timeline(sents, ctx)
	if n.PublishedDate.IsZero() {
		n.PublishedDate = ownPublication(events, title)
	}
	n.Events = events
	n.DiscoveredDate, n.DiscoveredEvidence = firstOf(events, schemas.EventDiscovered, n.PublishedDate)
	n.OccurredDate, _ = firstOf(events, schemas.EventOccurred, n.PublishedDate)
	if !n.DiscoveredDate.IsZero() && n.DiscoveredDate.Before(n.OccurredDate) {
		n.OccurredDate, _ = firstOf(events, schemas.EventOccurred, n.DiscoveredDate)
	}
	n.ReportedDate, _ = firstOf(events, schemas.EventReported, schemas.Date{})
	if seq, final := reportNumber(title, sents, events, n.PublishedDate); seq > 0 || final {
		if seq > 0 {
			v := int32(seq)
			n.ReportSeq = &v
		}
		n.FinalReport = final
	}

	if c, approx, ev, ok := affected(sents); ok {
		n.AffectedCount = &c
		n.AffectedApprox = approx
		n.CountEvidence = ev
	}
	n.DataTypes, _ = dataTypes(sents)
	n.Cause, n.CauseEvidence = cause(title, sents)
}

// publishedLabelRE marks a date as the notice's own: 更新日, 公表日, 発表.
var publishedLabelRE = regexp.MustCompile(`(更新日|公表日|発表日|掲載日|公開日|報告日|作成日|発行日|日付)\s*[::]?\s*$`)

// publishedDate is the date of the notice: the header's date, the loader's,
// or a date the text gives as its own at the top (a dated line, 更新日:…,
// (…発表)).
func publishedDate(in Input, sents []sentence, ctx *yearContext) schemas.Date {
	if in.HeaderRest != "" {
		if ms := findDates(in.HeaderRest); len(ms) > 0 {
			if d := ctx.resolve(ms[len(ms)-1]); !d.IsZero() {
				return d
			}
		}
	}
	if in.Published != "" {
		if d, err := schemas.ParseDate(in.Published); err == nil {
			return d
		}
	}
	for i, s := range sents {
		ms := findDates(s.Text)
		if len(ms) == 0 {
			continue
		}
		m := ms[0]
		own := (i < 4 && dateOnlyRE.MatchString(stripDates(s.Text))) ||
			publishedLabelRE.MatchString(s.Text[:m.Start]) ||
			strings.HasSuffix(strings.TrimSpace(strings.TrimRight(s.Text[m.End:], ")")), "発表")
		if own && m.Year != 0 {
			if d := ctx.resolve(m); !d.IsZero() {
				return d
			}
		}
	}
	return schemas.Date{}
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
		if (label != "" && strings.Contains(e.Sentence, label)) || strings.Contains(e.Sentence, "本報告") ||
			strings.Contains(e.Sentence, "本リリース") {
			return e.Date
		}
	}
	return schemas.Date{}
}
