package extract

import (
	"slices"
	"sync"

	"github.com/breachtrend/breachtrend/internal/recent"
	"github.com/breachtrend/breachtrend/schemas"
)

// memo remembers the fields extracted from the inputs of the run's recent
// segments, so that a segment that comes again gets a copy instead of a
// second extraction: a blog archive export holds the same notice many
// times, a feed sends a notice again, a mirror site copies it. Extraction
// is a pure function of its Input (the package doc: no extractor reads the
// file's path, the clock or anything but the Input), so a copy is exactly
// what a second extraction would give; the key is the whole Input, text
// included, compared in full, so no two different inputs can share an
// entry.
//
// It is bounded (recent.Memo), so that a run of distinct notices (most
// corpora) keeps little: a generation holds 16k inputs or 1 MiB of their
// text, the notices of a few hundred files of a blog archive or ~15k
// records of a JSON Lines feed. An input is kept the second time it comes
// (recent.Memo.Again), and copied from its third coming on: keeping every
// input, with a copy of its fields, a map slot and its text held alive,
// was a cost per notice that no corpus of distinct notices (the bench and
// dev corpora, a feed that comes round beyond the memo's reach) got
// anything back for. Safe for concurrent use.
type memo struct {
	inputs *recent.Memo[Input, *memoEntry]
	mu     sync.Mutex // guards the entries' finish fields
}

func newMemo() *memo {
	return &memo{inputs: recent.New[Input, *memoEntry](16384, 1<<20, func(in Input) int {
		return len(in.Text) + len(in.Title) + len(in.HeaderRest) + len(in.Page)
	})}
}

// memoEntry is what the extraction of one Input gave: the fields Prepare
// fills, and once the first Finish of the input is done, those Finish
// fills. prepared never changes once made; finished and fin are set once,
// under memo.mu. Notices get copies of its slices.
type memoEntry struct {
	prepared preparedFields
	finished bool
	fin      finishedFields
}

// preparedFields are the fields of a notice that Rules.Prepare fills.
type preparedFields struct {
	caseID                                    string
	reportSeq                                 *int32
	finalReport                               bool
	published, discovered, occurred, reported schemas.Date
	discoveredEvidence                        string
	events                                    []schemas.Event
	affectedCount                             *int64
	affectedApprox                            bool
	countEvidence                             string
	dataTypes                                 []string
}

// finishedFields are the fields of a notice that Rules' Pending.Finish
// fills.
type finishedFields struct {
	organization, organizationEvidence, cause, causeEvidence string
}

// lookup returns the entry of in, or nil and what remember needs to keep
// it (always nil on a nil memo).
func (m *memo) lookup(in Input) (*memoEntry, recent.Miss) {
	if m == nil {
		return nil, recent.Miss{}
	}
	e, _, miss := m.inputs.Look(in)
	return e, miss
}

// remember records what Prepare filled in n for in, which lookup missed,
// and returns the entry that Finish completes; nil when in is not to be
// kept (too large, or its first coming), or m is nil.
func (m *memo) remember(in Input, miss recent.Miss, n *schemas.Notice) *memoEntry {
	if m == nil || !miss.Keep() {
		return nil
	}
	return m.inputs.AddMissed(miss, in, &memoEntry{prepared: preparedOf(n)})
}

// finish records the fields Finish filled in n in e, the first time; a
// nil e is no entry.
func (m *memo) finish(e *memoEntry, n *schemas.Notice) {
	if e == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !e.finished {
		e.fin = finishedOf(n)
		e.finished = true
	}
}

// finished returns e's finish fields once they are known.
func (m *memo) finished(e *memoEntry) (finishedFields, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return e.fin, e.finished
}

// preparedOf copies the fields Prepare filled in n; its slices and
// pointers are n's own copies, so that a later stage editing n in place
// (enrich, corrections) cannot change the entry.
func preparedOf(n *schemas.Notice) preparedFields {
	return preparedFields{
		caseID: n.CaseID, reportSeq: clonePtr(n.ReportSeq), finalReport: n.FinalReport,
		published: n.PublishedDate, discovered: n.DiscoveredDate, occurred: n.OccurredDate, reported: n.ReportedDate,
		discoveredEvidence: n.DiscoveredEvidence, events: slices.Clone(n.Events),
		affectedCount: clonePtr(n.AffectedCount), affectedApprox: n.AffectedApprox, countEvidence: n.CountEvidence,
		dataTypes: slices.Clone(n.DataTypes),
	}
}

// fill sets the fields Prepare fills in n from p, with copies of p's
// slices and pointers.
func (p *preparedFields) fill(n *schemas.Notice) {
	n.CaseID, n.ReportSeq, n.FinalReport = p.caseID, clonePtr(p.reportSeq), p.finalReport
	n.PublishedDate, n.DiscoveredDate, n.OccurredDate, n.ReportedDate = p.published, p.discovered, p.occurred, p.reported
	n.DiscoveredEvidence, n.Events = p.discoveredEvidence, slices.Clone(p.events)
	n.AffectedCount, n.AffectedApprox, n.CountEvidence = clonePtr(p.affectedCount), p.affectedApprox, p.countEvidence
	n.DataTypes = slices.Clone(p.dataTypes)
}

func finishedOf(n *schemas.Notice) finishedFields {
	return finishedFields{n.Organization, n.OrganizationEvidence, n.Cause, n.CauseEvidence}
}

func (f *finishedFields) fill(n *schemas.Notice) {
	n.Organization, n.OrganizationEvidence, n.Cause, n.CauseEvidence = f.organization, f.organizationEvidence, f.cause, f.causeEvidence
}

// clonePtr is a new pointer to a copy of *p, nil for nil.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
