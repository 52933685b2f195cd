package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/klauspost/compress/s2"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/link"
)

// The link state is what a rerun needs of the previous run to keep most of
// the notices and timeline rows without reading them back: for each input,
// in walk order, the part files its rows went to, its row counts, its
// rejects, its segments' cache keys and its incident notices as linking
// reads them (link.AppendCompact, with the incident id each got). A rerun
// links the kept inputs again from these few fields, straight from their
// bytes (link.AddKept), (0.1 KB a notice instead of
// the 1.6 KB of its file index batch, texts included), sees which kept
// notices get another incident id, and rewrites only the parts that hold
// such a notice, a new, changed or removed input (see incremental.go).
//
// It is one file beside the caches, written whole by every run that writes
// the tables (and hard-linked by a run that keeps them), so it always
// describes the tables of its own folder: its version (the caches'), a
// SHA-256 of its body, and the size of every part file it describes are
// checked before it is trusted; anything else makes the run write every
// table whole.
const linkStateFile = "_cache/link.bin"

// linkStateMagic opens the file: "<magic><version>\n", then an S2 stream
// of items, then "\n<hex SHA-256 of the stream>\n". The items are each
// input's record items (N: an incident notice, its incident id and its
// link.AppendCompact form; K: a cache key; R: a reject) followed by its E item (key, hash, part, counts); then a P item
// per part; then, from a run without corrections, G items: the pieces of
// the linker's snapshot after the last input (link.WriteSnapshot); then Z. A run writes them as it emits its inputs, so a file of
// 300k notices is never held as a whole record.
const linkStateMagic = "breachtrend-link-state 3 "

// maxLinkStateBytes bounds the stream, decompressed, against damage.
const maxLinkStateBytes = 1 << 30

// The items of the link state.
const (
	itemNotice = 'N'
	itemKey    = 'K'
	itemReject = 'R'
	itemEnd    = 'E'
	itemPart   = 'P'
	itemLinker = 'G'
	itemLast   = 'Z'
)

// partInfo is one part file of the notices table and its timeline twin.
type partInfo struct {
	notices, timeline         int   // rows
	noticesSize, timelineSize int64 // file sizes, checked before a part is kept
}

// inputState is one input's entry.
type inputState struct {
	key, sha256 string
	part        int // its rows are in this part (see partInfo)
	segments    int // notices rows
	timeline    int // timeline rows
	// record is the input's record items (rejects, cache keys and
	// compact incident notices), kept encoded: an input whose rows are
	// kept is written back as it was read.
	record []byte
}

// inputRecord is an input's record, decoded.
type inputRecord struct {
	rejects  []schemas.Reject
	keys     []string
	incident []link.Kept // each incident notice, in segment order (Compact in the record's memory)
}

// linkState is the link state of one run.
type linkState struct {
	parts  []partInfo
	inputs []inputState
	byKey  map[string]int // inputs' index by key
	// linker is the snapshot of the linker once it had linked every
	// input (nil: none, the run had corrections), restored by a rerun
	// that keeps every input, in order, before any other (run.go).
	linker []byte
}

// recordItems appends the items of a record to w.
func recordItems(w *batchWriter, r inputRecord) {
	for _, rj := range r.rejects {
		rejectItem(w, rj)
	}
	for _, k := range r.keys {
		w.buf = append(w.buf, itemKey)
		w.str(k)
	}
	for _, k := range r.incident {
		noticeItem(w, k.IncidentID, k.Compact)
	}
}

// noticeItem appends the item of an incident notice: its incident id and
// its compact form.
func noticeItem(w *batchWriter, incidentID string, compact []byte) {
	w.buf = append(w.buf, itemNotice)
	w.str(incidentID)
	w.uvarint(uint64(len(compact)))
	w.buf = append(w.buf, compact...)
}

// compactOf reads the compact form of a notice item from r, in r's memory.
func compactOf(r *batchReader) []byte {
	n := r.uvarint()
	if n > uint64(len(r.buf)) {
		r.fail()
		return nil
	}
	b := r.buf[:n:n]
	r.buf = r.buf[n:]
	return b
}

func rejectItem(w *batchWriter, rj schemas.Reject) {
	w.buf = append(w.buf, itemReject)
	w.str(rj.Stage)
	w.str(rj.Source)
	w.varint(int64(rj.Segment))
	w.str(rj.Reason)
	w.str(rj.Detail)
}

// encodeInputRecord is r's items.
func encodeInputRecord(r inputRecord) []byte {
	var w batchWriter
	recordItems(&w, r)
	return w.buf
}

// decodeInputRecord is the record of the items b; its notices' compact
// forms lie in b's memory, each checked (link.CheckCompact).
func decodeInputRecord(b []byte) (inputRecord, error) {
	var incident []link.Kept
	rec, err := readInputRecord(b, func(r *batchReader) error {
		k := link.Kept{IncidentID: r.str(), Compact: compactOf(r)}
		if r.err == nil {
			if err := link.CheckCompact(k.Compact); err != nil {
				return fmt.Errorf("link state: notice %d of the record: %w", len(incident), err)
			}
		}
		incident = append(incident, k)
		return nil
	})
	if err != nil {
		return inputRecord{}, err
	}
	rec.incident = incident
	return rec, nil
}

// scanInputRecord is the rejects and cache keys of the record b and the
// number of its incident notices, which it skips unread: what a rerun
// needs of an input it keeps when it does not link its notices again
// (the linker restored, run.go). decodeInputRecord reads them when it
// does.
func scanInputRecord(b []byte) (rec inputRecord, notices int, err error) {
	rec, err = readInputRecord(b, func(r *batchReader) error {
		compactOf(r) // its incident id
		compactOf(r)
		notices++
		return nil
	})
	if err != nil {
		return inputRecord{}, 0, err
	}
	return rec, notices, nil
}

// readInputRecord reads the rejects and cache keys of the record b and
// hands each incident notice's items to notice, which reads them from r.
func readInputRecord(b []byte, notice func(r *batchReader) error) (inputRecord, error) {
	r := batchReader{buf: b}
	var rec inputRecord
	for len(r.buf) > 0 && r.err == nil {
		switch r.byte() {
		case itemReject:
			var rj schemas.Reject
			rj.Stage, rj.Source, rj.Segment = r.str(), r.str(), int32(r.varint())
			rj.Reason, rj.Detail = r.str(), r.str()
			rec.rejects = append(rec.rejects, rj)
		case itemKey:
			rec.keys = append(rec.keys, r.str())
		case itemNotice:
			if err := notice(&r); err != nil {
				return inputRecord{}, err
			}
		default:
			r.fail()
		}
	}
	if r.err != nil {
		return inputRecord{}, fmt.Errorf("link state: %w", r.err)
	}
	return rec, nil
}

// linkStateWriter streams this run's link state into its caches.
type linkStateWriter struct {
	f   *os.File
	sum hash.Hash
	z   *s2.Writer
	w   batchWriter // items not yet handed to z
	err error
}

// createLinkState starts the link state of dir.
func createLinkState(dir, version string) (*linkStateWriter, error) {
	path := filepath.Join(dir, linkStateFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("link state: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("link state: %w", err)
	}
	if _, err := f.WriteString(linkStateMagic + version + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("link state: %w", err)
	}
	w := &linkStateWriter{f: f, sum: sha256.New()}
	w.z = s2.NewWriter(io.MultiWriter(f, w.sum), s2.WriterConcurrency(1))
	return w, nil
}

// flush hands the items gathered to the stream once they are many.
func (w *linkStateWriter) flush(force bool) {
	if w.err == nil && (force || len(w.w.buf) >= 1<<20) {
		_, w.err = w.z.Write(w.w.buf)
		w.w.buf = w.w.buf[:0]
	}
}

// input writes an input's record and its end item.
func (w *linkStateWriter) input(s inputState) {
	w.w.buf = append(w.w.buf, s.record...)
	w.end(s)
}

func (w *linkStateWriter) end(s inputState) {
	w.w.buf = append(w.w.buf, itemEnd)
	w.w.str(s.key)
	w.w.str(s.sha256)
	w.w.uvarint(uint64(s.part))
	w.w.uvarint(uint64(s.segments))
	w.w.uvarint(uint64(s.timeline))
	w.flush(false)
}

// finish writes the parts and the snapshot of linker (none when it is nil
// or follows corrections) and closes the file.
func (w *linkStateWriter) finish(parts []partInfo, linker *link.Linker) error {
	if linkStateFinishHook != nil {
		linkStateFinishHook()
	}
	for _, p := range parts {
		w.w.buf = append(w.w.buf, itemPart)
		w.w.uvarint(uint64(p.notices))
		w.w.uvarint(uint64(p.timeline))
		w.w.varint(p.noticesSize)
		w.w.varint(p.timelineSize)
	}
	if linker != nil {
		// A G item a piece, each written as it comes: the snapshot is
		// never held whole.
		w.flush(true)
		err := linker.WriteSnapshot(func(piece []byte) error {
			w.w.buf = append(w.w.buf[:0], itemLinker)
			w.w.uvarint(uint64(len(piece)))
			if w.err == nil {
				_, w.err = w.z.Write(w.w.buf)
			}
			if w.err == nil {
				_, w.err = w.z.Write(piece)
			}
			w.w.buf = w.w.buf[:0]
			return w.err
		})
		if err != nil && !errors.Is(err, link.ErrOverridden) && w.err == nil {
			w.err = err
		}
	}
	w.w.buf = append(w.w.buf, itemLast)
	w.flush(true)
	err := w.err
	if err == nil {
		err = w.z.Close()
	}
	if err == nil {
		_, err = fmt.Fprintf(w.f, "\n%s\n", hex.EncodeToString(w.sum.Sum(nil)))
	}
	if err = errors.Join(err, w.f.Sync(), w.f.Close()); err != nil {
		return fmt.Errorf("link state: %w", err)
	}
	return nil
}

// linkStateFinishHook, when set (by tests), runs as a run starts
// finishing its link state.
var linkStateFinishHook func()

// close abandons the file (the run failed; the staging folder goes).
func (w *linkStateWriter) close() { w.f.Close() }

// linkStateBuilder gathers the record of the input being emitted, over its
// batches: streamed to out as it grows (a run that writes every table),
// or kept until the input ends (an incremental run, which writes the
// state after its second pass).
type linkStateBuilder struct {
	out     *linkStateWriter // nil: keep the record
	w       batchWriter
	seg, tl int
	compact []byte // the compact form of the notice being added
}

func (b *linkStateBuilder) items() *batchWriter {
	if b.out != nil {
		return &b.out.w
	}
	return &b.w
}

// result gathers the rejects and cache keys of one of the input's results.
func (b *linkStateBuilder) result(rejects []schemas.Reject, keys []string) {
	recordItems(b.items(), inputRecord{rejects: rejects, keys: keys})
}

// add gathers n, linked (its incident id set).
func (b *linkStateBuilder) add(n *schemas.Notice) {
	b.seg++
	b.tl += len(n.Events)
	if n.IsIncident {
		b.compact = link.AppendCompact(b.compact[:0], n)
		noticeItem(b.items(), n.IncidentID, b.compact)
	}
	if b.out != nil {
		b.out.flush(false)
	}
}

// endInput ends the input, whose rows went to part, and returns its entry
// (with its record when the builder keeps it).
func (b *linkStateBuilder) endInput(key, sha string, part int) inputState {
	s := inputState{key: key, sha256: sha, part: part, segments: b.seg, timeline: b.tl}
	if b.out != nil {
		b.out.end(s)
	} else {
		s.record = slices.Clone(b.w.buf)
		b.w.buf = b.w.buf[:0]
	}
	b.seg, b.tl = 0, 0
	return s
}

// linkStateRead reads the link state of a folder on a goroutine of its
// own, once started.
type linkStateRead struct {
	out, version string
	once         sync.Once
	done         chan struct{} // closed once state or err is set
	state        *linkState
	err          error
}

func newLinkStateRead(out, version string) *linkStateRead {
	return &linkStateRead{out: out, version: version, done: make(chan struct{})}
}

// start starts reading, the first time it is called (nil: a no-op).
func (r *linkStateRead) start() {
	if r == nil {
		return
	}
	r.once.Do(func() {
		if linkStateReadHook != nil {
			linkStateReadHook()
		}
		go func() {
			defer close(r.done)
			r.state, r.err = readLinkState(r.out, r.version)
		}()
	})
}

// linkStateReadHook, when set (by tests), runs as a run starts reading
// the previous link state.
var linkStateReadHook func()

// linkStateDecodedGuess is how many halves of its compressed size a link
// state's stream usually decodes to, at most (~1.45×).
const linkStateDecodedGuess = 3

// readLinkState reads the link state of the output folder out, written
// under version; an error says why it cannot be used.
func readLinkState(out, version string) (*linkState, error) {
	b, err := os.ReadFile(filepath.Join(out, linkStateFile))
	if err != nil {
		return nil, err
	}
	head := []byte(linkStateMagic + version + "\n")
	const trailer = 1 + 2*sha256.Size + 1
	if !bytes.HasPrefix(b, head) || len(b) < len(head)+trailer {
		return nil, errors.New("link state: of another format or version, or torn")
	}
	stream, tail := b[len(head):len(b)-trailer], b[len(b)-trailer:]
	sum := sha256.Sum256(stream)
	if string(tail) != "\n"+hex.EncodeToString(sum[:])+"\n" {
		return nil, errors.New("link state: does not match its checksum")
	}
	// Sized up front for what the stream usually decodes to (32.6 MB
	// for 22.5 MB at 100k notices): io.ReadAll's doubling copied it over
	// and over (~0.05 s).
	var plain bytes.Buffer
	plain.Grow(min(len(stream)/2*linkStateDecodedGuess, maxLinkStateBytes))
	if _, err := plain.ReadFrom(io.LimitReader(s2.NewReader(bytes.NewReader(stream)), maxLinkStateBytes)); err != nil {
		return nil, fmt.Errorf("link state: %w", err)
	}
	r := batchReader{buf: plain.Bytes()}
	s := &linkState{byKey: map[string]int{}}
	start := r.buf
	done := false
	for !done && r.err == nil {
		before := r.buf
		switch r.byte() {
		case itemNotice:
			r.str()
			compactOf(&r)
		case itemKey:
			r.str()
		case itemReject:
			r.str()
			r.str()
			r.varint()
			r.str()
			r.str()
		case itemEnd:
			in := inputState{record: start[: len(start)-len(before) : len(start)-len(before)]}
			in.key, in.sha256 = r.str(), r.str()
			in.part, in.segments, in.timeline = int(r.uvarint()), int(r.uvarint()), int(r.uvarint())
			s.byKey[in.key] = len(s.inputs)
			s.inputs = append(s.inputs, in)
			start = r.buf
		case itemPart:
			var p partInfo
			p.notices, p.timeline = int(r.uvarint()), int(r.uvarint())
			p.noticesSize, p.timelineSize = r.varint(), r.varint()
			s.parts = append(s.parts, p)
		case itemLinker:
			s.linker = append(s.linker, compactOf(&r)...) // the snapshot's next piece
		case itemLast:
			done = true
		default:
			r.fail()
		}
	}
	if r.err == nil && (len(r.buf) != 0 || !done) {
		r.err = errBatchCodec
	}
	for _, in := range s.inputs {
		if in.part >= len(s.parts) {
			r.fail()
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("link state: %w", r.err)
	}
	return s, nil
}
