package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/enrich"
	"github.com/breachtrend/breachtrend/stages/extract"
	"github.com/breachtrend/breachtrend/stages/load"
	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/provenance"
	"github.com/breachtrend/breachtrend/stages/segment"
	"github.com/breachtrend/breachtrend/stages/title"
)

// stages are the per-file stages, shared by every worker: each is safe for
// concurrent use.
type stages struct {
	loader    *load.Loader
	extractor extract.Extractor
	enricher  *enrich.Enricher
	texts     *normalize.Memo     // the normalized text of recent raw segments
	kinds     *segment.NoticeMemo // whether recent segments are notices
	cache     *segmentCache       // nil: no cache
	files     *fileIndex          // nil: every input is read
	// tokenizerBuilt is closed once the tokenizer is built, when the run
	// builds it up front; nil when it does not (a rerun from the cache).
	tokenizerBuilt <-chan struct{}
	times          *stageTimes
	// incremental, when not nil, keeps the parts of the previous tables
	// that no change touches (see incrementalPlan).
	incremental *incrementalPlan
	// partRows is the number of notices that closes a part of the notices
	// and timeline tables (defaultPartRows; tests make it small).
	partRows int
	// batchNotices and batchBytes size the batches a file is handed on in
	// (defaultBatchNotices, defaultBatchBytes; tests make them small).
	batchNotices, batchBytes int
}

// newStages returns the stages of a run, with no cache.
func newStages() *stages {
	return &stages{loader: load.NewLoader(), extractor: extract.New(), enricher: enrich.New(), texts: normalize.NewMemo(), kinds: segment.NewNoticeMemo(), times: &stageTimes{},
		batchNotices: defaultBatchNotices, batchBytes: defaultBatchBytes, partRows: defaultPartRows}
}

// fileResult is what one file gives, or one batch of it: notices in
// segment order and rejects. A file of many records or segments is handed
// on in several results, the last one marked.
type fileResult struct {
	seq     int
	sha256  string // set on the last result
	input   load.Input
	notices []schemas.Notice
	rejects []schemas.Reject
	keys    []string // the segment cache key of each notice ("" if none)
	// last: the file's final result (its sha256 and load rejects with it).
	last bool
	// parked: the file waited for the tokenizer out of the window of
	// files in flight, which it left when it was parked (see fanOut).
	parked bool

	// For the file index: the input's stat data before it was read
	// (statOK: it could be stat'ed), the batch's line in the index (copied
	// when served, encoded when processed), served: it came from the index;
	// unrecorded: it may not be served next time (see fileIndex.encode).
	stat       fileStat
	statOK     bool
	indexLine  []byte
	served     bool
	unrecorded bool
	// kept: the input was served light (see serveLight): its results
	// carry only where its index lines lie in the previous index
	// (indexSpan), the last one its entry.
	kept      *keptInput
	indexSpan span
}

// pendingFile is a file whose notices have been through every stage that
// needs no tokenizer; todo[i] is what is left of notices[i].
type pendingFile struct {
	fileResult
	todo []pendingNotice
	// partial: batches of the file were handed on already, so it cannot be
	// parked (parking holds a whole file).
	partial bool
	raw     []rawSegment    // segments not yet prepared (prepareSegments)
	docs    []load.Document // the documents raw's segments come from
	stream  *fileStream     // where its results go (fanOut)
	cost    int64           // its share of the in-flight budget (fanOut)
	bytes   int             // original text of notices
}

// pendingNotice is the rest of one notice's work.
type pendingNotice struct {
	extract extract.Pending // nil: not a notice, or served from the cache
	key     string          // the cache key to store the result under, "" if none
	hit     bool            // served from the cache under key
	origin  provenance.Origin
	body    string // the notice's text without its page's chrome (title.NoticeBody), what extract and enrich read
}

// Batches: a file's notices are finished and handed on once this many are
// prepared, so memory holds a batch of a big file (336k JSON Lines
// records, a 60 MB archive of notices), not the whole of it. Small files
// are one batch, as before.
const (
	defaultBatchNotices = 256
	defaultBatchBytes   = 4 << 20 // of original segment text
)

// prepareFile runs load → segment → normalize → extract on one file, as far
// as each goes without the tokenizer; finishFile does the rest. Documents
// come from the loader one by one, and each full batch of notices is handed
// to flush on the way, as segments still to prepare (prepareSegments); what
// is left comes back prepared, to be finished (or parked).
// An error from flush stops the file and comes back. It starts no
// goroutines and turns a panic in a stage into a reject for the file, so
// one bad file cannot end the run. Once ctx ends it stops between
// documents and segments (and the extractor within one), leaving the file
// partial: the run is failing and keeps nothing of it.
func (s *stages) prepareFile(ctx context.Context, seq int, in load.Input, flush func(*pendingFile) error) (p *pendingFile, err error) {
	p = &pendingFile{fileResult: fileResult{seq: seq, input: in}}
	defer func() {
		if r := recover(); r != nil {
			p.failed(r)
		}
	}()
	index := int32(0)
	// Spent outside the loader, in the callback: Split and flush, each
	// timed (the clock read twice a record; the bookkeeping between them
	// is the loader's).
	var emitting time.Duration
	t0 := time.Now()
	file, err := s.loader.Stream(in, func(doc load.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		segs := segment.Split(doc.Text)
		split := time.Since(start)
		s.times.addSpan(stageSegment, split)
		emitting += split
		docAt := -1 // doc's place in p.docs, once a segment of it is kept
		if len(segs) == 0 {
			p.rejects = append(p.rejects, schemas.Reject{Stage: "segment", Source: in.Rel, Segment: int32(doc.Line),
				Reason: "no_text", Detail: "the document holds no text to segment"})
			return nil
		}
		for i, seg := range segs {
			if seg.HeaderOnly() {
				p.rejects = append(p.rejects, emptySegment(doc, seg, index))
				index++
				continue
			}
			if len(seg.Text) > segment.MaxSegmentBytes {
				p.rejects = append(p.rejects, schemas.Reject{Stage: "segment", Source: doc.Source, Segment: index,
					Reason: segment.ReasonSegmentTooLarge, Detail: fmt.Sprintf("segment %d%s is %d bytes (limit %d): no header or post boundary cuts it into notices",
						index, jsonlLine(doc), len(seg.Text), segment.MaxSegmentBytes)})
				index++
				continue
			}
			if docAt < 0 {
				p.docs = appendDoc(p.docs, doc)
				docAt = len(p.docs) - 1
			}
			p.raw = appendRaw(p.raw, rawSegment{doc: int32(docAt), seg: seg, index: index, docFirst: i == 0})
			p.bytes += len(seg.Text)
			index++
			if len(p.raw) >= s.batchNotices || p.bytes >= s.batchBytes {
				start := time.Now()
				err := flush(p.takeBatch())
				emitting += time.Since(start)
				if err != nil {
					return err
				}
				docAt = -1 // the next batch holds its own copy of doc
			}
		}
		return nil
	})
	// The loader's own time: what the callback took is counted where it went.
	s.times.add(stageLoad, t0.Add(emitting))
	p.sha256 = file.SHA256
	p.rejects = append(p.rejects, file.Rejects...)
	if err != nil {
		return p, err
	}
	return s.prepareSegments(ctx, p), nil
}

// rawSegment is a segment cut from its document, not yet a notice.
type rawSegment struct {
	doc   int32 // its document in the batch's docs
	seg   segment.Segment
	index int32 // in the file
	// docFirst: the segment opens its document (an HTML page, a JSON Lines
	// record), whose own title it takes.
	docFirst bool
}

// prepareSegments turns p's raw segments into notices as far as they go
// without the tokenizer (normalize, classify, the extractors' first pass).
// A batch handed on by prepareFile goes through it on a goroutine of its
// own, beside the next; a panic becomes a reject, as in prepareFile. A
// segment over its extraction budget becomes an extract_timeout reject;
// once ctx ends the rest of the segments are left.
func (s *stages) prepareSegments(ctx context.Context, p *pendingFile) *pendingFile {
	defer func() {
		if r := recover(); r != nil {
			p.failed(r)
		}
	}()
	// Sized once: a notice is 600 bytes, and growing the slice by
	// appends copied a batch's notices about twice (400 MB over 307k
	// JSON Lines records).
	p.notices = slices.Grow(p.notices, len(p.raw))
	p.todo = slices.Grow(p.todo, len(p.raw))
	for _, r := range p.raw {
		if ctx.Err() != nil {
			break
		}
		// Built in place: a notice built on its own and then appended
		// was allocated once more per segment (the extractor keeps a
		// pointer to it while it runs).
		p.notices = append(p.notices, schemas.Notice{})
		n := &p.notices[len(p.notices)-1]
		todo, err := s.notice(ctx, &p.docs[r.doc], r.seg, r.index, r.docFirst, n)
		if err != nil {
			if ctx.Err() == nil {
				p.rejects = append(p.rejects, extractReject(p.input.Rel, r.index, err))
			}
			*n = schemas.Notice{}
			p.notices = p.notices[:len(p.notices)-1]
			continue
		}
		p.todo = append(p.todo, todo)
	}
	recycleRaw(p.raw, p.docs)
	p.raw, p.docs = nil, nil
	return p
}

// emptySegment is the reject of a segment that is a header and nothing else.
func emptySegment(doc load.Document, seg segment.Segment, index int32) schemas.Reject {
	title := seg.Title
	if r := []rune(title); len(r) > 60 {
		title = string(r[:60]) + "…"
	}
	return schemas.Reject{Stage: "segment", Source: doc.Source, Segment: index, Reason: segment.ReasonEmptySegment,
		Detail: fmt.Sprintf("segment %d%s is a header with no text under it: %s", index, jsonlLine(doc), title)}
}

// jsonlLine names the JSON Lines line a document came from, if it did.
func jsonlLine(doc load.Document) string {
	if doc.Line > 0 {
		return fmt.Sprintf(" (JSON Lines line %d)", doc.Line)
	}
	return ""
}

// takeBatch moves the segments and rejects gathered so far into a batch of
// their own, leaving p to go on with the rest of the file.
func (p *pendingFile) takeBatch() *pendingFile {
	b := &pendingFile{fileResult: fileResult{seq: p.seq, input: p.input, rejects: p.rejects}, raw: p.raw, docs: p.docs}
	p.raw, p.docs, p.rejects, p.bytes, p.partial = nil, nil, nil, 0, true
	return b
}

// finishFile does the rest of a prepared file's work: the extraction with
// the tokenizer, enrich and the cache. A panic becomes a reject, as in
// prepareFile; a notice over its extraction budget becomes a reject and
// leaves the notices, and once ctx ends the rest of the file is left.
func (s *stages) finishFile(ctx context.Context, p *pendingFile) (res fileResult) {
	defer func() {
		if r := recover(); r != nil {
			p.failed(r)
			res = p.fileResult
		}
	}()
	kept := p.notices[:0]
	for i, todo := range p.todo {
		if todo.hit || (todo.extract == nil && todo.key == "") {
			kept = append(kept, p.notices[i])
			p.keys = append(p.keys, todo.key)
			continue
		}
		n := &p.notices[i]
		if todo.extract != nil {
			t0 := time.Now()
			if err := todo.extract.Finish(ctx, n); err != nil {
				s.times.add(stageExtract, t0)
				if ctx.Err() != nil {
					break
				}
				p.rejects = append(p.rejects, extractReject(p.input.Rel, n.SegmentIndex, err))
				continue
			}
			n.Terms = extract.Terms(n.Title, n.Text)
			t0 = s.times.lap(stageExtract, t0)
			s.enricher.NoticeBody(n, todo.body)
			provenance.Record(n, todo.origin)
			s.times.add(stageEnrich, t0)
		}
		if todo.key != "" {
			v := *n
			v.NoticeID, v.SourcePath, v.Format, v.Encoding, v.URL, v.Title, v.Text, v.OriginalText = "", "", "", "", "", "", "", ""
			v.RetrievedAt, v.Labels = "", nil
			s.cache.put(todo.key, cached{IsIncident: n.IsIncident, Notice: v})
		}
		kept = append(kept, *n)
		p.keys = append(p.keys, todo.key)
	}
	p.notices, p.todo = kept, nil
	return p.fileResult
}

// extractReject is the reject of a segment whose extraction was abandoned
// over its time budget.
func extractReject(source string, segment int32, err error) schemas.Reject {
	return schemas.Reject{Stage: "extract", Source: source, Segment: segment, Reason: "extract_timeout",
		Detail: fmt.Sprintf("segment %d: %v", segment, err)}
}

// failed turns the file into a reject for the panic r.
func (p *pendingFile) failed(r any) {
	p.notices, p.todo, p.raw, p.docs, p.keys = nil, nil, nil, nil, nil
	p.rejects = append(p.rejects, schemas.Reject{Stage: "pipeline", Source: p.input.Rel, Segment: -1,
		Reason: "internal_error", Detail: fmt.Sprint(r)})
}

// notice builds one notice from a segment, as far as it goes without the
// tokenizer, and returns what is left to do. Its error is the extractor's:
// the segment went over its budget, or ctx ended.
func (s *stages) notice(ctx context.Context, doc *load.Document, seg segment.Segment, index int32, docFirst bool, n *schemas.Notice) (pendingNotice, error) {
	text := seg.Normalized // a segment of one line, normalized by Split for its title
	if text == "" {
		t0 := time.Now()
		text = s.texts.Text(seg.Text)
		s.times.add(stageNormalize, t0)
	}
	*n = schemas.Notice{
		SourcePath:   doc.Source,
		SegmentIndex: index,
		Format:       doc.Format,
		Encoding:     doc.Encoding,
		URL:          doc.URL,
		RetrievedAt:  doc.RetrievedAt,
		Labels:       doc.Labels,
		Title:        seg.Title,
		Text:         text,
		OriginalText: seg.Text,
	}
	if t := title.Clean(doc.Title); t != "" && seg.Header == nil && docFirst {
		// The document's own title (an HTML page's, a JSON Lines record's)
		// over a line of its text, for the segment that opens it: every
		// record of a JSON Lines file, not only the file's first.
		n.Title = t
	}
	n.NoticeID = noticeID(n.SourcePath, index, text)
	// The extractor reads the notice alone: a page's menus and breadcrumbs
	// copied above it, and its footer below, are no part of it, and pushed
	// its first and last lines (organization, own date, signature) out of
	// the extractor's reach. A blog header says where the notice starts.
	// The text column keeps them.
	body := text
	if seg.Header == nil {
		body = title.NoticeBody(text)
	} else {
		// A long report quoted under a blog header has its reference
		// sections (参考, 用語集) too: others' incidents and the law.
		body = title.WithoutReferenceSections(text)
	}
	in := extract.Input{Text: body, Title: n.Title, Published: doc.Published}
	if len(body) != len(text) {
		in.Page = text // the page's banner or footer may name the body it is
	}
	if seg.Header != nil {
		in.CaseID, in.HeaderRest = seg.Header.CaseID, seg.Header.Rest
	}
	todo := pendingNotice{origin: provenance.Origin{HeaderRest: in.HeaderRest, Published: in.Published}, body: body}
	if s.cache != nil {
		todo.key = s.cache.key(text, in)
		if v, ok := s.cache.get(todo.key); ok {
			*n = restore(v, *n)
			return pendingNotice{key: todo.key, hit: true}, nil
		}
	}
	t0 := time.Now()
	n.IsIncident = s.kinds.IsNotice(body, seg.Header != nil)
	if n.IsIncident {
		var err error
		todo.extract, err = s.extractor.Prepare(ctx, in, n)
		s.times.add(stageExtract, t0)
		if err != nil {
			return pendingNotice{}, err
		}
	}
	return todo, nil
}

// restore is a cached result with the fields of this segment's place.
func restore(v cached, place schemas.Notice) schemas.Notice {
	n := v.Notice
	n.NoticeID, n.SourcePath, n.SegmentIndex = place.NoticeID, place.SourcePath, place.SegmentIndex
	n.Format, n.Encoding, n.URL, n.Title = place.Format, place.Encoding, place.URL, place.Title
	n.RetrievedAt, n.Labels = place.RetrievedAt, place.Labels
	n.Text, n.OriginalText = place.Text, place.OriginalText
	n.IsIncident = v.IsIncident
	return n
}

// noticeID is a stable id: a hash of the source path, the segment's place
// in it and its normalized text.
func noticeID(source string, index int32, text string) string {
	h := sha256.New()
	hashString(h, source)
	var b [5]byte
	binary.BigEndian.PutUint32(b[1:], uint32(index))
	h.Write(b[:])
	hashString(h, text)
	var sum [sha256.Size]byte
	// The first 10 bytes are the id's 20 hex digits: encoding all 32 made
	// a 64-byte string per segment only to cut it.
	return hex.EncodeToString(h.Sum(sum[:0])[:10])
}

// digester is a SHA-256 hash with room for its sum, the sum's hex digits
// and a few bytes to write, reused through digesters: the cache key and the
// cache entry's checksum of every segment made 3 and 4 allocations (the
// hash, separators, the sum, its digits), where the string alone is needed.
// (noticeID needs none: the compiler keeps its hash on the stack.)
type digester struct {
	h      hash.Hash
	sum    [sha256.Size]byte
	digits [2 * sha256.Size]byte
	small  [8]byte
}

var digesters = sync.Pool{New: func() any { return &digester{h: sha256.New()} }}

// newDigester returns a digester with nothing written yet.
func newDigester() *digester {
	d := digesters.Get().(*digester)
	d.h.Reset()
	return d
}

// hexSum returns the first n bytes of the digest as lower case hex and
// gives d back: the caller no longer uses it.
func (d *digester) hexSum(n int) string {
	sum := d.h.Sum(d.sum[:0])
	hex.Encode(d.digits[:], sum[:n])
	s := string(d.digits[:2*n])
	digesters.Put(d)
	return s
}

// hashString writes s to h without copying it: h.Write([]byte(s)) would
// copy every segment's text to the heap, twice per segment (the notice id
// and the cache key). A hash.Hash neither keeps nor modifies what it is
// given, so viewing the string's bytes is safe.
func hashString(h hash.Hash, s string) {
	h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}
