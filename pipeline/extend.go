package pipeline

import (
	"fmt"
	"sync"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/link"
	"github.com/breachtrend/breachtrend/stages/load"
)

// A rerun after a few inputs were added, changed or removed, anywhere in
// the walk, costs in proportion to them: it keeps the notices and timeline
// part files (parts.go) that hold none of them and none of the notices
// whose incident changes, and writes only the others. It goes in two
// passes:
//
//  1. Every input is emitted in walk order, as in any run. An input
//     unchanged since the previous run (by its stat data, or by its hash
//     when they differ) is served "light" from the link state: its file
//     index lines are kept where they are (generations.go; copied unread
//     into this run's delta when it was hashed), and only its
//     compact incident notices are linked again, with its counts and
//     rejects; nothing of its texts is decoded. The other inputs are read
//     (or served whole from the index), linked, and held, encoded, until
//     the second pass. Linking sees exactly the notices a --full run sees,
//     in the same order, so every incident id is a --full run's; a kept
//     notice whose id changes (a new notice in the middle of the walk
//     opened its incident's group first) marks its part.
//  2. The parts are written in walk order: a part whose inputs are the
//     same, all served light, with no id changed is hard-linked from the
//     previous folder; any other (a new or changed input landed in it, an
//     input of it was removed, an id changed) is written again from the
//     previous index (the kept inputs') and the held batches (the others),
//     cut into parts of defaultPartRows as a full run does.
//
// The incidents table is recomputed whole by the linker, and its parts
// whose rows hash as before kept (incidentparts.go); the rejects and
// corrections tables are written whole, from the linker and the counts
// of every input, and the derived ones updated (deriveddelta.go). The
// incremental way needs the previous run's link state (its version and
// every part file it names checked), no corrections file (corrections
// change notices before linking; with one, every table is written whole,
// its notices served from the index), and at most maxIncrementalRead bytes
// of inputs to read (they are held until the second pass); otherwise the
// run writes every table whole, in parts.

// maxIncrementalRead bounds the bytes of the inputs an incremental run
// reads: their notices are held, encoded and compressed (about half their
// size), between the two passes.
const maxIncrementalRead = 64 << 20

// incrementalPlan is what a run keeps of the previous tables.
type incrementalPlan struct {
	prev  string     // the previous output folder
	state *linkState // its link state
}

// planIncremental returns the plan of a run that can keep the parts of the
// previous tables in out, to wait for (its link state is read by state,
// started here if the walk did not), or nil.
func planIncremental(out outputDir, x *fileIndex, c inputsCheck, state *linkStateRead) *pendingIncremental {
	if x.prev == nil || c.readBytes < 0 || c.readBytes > maxIncrementalRead || state == nil {
		return nil
	}
	state.start()
	return &pendingIncremental{out: out.real, state: state}
}

// pendingIncremental is an incremental plan whose link state may still be
// being read.
type pendingIncremental struct {
	out   string
	state *linkStateRead
}

// wait returns the plan once the previous link state is read, or nil when
// it cannot be used (it does not read back, or a part file it names is not
// of its recorded size).
func (p *pendingIncremental) wait() *incrementalPlan {
	if p == nil {
		return nil
	}
	<-p.state.done
	s, err := p.state.state, p.state.err
	if err != nil {
		return nil
	}
	for i, part := range s.parts {
		n, t, err := partSizes(p.out, i)
		if err != nil || n != part.noticesSize || t != part.timelineSize {
			return nil
		}
	}
	return &incrementalPlan{prev: p.out, state: s}
}

// keptInput is an input served light: its entry in the previous link
// state, and its rejects and cache keys (rec, read on the worker; its
// incident notices are decoded only when they are linked again, see
// relinkKept).
type keptInput struct {
	index   int // in the previous state's inputs
	state   *inputState
	rec     inputRecord
	notices int // its incident notices
	// carry: unchanged by its stat data, its file index lines are kept
	// where they are (generations.go); otherwise (hashed) they are copied
	// and its last line written anew, with this run's stat data.
	carry bool
}

// serveLight sends in's file index lines unread, for the collector to copy
// into this run's index, when in is unchanged since the run whose link
// state the plan holds; false when it is not (the caller serves or reads
// it as usual).
func (s *stages) serveLight(in load.Input, send func(fileResult) error) (bool, error) {
	p, x := s.incremental, s.files
	i, ok := p.state.byKey[inputKey(in)]
	if !ok {
		return false, nil
	}
	old := &p.state.inputs[i]
	st, statOK, e, sha, how := x.lookup(in)
	if e == nil || sha != old.sha256 {
		return false, nil
	}
	rec, notices, err := scanInputRecord(old.record)
	if err != nil {
		return false, nil
	}
	key := inputKey(in)
	for _, sp := range e.batches {
		if !checkLine(x, sp, key) {
			return false, nil // a damaged line: the input is read again
		}
	}
	if how == reusedByStat {
		x.unchanged.Add(1)
	} else {
		x.hashed.Add(1)
	}
	x.servedNotices.Add(int64(old.segments))
	s.cache.keep(rec.keys)
	kept := &keptInput{index: i, state: old, rec: rec, notices: notices, carry: how == reusedByStat}
	for _, sp := range e.batches {
		r := fileResult{input: in, indexSpan: sp, served: true, stat: st, statOK: statOK, kept: kept}
		if err := send(r); err != nil {
			return true, err
		}
	}
	return true, send(fileResult{input: in, last: true, sha256: old.sha256, served: true, stat: st, statOK: statOK, kept: kept})
}

// lineBuffers are the buffers checkLine reads lines into.
var lineBuffers = sync.Pool{New: func() any { return new([]byte) }}

// checkLine reports whether the line of key at sp in the previous index
// checks against its checksum, reading it into a buffer it reuses: the
// collector copies the line file to file, and the run keeps none of it.
func checkLine(x *fileIndex, sp span, key string) bool {
	buf := lineBuffers.Get().(*[]byte)
	defer lineBuffers.Put(buf)
	if int64(cap(*buf)) < sp.n {
		*buf = make([]byte, sp.n)
	}
	line := (*buf)[:sp.n]
	if _, err := x.prev.file(sp).ReadAt(line, sp.off); err != nil {
		return false
	}
	_, k, data, ok := splitIndexLine(line)
	return ok && k == key && string(line[:keyLen]) == entrySum(key, data)
}

// incrementalEntry is one input of an incremental run, in walk order.
type incrementalEntry struct {
	kept *keptInput // served light; nil: read or served whole
	// ids are the incident ids of a kept input's incident notices, as
	// this run linked them; changed: one differs from the previous run's.
	ids     []string
	changed bool
	batches [][]byte // the notices of an input not kept, linked, encoded
	state   inputState
}

// writeParts is the second pass: it writes or keeps the parts of every
// input of entries in walk order, and returns this run's link state
// entries and the number of inputs whose rows were kept.
func (p *incrementalPlan) writeParts(x *fileIndex, tp *tableParts, entries []incrementalEntry) ([]inputState, int, error) {
	// Each input goes to the part of the kept input before it, which it
	// marks to be written again; but inputs after the last input of a part
	// at least half full (partRows/2 notices), or before the first kept
	// input, are a group of their own (a negative number), written into
	// new parts. So files added at the end of the walk week after week
	// fill a small last part, rewriting fewer than partRows/2 notices, and
	// start a part of their own after a larger one, which is kept (at 100k
	// notices the last part of a full run holds ~1,700 notices, 1,300
	// inputs, whose rewriting cost a +10 rerun ~0.35 s): every part but
	// the last holds partRows/2 notices at least.
	group := make([]int, len(entries))
	dirty := map[int]bool{}
	seen := map[int]int{}
	cur, lastIndex, ordered, boundary, fresh := -1, -1, true, true, -1
	for i, e := range entries {
		switch k := e.kept; {
		case k != nil:
			if k.index <= lastIndex || k.state.part < cur {
				ordered = false // the walk's order changed (other roots)
			}
			lastIndex, cur = k.index, k.state.part
			boundary = k.index == len(p.state.inputs)-1 || p.state.inputs[k.index+1].part != cur
			seen[cur]++
			dirty[cur] = dirty[cur] || e.changed
		case boundary && (cur < 0 || p.state.parts[cur].notices >= max(tp.partRows/2, 1)):
			if i == 0 || entries[i-1].kept != nil {
				fresh--
			}
			group[i] = fresh
			continue
		default:
			dirty[cur] = true
		}
		group[i] = cur
	}
	count := map[int]int{}
	for _, in := range p.state.inputs {
		count[in.part]++
	}
	for part, n := range seen {
		if count[part] != n {
			dirty[part] = true // an input of it was removed
		}
	}
	states := make([]inputState, len(entries))
	kept := 0
	for i := 0; i < len(entries); {
		j := i
		for j < len(entries) && group[j] == group[i] {
			j++
		}
		if part := group[i]; part >= 0 && ordered && !dirty[part] {
			if err := tp.keep(p.prev, part, p.state.parts[part]); err != nil {
				return nil, 0, err
			}
			for k := i; k < j; k++ {
				states[k] = *entries[k].kept.state
				states[k].part = tp.current() - 1
			}
			kept += j - i
			i = j
			continue
		}
		for k := i; k < j; k++ {
			part, err := p.writeInput(x, tp, &entries[k])
			if err != nil {
				return nil, 0, err
			}
			states[k] = entries[k].state
			states[k].part = part
		}
		i = j
	}
	return states, kept, nil
}

// The kept inputs that come first, each the previous run's next input in
// its order, are not linked as they come (run.go defers them). If every
// previous input comes so, before any other input — the corpus only grew
// after its last file, or nothing but stat data changed — the linker is
// the one the previous run ended with: it is restored from the link
// state's snapshot (link.RestoreLinker), and only the new inputs are
// linked on it; no kept notice's incident id can change, since a notice
// added later never changes an earlier one's. Otherwise (an input new or
// changed before the last previous one, one removed, another order, or a
// snapshot missing or damaged) the deferred inputs are linked again from
// their records, in order, as every later kept input is.

// settle ends the deferral of the first deferred entries: it returns the
// restored linker when they are every input of the previous run, or
// linker with them linked again.
func (p *incrementalPlan) settle(linker *link.Linker, entries []incrementalEntry, deferred int) (*link.Linker, error) {
	// The snapshot is read at most once: dropped here, its bytes are not
	// held through the rest of the run.
	snapshot := p.state.linker
	p.state.linker = nil
	if deferred == len(p.state.inputs) && snapshot != nil {
		if l, err := link.RestoreLinker(snapshot); err == nil {
			if linkerSettledHook != nil {
				linkerSettledHook(true)
			}
			return l, nil
		}
	}
	if linkerSettledHook != nil {
		linkerSettledHook(false)
	}
	for i := range entries[:deferred] {
		if err := relinkKept(linker, &entries[i]); err != nil {
			return nil, err
		}
	}
	return linker, nil
}

// relinkKept links the incident notices of a kept input again, from its
// record, and sets the entry's incident ids and whether one changed (its
// record then written with the new ones).
func relinkKept(linker *link.Linker, e *incrementalEntry) error {
	rec, err := decodeInputRecord(e.kept.state.record)
	if err != nil {
		return fmt.Errorf("%s: %w", e.kept.state.key, err)
	}
	e.ids = make([]string, len(rec.incident))
	for i := range rec.incident {
		n := &rec.incident[i]
		was := n.IncidentID
		linker.AddKept(n)
		e.ids[i] = n.IncidentID
		e.changed = e.changed || n.IncidentID != was
	}
	if e.changed {
		e.state.record = encodeInputRecord(rec)
	}
	return nil
}

// keptIDs are the incident ids of a kept input's notices: as this run
// linked them, or, for an input of a restored linker, as its record holds
// them (the same).
func keptIDs(e *incrementalEntry) ([]string, error) {
	if e.ids != nil {
		return e.ids, nil
	}
	rec, err := decodeInputRecord(e.kept.state.record)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.kept.state.key, err)
	}
	ids := make([]string, len(rec.incident))
	for i, k := range rec.incident {
		ids[i] = k.IncidentID
	}
	return ids, nil
}

// linkerSettledHook, when set (by tests), is called once an incremental
// run has restored the previous linker (true) or linked its deferred kept
// inputs again (false).
var linkerSettledHook func(restored bool)

// writeInput writes the rows of one input of a part written again and
// returns the part they went to.
func (p *incrementalPlan) writeInput(x *fileIndex, tp *tableParts, e *incrementalEntry) (int, error) {
	write := func(notices []schemas.Notice, ids []string) ([]string, error) {
		for i := range notices {
			n := &notices[i]
			if ids != nil && n.IsIncident {
				if len(ids) == 0 {
					return nil, fmt.Errorf("link state: %s: fewer incident notices than its file index holds", e.state.key)
				}
				n.IncidentID, ids = ids[0], ids[1:]
			}
			if err := tp.append(n); err != nil {
				return nil, err
			}
		}
		return ids, nil
	}
	if e.kept == nil {
		for _, data := range e.batches {
			b, err := decodeBatch(data)
			if err != nil {
				return 0, err
			}
			if _, err := write(b.Notices, nil); err != nil {
				return 0, err
			}
		}
		return tp.endInput()
	}
	key := e.kept.state.key
	ids, err := keptIDs(e)
	if err != nil {
		return 0, err
	}
	entry := x.oldIdx[key]
	if entry == nil {
		return 0, fmt.Errorf("file index: %s: no entry for an input served from it", key)
	}
	for _, sp := range entry.batches {
		_, data, err := x.readLine(sp, key)
		if err != nil {
			return 0, err
		}
		b, err := decodeBatch(data)
		if err != nil {
			return 0, fmt.Errorf("file index: %s: %w", key, err)
		}
		if ids, err = write(b.Notices, ids); err != nil {
			return 0, err
		}
	}
	if len(ids) != 0 {
		return 0, fmt.Errorf("link state: %s: more incident notices than its file index holds", key)
	}
	return tp.endInput()
}

// incrementalPlannedHook, when set (by tests), runs once a run has planned
// to keep parts of the previous tables.
var incrementalPlannedHook func()

// partsWrittenHook, when set (by tests), runs once an incremental run has
// kept and written the parts of its notices and timeline tables.
var partsWrittenHook func()
