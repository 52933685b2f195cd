package text

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// DefaultBudget is how long the extraction of one segment may take before
// it is abandoned. A notice of the corpora takes a few milliseconds and
// the largest segment a run extracts (1 MiB) a fraction of a second, the
// scanners being linear; a hostile input must still not hold a worker for
// minutes. The budget is wall time, so it is far above the work: on a
// loaded machine (load 12 on 2 cores) 2 s rejected ordinary notices.
const DefaultBudget = 10 * time.Second

// ErrBudget is the error of an extraction abandoned because it took longer
// than its budget; the segment is rejected, the run goes on.
var ErrBudget = errors.New("extraction exceeded its time budget")

// Watch is what a scanner checks at its loop boundaries (once a sentence,
// a line, a candidate): the run's context and the segment's deadline. A
// nil *watch never stops (the tests of single scanners pass nil).
//
// check abandons the extraction by panicking with an abandoned value,
// which Prepare and Finish recover into an error: the scanners are deep
// and many, and a panic unwinds them all without a return value threaded
// through each (encoding/json and text/template unwind their parsers the
// same way). No goroutine is started: the scanners run on the caller's.
type Watch struct {
	done     <-chan struct{} // ctx.Done(), nil when the context cannot end
	ctx      context.Context
	deadline time.Time     // zero: no budget
	budget   time.Duration // the whole budget of the segment, for the error
	calls    int           // checks so far: the clock is read every clockEvery
}

// clockEvery is how many checks read the clock once. Reading it at every
// sentence cost ~4% of a run's CPU (a check is ~50 ns, a notice has ~80
// sentences and eight loops over them); a sentence is at most
// MaxSentenceRunes runes, read in well under 10 ms, so the deadline is
// still noticed within ~0.1 s. The context is checked every time: a
// receive from its channel is a few ns.
const clockEvery = 16

// abandoned is the panic value of watch.check.
type abandoned struct{ err error }

// NewWatch watches ctx and a deadline left from now (no deadline when
// left <= 0 and budget is 0).
func NewWatch(ctx context.Context, budget, left time.Duration) *Watch {
	w := new(Watch)
	w.Start(ctx, budget, left)
	return w
}

// Start makes w watch ctx and a deadline left from now, as NewWatch's
// does: a caller that owns a Watch (Prepare and Finish, once a notice
// each) starts it in place, with no Watch made on the heap.
func (w *Watch) Start(ctx context.Context, budget, left time.Duration) {
	*w = Watch{done: ctx.Done(), ctx: ctx, budget: budget}
	if budget > 0 {
		w.deadline = time.Now().Add(left)
	}
}

// Check panics with abandoned when the context is done or the deadline
// has passed.
func (w *Watch) Check() {
	if w == nil {
		return
	}
	select {
	case <-w.done:
		panic(abandoned{w.ctx.Err()})
	default:
	}
	if w.deadline.IsZero() {
		return
	}
	if w.calls++; w.calls%clockEvery != 1 {
		return
	}
	if time.Now().After(w.deadline) {
		panic(abandoned{fmt.Errorf("%w of %v: the segment's text is too long or too odd to read; abandoned", ErrBudget, w.budget)})
	}
}

// Left is the budget that remains (0 when there is no budget).
func (w *Watch) Left() time.Duration {
	if w.deadline.IsZero() {
		return 0
	}
	return max(time.Until(w.deadline), time.Nanosecond)
}

// RecoverInto turns the panic of check into *err; any other panic goes on.
// It must be deferred directly.
func RecoverInto(err *error) {
	if r := recover(); r != nil {
		a, ok := r.(abandoned)
		if !ok {
			panic(r)
		}
		*err = a.err
	}
}
