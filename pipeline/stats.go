package pipeline

import (
	"slices"
	"sync/atomic"
	"time"
)

// Stage names for timing, in pipeline order.
const (
	stageLoad      = "load"
	stageSegment   = "segment"
	stageNormalize = "normalize"
	stageExtract   = "extract"
	stageEnrich    = "enrich"
	stageWrite     = "write"
	stageLink      = "link"
	stageDerived   = "derived"
)

var stageOrder = []string{stageLoad, stageSegment, stageNormalize, stageExtract, stageEnrich, stageWrite, stageLink, stageDerived}

// stageTimes adds up the time spent in each stage across workers: CPU time
// of the stage, not wall time, when workers run at once.
type stageTimes struct {
	ns [8]atomic.Int64
}

func (t *stageTimes) add(stage string, since time.Time) {
	t.addSpan(stage, time.Since(since))
}

// addSpan adds d to the stage's time.
func (t *stageTimes) addSpan(stage string, d time.Duration) {
	if t == nil {
		return
	}
	t.ns[slices.Index(stageOrder, stage)].Add(int64(d))
}

// lap adds the time since since to the stage's and returns now, where the
// next stage's time starts: a reading of the clock (~40 ns here) ends one
// stage and starts the next, and a run reads it several times a notice.
func (t *stageTimes) lap(stage string, since time.Time) time.Time {
	now := time.Now()
	t.addSpan(stage, now.Sub(since))
	return now
}

// Seconds returns each stage's total in seconds, in pipeline order.
func (t *stageTimes) seconds() []StageTime {
	out := make([]StageTime, len(stageOrder))
	for i, s := range stageOrder {
		out[i] = StageTime{Stage: s, Seconds: time.Duration(t.ns[i].Load()).Seconds()}
	}
	return out
}

// StageTime is the time one stage took in a run.
type StageTime struct {
	Stage   string  `json:"stage"`
	Seconds float64 `json:"seconds"`
}
