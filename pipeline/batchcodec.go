package pipeline

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/klauspost/compress/s2"

	"github.com/breachtrend/breachtrend/schemas"
)

// A batch of the file index is written in a binary form of its own, then
// compressed with S2, instead of JSON and zstd: on the 10k bench corpus
// (112 MB of batches as JSON) JSON took 0.35 s to encode and 0.94 s to
// decode and zstd 0.23 s to compress, where this form and S2 take a
// fraction of that (README, "Reruns"). Every field is written in a fixed
// order, lengths as uvarints; a nil slice, map or pointer is told from an
// empty or zero one, so a served notice is the notice that was recorded,
// down to what the Parquet writers make of it (NULL or empty list).
// TestBatchCodecRoundTrip fills every field of a Notice by reflection, so a
// field added to schemas.Notice and not here fails it.

// errBatchCodec is a batch that does not decode: torn or of another form.
var errBatchCodec = errors.New("file index: a malformed batch")

// encodeBatch is b in the binary form, compressed, in a slice of its own.
func encodeBatch(b fileBatch) []byte {
	var data []byte
	withEncodedBatch(b, func(packed []byte) { data = bytes.Clone(packed) })
	return data
}

// batchScratch holds the buffers of withEncodedBatch between calls: a
// worker encodes a batch of its file (one per few MB of text, or one per
// segment for the cache) again and again, and fresh buffers, sized for the
// worst case, were an eighth of what a run of tiny notices allocated.
var batchScratch = sync.Pool{New: func() any { return new(batchBuffers) }}

type batchBuffers struct{ plain, packed []byte }

// maxScratchBytes bounds a buffer kept for the next batch: a rare batch
// of long texts leaves its buffers to the GC rather than pinning them.
const maxScratchBytes = 16 << 20

// withEncodedBatch calls use with b in the binary form, compressed; the
// slice is valid only during the call (it is reused), so use copies what
// it keeps (into a line of the cache or of the file index).
func withEncodedBatch(b fileBatch, use func(packed []byte)) {
	s := batchScratch.Get().(*batchBuffers)
	w := batchWriter{buf: slices.Grow(s.plain[:0], batchBytesEstimate(b))}
	w.uvarint(uint64(len(b.Notices)))
	for i := range b.Notices {
		w.notice(&b.Notices[i])
	}
	w.uvarint(uint64(len(b.Rejects)))
	for _, r := range b.Rejects {
		w.str(r.Stage)
		w.str(r.Source)
		w.varint(int64(r.Segment))
		w.str(r.Reason)
		w.str(r.Detail)
	}
	w.strs(b.Keys)
	if n := s2.MaxEncodedLen(len(w.buf)); cap(s.packed) < n {
		s.packed = make([]byte, n)
	}
	use(s2.Encode(s.packed[:cap(s.packed)], w.buf))
	s.plain = w.buf[:0]
	if cap(s.plain) > maxScratchBytes {
		s.plain = nil
	}
	if cap(s.packed) > maxScratchBytes {
		s.packed = nil
	}
	batchScratch.Put(s)
}

// batchBytesEstimate is about the size of b's binary form: its texts and
// a few hundred bytes a notice for the rest. A buffer sized once, rather
// than grown by appends from what the pool had (nothing, after a GC
// emptied it), copies each batch once instead of a dozen times.
func batchBytesEstimate(b fileBatch) int {
	n := 64 * len(b.Keys)
	for i := range b.Notices {
		nt := &b.Notices[i]
		n += len(nt.Text) + len(nt.OriginalText) + len(nt.Title) + 512
	}
	return n
}

// maxBatchBytes bounds a batch's binary form, decompressed: a batch holds
// at most defaultBatchBytes of segment text past its last notice, and a
// segment at most segment.MaxSegmentBytes, each twice (text and original),
// so a real batch is a few MB. A length past it is damage, refused before
// S2 allocates it (S2 would take up to 4 GB on the word of a header).
const maxBatchBytes = 256 << 20

// decodeBatch is the batch encodeBatch wrote.
func decodeBatch(data []byte) (fileBatch, error) {
	if n, err := s2.DecodedLen(data); err != nil || n > maxBatchBytes {
		return fileBatch{}, errBatchCodec
	}
	plain, err := s2.Decode(nil, data)
	if err != nil {
		return fileBatch{}, fmt.Errorf("%w: %v", errBatchCodec, err)
	}
	r := batchReader{buf: plain}
	var b fileBatch
	if n := r.count(); n > 0 {
		b.Notices = make([]schemas.Notice, n)
		for i := range b.Notices {
			r.notice(&b.Notices[i])
		}
	}
	if n := r.count(); n > 0 {
		b.Rejects = make([]schemas.Reject, n)
		for i := range b.Rejects {
			rj := &b.Rejects[i]
			rj.Stage, rj.Source, rj.Segment = r.str(), r.str(), int32(r.varint())
			rj.Reason, rj.Detail = r.str(), r.str()
		}
	}
	b.Keys = r.strs()
	if r.err == nil && len(r.buf) != 0 {
		r.err = errBatchCodec
	}
	return b, r.err
}

func (w *batchWriter) notice(n *schemas.Notice) {
	for _, s := range []string{n.NoticeID, n.SourcePath, n.Format, n.Encoding, n.URL, n.RetrievedAt, n.Title,
		n.Text, n.OriginalText, n.CaseID, n.Organization, n.OrganizationKey, n.Contractor, n.Cause, n.Sector,
		n.VerisAction, n.TSRCategory, n.IncidentID, n.OrganizationEvidence, n.CauseEvidence, n.CountEvidence,
		n.DiscoveredEvidence, n.PublishedEvidence, n.OccurredEvidence, n.ReportedEvidence} {
		w.str(s)
	}
	w.varint(int64(n.SegmentIndex))
	w.bools(n.IsIncident, n.FinalReport, n.AffectedApprox)
	w.strs(n.Labels)
	w.strs(n.DataTypes)
	w.strs(n.Terms)
	w.int32Ptr(n.ReportSeq)
	w.int32Ptr(n.DisclosureDelayDays)
	if n.AffectedCount == nil {
		w.buf = append(w.buf, 0)
	} else {
		w.buf = append(w.buf, 1)
		w.varint(*n.AffectedCount)
	}
	for _, d := range []schemas.Date{n.PublishedDate, n.DiscoveredDate, n.OccurredDate, n.ReportedDate} {
		w.date(d)
	}
	w.strMap(n.FieldSources)
	w.strMap(n.ExtractedValues)
	if n.Events == nil {
		w.uvarint(0)
		return
	}
	w.uvarint(uint64(len(n.Events)) + 1)
	for _, e := range n.Events {
		w.str(e.Kind)
		w.date(e.Date)
		w.str(e.Sentence)
	}
}

func (r *batchReader) notice(n *schemas.Notice) {
	for _, s := range []*string{&n.NoticeID, &n.SourcePath, &n.Format, &n.Encoding, &n.URL, &n.RetrievedAt, &n.Title,
		&n.Text, &n.OriginalText, &n.CaseID, &n.Organization, &n.OrganizationKey, &n.Contractor, &n.Cause, &n.Sector,
		&n.VerisAction, &n.TSRCategory, &n.IncidentID, &n.OrganizationEvidence, &n.CauseEvidence, &n.CountEvidence,
		&n.DiscoveredEvidence, &n.PublishedEvidence, &n.OccurredEvidence, &n.ReportedEvidence} {
		*s = r.str()
	}
	n.SegmentIndex = int32(r.varint())
	flags := r.byte()
	n.IsIncident, n.FinalReport, n.AffectedApprox = flags&1 != 0, flags&2 != 0, flags&4 != 0
	n.Labels, n.DataTypes, n.Terms = r.strs(), r.strs(), r.strs()
	n.ReportSeq, n.DisclosureDelayDays = r.int32Ptr(), r.int32Ptr()
	if r.byte() == 1 {
		v := r.varint()
		n.AffectedCount = &v
	}
	for _, d := range []*schemas.Date{&n.PublishedDate, &n.DiscoveredDate, &n.OccurredDate, &n.ReportedDate} {
		*d = r.date()
	}
	n.FieldSources, n.ExtractedValues = r.strMap(), r.strMap()
	if k := r.count(); k > 0 {
		n.Events = make([]schemas.Event, k-1)
		for i := range n.Events {
			e := &n.Events[i]
			e.Kind, e.Date, e.Sentence = r.str(), r.date(), r.str()
		}
	}
}

// batchWriter appends the binary form to buf.
type batchWriter struct{ buf []byte }

func (w *batchWriter) uvarint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }
func (w *batchWriter) varint(v int64)   { w.buf = binary.AppendVarint(w.buf, v) }

func (w *batchWriter) str(s string) {
	w.uvarint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// strs writes a slice as its length plus one, 0 for nil.
func (w *batchWriter) strs(ss []string) {
	if ss == nil {
		w.uvarint(0)
		return
	}
	w.uvarint(uint64(len(ss)) + 1)
	for _, s := range ss {
		w.str(s)
	}
}

// strMap writes a map as strs does a slice, its keys in order.
func (w *batchWriter) strMap(m map[string]string) {
	if m == nil {
		w.uvarint(0)
		return
	}
	w.uvarint(uint64(len(m)) + 1)
	// Sorted in an array on the stack: a notice's field_sources has a
	// dozen keys, and a slice of them made per notice was an allocation
	// per notice of every batch the file index and the cache encode.
	var scratch [32]string
	keys := scratch[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		w.str(k)
		w.str(m[k])
	}
}

func (w *batchWriter) bools(bs ...bool) {
	var b byte
	for i, v := range bs {
		if v {
			b |= 1 << i
		}
	}
	w.buf = append(w.buf, b)
}

func (w *batchWriter) int32Ptr(p *int32) {
	if p == nil {
		w.buf = append(w.buf, 0)
		return
	}
	w.buf = append(w.buf, 1)
	w.varint(int64(*p))
}

func (w *batchWriter) date(d schemas.Date) {
	if d.IsZero() {
		w.buf = append(w.buf, 0)
		return
	}
	w.buf = append(w.buf, 1)
	w.varint(int64(d.Days()))
}

// batchReader reads the binary form from buf; the first error sticks and
// every later read returns a zero value.
type batchReader struct {
	buf []byte
	err error
}

func (r *batchReader) fail() {
	if r.err == nil {
		r.err = errBatchCodec
	}
	r.buf = nil
}

func (r *batchReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

func (r *batchReader) varint() int64 {
	v, n := binary.Varint(r.buf)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

// count is a length that must fit what is left to read (each element
// takes at least a byte), so a damaged length cannot make a huge slice.
func (r *batchReader) count() int {
	v := r.uvarint()
	if v > uint64(len(r.buf))+1 {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *batchReader) byte() byte {
	if len(r.buf) == 0 {
		r.fail()
		return 0
	}
	b := r.buf[0]
	r.buf = r.buf[1:]
	return b
}

func (r *batchReader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.buf)) {
		r.fail()
		return ""
	}
	s := string(r.buf[:n]) // a copy: a string kept (by the linker) must not pin the batch
	r.buf = r.buf[n:]
	return s
}

func (r *batchReader) strs() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n-1)
	for i := range ss {
		ss[i] = r.str()
	}
	return ss
}

func (r *batchReader) strMap() map[string]string {
	n := r.count()
	if n == 0 {
		return nil
	}
	m := make(map[string]string, n-1)
	for range n - 1 {
		k := r.str()
		m[k] = r.str()
	}
	return m
}

func (r *batchReader) int32Ptr() *int32 {
	if r.byte() != 1 {
		return nil
	}
	v := int32(r.varint())
	return &v
}

func (r *batchReader) date() schemas.Date {
	if r.byte() != 1 {
		return schemas.Date{}
	}
	return schemas.DateFromDays(int32(r.varint()))
}
