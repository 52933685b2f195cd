package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/klauspost/compress/s2"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/link"
)

// The link state is what a rerun needs of the previous run to keep most of
// the notices and timeline rows without reading them back: for each input,
// in walk order, the part files its rows went to, its row counts, its
// rejects, its segments' cache keys and its incident notices as linking
// reads them (link.Compact, with the incident id each got). A rerun links
// the kept inputs again from these few fields (0.1 KB a notice instead of
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

// linkStateMagic opens the file: "<magic><version>\n<hex sha256 of the
// rest>\n" then the body, compressed with S2.
const linkStateMagic = "breachtrend-link-state 1 "

// maxLinkStateBytes bounds the body, decompressed, against damage.
const maxLinkStateBytes = 1 << 30

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
	// record is the input's rejects, cache keys and compact incident
	// notices (encodeInputRecord), kept encoded: an input whose rows are
	// kept is written back as it was read.
	record []byte
}

// inputRecord is an input's record, decoded.
type inputRecord struct {
	rejects  []schemas.Reject
	keys     []string
	incident []schemas.Notice // link.Compact of each incident notice, in segment order
}

// linkState is the link state of one run.
type linkState struct {
	parts  []partInfo
	inputs []inputState
	byKey  map[string]int // inputs' index by key
}

// encodeInputRecord is r in the batch codec's binary form.
func encodeInputRecord(r inputRecord) []byte {
	var notices batchWriter
	for i := range r.incident {
		notices.notice(&r.incident[i])
	}
	return appendInputRecord(r.rejects, r.keys, len(r.incident), notices.buf)
}

// appendInputRecord is the record of rejects, keys and n incident notices
// already encoded (notices).
func appendInputRecord(rejects []schemas.Reject, keys []string, n int, notices []byte) []byte {
	w := batchWriter{buf: make([]byte, 0, len(notices)+64*len(keys)+64)}
	w.uvarint(uint64(len(rejects)))
	for _, rj := range rejects {
		w.str(rj.Stage)
		w.str(rj.Source)
		w.varint(int64(rj.Segment))
		w.str(rj.Reason)
		w.str(rj.Detail)
	}
	w.strs(keys)
	w.uvarint(uint64(n))
	w.buf = append(w.buf, notices...)
	return w.buf
}

// decodeInputRecord is the record encodeInputRecord wrote.
func decodeInputRecord(b []byte) (inputRecord, error) {
	r := batchReader{buf: b}
	var rec inputRecord
	if n := r.count(); n > 0 {
		rec.rejects = make([]schemas.Reject, n)
		for i := range rec.rejects {
			rj := &rec.rejects[i]
			rj.Stage, rj.Source, rj.Segment = r.str(), r.str(), int32(r.varint())
			rj.Reason, rj.Detail = r.str(), r.str()
		}
	}
	rec.keys = r.strs()
	if n := r.count(); n > 0 {
		rec.incident = make([]schemas.Notice, n)
		for i := range rec.incident {
			r.notice(&rec.incident[i])
		}
	}
	if r.err == nil && len(r.buf) != 0 {
		r.err = errBatchCodec
	}
	if r.err != nil {
		return inputRecord{}, fmt.Errorf("link state: %w", r.err)
	}
	return rec, nil
}

// linkStateBuilder gathers the entries of this run's link state, input by
// input, as the collector emits them. An input's incident notices are
// encoded as they come: a file of 300k notices holds 300k compact
// notices' bytes, not 300k Notice values.
type linkStateBuilder struct {
	inputs []inputState
	// The input being emitted, over its batches.
	rejects  []schemas.Reject
	keys     []string
	notices  batchWriter
	incident int
	seg, tl  int
}

// add gathers n, linked (its incident id set), into the current input.
func (b *linkStateBuilder) add(n *schemas.Notice) {
	b.seg++
	b.tl += len(n.Events)
	if n.IsIncident {
		c := link.Compact(n)
		b.notices.notice(&c)
		b.incident++
	}
}

// endInput closes the current input, whose rows went to part.
func (b *linkStateBuilder) endInput(key, sha string, part int) {
	b.inputs = append(b.inputs, inputState{key: key, sha256: sha, part: part, segments: b.seg, timeline: b.tl,
		record: appendInputRecord(b.rejects, b.keys, b.incident, b.notices.buf)})
	b.rejects, b.keys, b.incident, b.seg, b.tl = nil, nil, 0, 0, 0
	b.notices.buf = b.notices.buf[:0]
}

// write writes the state of parts and inputs into dir's caches.
func writeLinkState(dir, version string, parts []partInfo, inputs []inputState) error {
	w := batchWriter{}
	w.uvarint(uint64(len(parts)))
	for _, p := range parts {
		w.uvarint(uint64(p.notices))
		w.uvarint(uint64(p.timeline))
		w.varint(p.noticesSize)
		w.varint(p.timelineSize)
	}
	w.uvarint(uint64(len(inputs)))
	for _, in := range inputs {
		w.str(in.key)
		w.str(in.sha256)
		w.uvarint(uint64(in.part))
		w.uvarint(uint64(in.segments))
		w.uvarint(uint64(in.timeline))
		w.str(string(in.record))
	}
	body := s2.Encode(nil, w.buf)
	sum := sha256.Sum256(body)
	path := filepath.Join(dir, linkStateFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("link state: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("link state: %w", err)
	}
	_, err = fmt.Fprintf(f, "%s%s\n%s\n", linkStateMagic, version, hex.EncodeToString(sum[:]))
	if err == nil {
		_, err = f.Write(body)
	}
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		return fmt.Errorf("link state: %w", err)
	}
	return nil
}

// readLinkState reads the link state of the output folder out, written
// under version; an error says why it cannot be used.
func readLinkState(out, version string) (*linkState, error) {
	b, err := os.ReadFile(filepath.Join(out, linkStateFile))
	if err != nil {
		return nil, err
	}
	head := []byte(linkStateMagic + version + "\n")
	if !bytes.HasPrefix(b, head) {
		return nil, errors.New("link state: of another format or version")
	}
	b = b[len(head):]
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		return nil, errors.New("link state: torn")
	}
	sum := sha256.Sum256(b[nl+1:])
	if string(b[:nl]) != hex.EncodeToString(sum[:]) {
		return nil, errors.New("link state: does not match its checksum")
	}
	body := b[nl+1:]
	if n, err := s2.DecodedLen(body); err != nil || n > maxLinkStateBytes {
		return nil, errors.New("link state: torn")
	}
	plain, err := s2.Decode(nil, body)
	if err != nil {
		return nil, fmt.Errorf("link state: %w", err)
	}
	r := batchReader{buf: plain}
	s := &linkState{byKey: map[string]int{}}
	s.parts = make([]partInfo, r.count())
	for i := range s.parts {
		p := &s.parts[i]
		p.notices, p.timeline = int(r.uvarint()), int(r.uvarint())
		p.noticesSize, p.timelineSize = r.varint(), r.varint()
	}
	s.inputs = make([]inputState, r.count())
	for i := range s.inputs {
		in := &s.inputs[i]
		in.key, in.sha256 = r.str(), r.str()
		in.part, in.segments, in.timeline = int(r.uvarint()), int(r.uvarint()), int(r.uvarint())
		in.record = rawBytes(&r)
		if in.part >= len(s.parts) {
			r.fail()
		}
		s.byKey[in.key] = i
	}
	if r.err == nil && len(r.buf) != 0 {
		r.err = errBatchCodec
	}
	if r.err != nil {
		return nil, fmt.Errorf("link state: %w", r.err)
	}
	return s, nil
}

// rawBytes reads a length-prefixed field as a slice of r's buffer, not a
// copy: a record is decoded again only when its input is emitted.
func rawBytes(r *batchReader) []byte {
	n := r.uvarint()
	if n > uint64(len(r.buf)) {
		r.fail()
		return nil
	}
	b := r.buf[:n:n]
	r.buf = r.buf[n:]
	return b
}
