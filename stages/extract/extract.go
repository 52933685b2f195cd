package extract

import (
	"context"
	"time"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/cause"
	"github.com/breachtrend/breachtrend/stages/extract/counts"
	"github.com/breachtrend/breachtrend/stages/extract/datatypes"
	"github.com/breachtrend/breachtrend/stages/extract/organization"
	"github.com/breachtrend/breachtrend/stages/extract/reportno"
	"github.com/breachtrend/breachtrend/stages/extract/text"
	"github.com/breachtrend/breachtrend/stages/extract/timeline"
)

// Input is what Extract reads: a segment's normalized text and what the
// segmenter and loader know about it.
type Input struct {
	Text       string // normalized text of the segment
	Title      string // title line (normalized)
	CaseID     string // from the blog header, "" when none
	HeaderRest string // the header after its bracket, "" when none
	Published  string // a published date given by the loader (JSON Lines), YYYY-MM-DD or ""
	// Page is the whole page Text was cut from (its menus, site name and
	// footer around the notice), "" when Text is the whole segment: a
	// notice that names no organization is read again with the page, whose
	// banner or footer often names the body the site is (「奈良県広域消防組合」
	// above 「組合において…紛失した」).
	Page string
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
	// memo holds the results of recent inputs, for the ones that come
	// again (see memo); nil: every input is extracted.
	memo *memo
}

// New returns the rule-based extractor, with DefaultBudget, that copies
// the fields of an input that keeps coming instead of extracting it again
// (from its third coming, see memo; a run makes one, so that is within a
// run).
func New() *Rules { return &Rules{Budget: DefaultBudget, memo: newMemo()} }

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
func (r Rules) Prepare(ctx context.Context, in Input, n *schemas.Notice) (Pending, error) {
	e, miss := r.memo.lookup(in)
	if e != nil {
		e.prepared.fill(n)
		return &memoized{r: r, in: in, entry: e}, nil
	}
	p, err := r.prepare(ctx, in, n)
	if err != nil {
		return nil, err
	}
	p.memo, p.entry = r.memo, r.memo.remember(in, miss, n)
	return p, nil
}

// prepare is Prepare without the memo.
func (r Rules) prepare(ctx context.Context, in Input, n *schemas.Notice) (_ *tokenized, err error) {
	var watch text.Watch
	watch.Start(ctx, r.Budget, r.Budget)
	w := &watch
	defer text.RecoverInto(&err)
	w.Check()
	split := splitNotice(in.Text)
	sents := split.sents
	w.Check()
	title := in.title()
	n.CaseID = in.CaseID

	timeline.Fill(w, in.HeaderRest, in.Published, in.CaseID, title, sents, n)
	if seq, final := reportno.Find(w, title, sents, n.Events, n.PublishedDate); seq > 0 || final {
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
	scanned := scanSentences(w, sents)
	n.DataTypes, _ = datatypes.FindScanned(w, sents, scanned.types)
	return &tokenized{header: in.HeaderRest, title: title, page: in.Page, split: split, scanned: scanned,
		budget: r.Budget, left: w.Left()}, nil
}

// title is the title the fields are read with: the blog header's rest
// when there is one.
func (in Input) title() string {
	if in.HeaderRest != "" {
		return in.HeaderRest
	}
	return in.Title
}

// tokenized is the Pending of Rules: what the organization and the cause
// are read from.
type tokenized struct {
	header, title string
	page          string            // Input.Page
	split         *noticeText       // the text's sentences and lines
	scanned       *scannedSentences // the words of cause in each sentence; nil: not scanned yet
	budget, left  time.Duration     // the segment's budget and what Prepare left of it
	memo          *memo             // where the result goes: entry of memo; nil: nowhere
	entry         *memoEntry
}

// Finish implements Pending.
func (t *tokenized) Finish(ctx context.Context, n *schemas.Notice) (err error) {
	var watch text.Watch
	watch.Start(ctx, t.budget, t.left)
	w := &watch
	defer text.RecoverInto(&err)
	w.Check()
	n.Organization, n.OrganizationEvidence = organization.Find(w, t.header, t.split.sents, t.split.lines)
	if t.page != "" && organization.NeedsPage(n.Organization) {
		page := splitNotice(t.page)
		n.Organization, n.OrganizationEvidence = organization.PageGovernment(w, t.header, n.Organization, n.OrganizationEvidence, page.sents, page.lines)
		page.release()
	}
	var causeHits [][]wordscan.Hit
	if t.scanned != nil {
		causeHits = t.scanned.cause
	}
	n.Cause, n.CauseEvidence = cause.FindScanned(w, t.title, t.split.sents, causeHits)
	if t.scanned != nil {
		t.scanned.release()
		t.scanned = nil
	}
	t.split.release()
	t.split = nil
	t.memo.finish(t.entry, n)
	return nil
}

// memoized is the Pending of an input found in the memo: Prepare copied its
// fields, and Finish copies the rest, or finds them when the input's first
// Finish has not been done yet (or went over its budget).
type memoized struct {
	r     Rules
	in    Input
	entry *memoEntry
}

// Finish implements Pending.
func (m *memoized) Finish(ctx context.Context, n *schemas.Notice) error {
	if f, ok := m.r.memo.finished(m.entry); ok {
		f.fill(n)
		return nil
	}
	t := &tokenized{header: m.in.HeaderRest, title: m.in.title(), page: m.in.Page, split: splitNotice(m.in.Text),
		budget: m.r.Budget, left: m.r.Budget, memo: m.r.memo, entry: m.entry}
	return t.Finish(ctx, n)
}
