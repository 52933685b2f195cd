package pipeline

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/enrich"
	"github.com/breachtrend/breachtrend/stages/extract"
	"github.com/breachtrend/breachtrend/stages/load"
	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// stages are the per-file stages, shared by every worker: each is safe for
// concurrent use.
type stages struct {
	loader    *load.Loader
	extractor extract.Extractor
	enricher  *enrich.Enricher
}

// fileResult is what one file gives: its notices in segment order and its
// rejects.
type fileResult struct {
	seq     int
	input   load.Input
	notices []schemas.Notice
	rejects []schemas.Reject
}

// processFile runs load → segment → normalize → extract → enrich on one
// file. It starts no goroutines and turns a panic in a stage into a reject
// for the file, so one bad file cannot end the run.
func (s *stages) processFile(seq int, in load.Input) (res fileResult) {
	res = fileResult{seq: seq, input: in}
	defer func() {
		if r := recover(); r != nil {
			res.notices = nil
			res.rejects = append(res.rejects, schemas.Reject{Stage: "pipeline", Source: in.Rel, Segment: -1,
				Reason: "internal_error", Detail: fmt.Sprint(r)})
		}
	}()
	docs, rejects := s.loader.Load(in)
	res.rejects = rejects
	index := int32(0)
	for _, doc := range docs {
		segs := segment.Split(doc.Text)
		if len(segs) == 0 {
			res.rejects = append(res.rejects, schemas.Reject{Stage: "segment", Source: in.Rel, Segment: int32(doc.Line),
				Reason: "no_text", Detail: "the document holds no text to segment"})
			continue
		}
		for _, seg := range segs {
			res.notices = append(res.notices, s.notice(doc, seg, index))
			index++
		}
	}
	return res
}

// notice builds one notice from a segment.
func (s *stages) notice(doc load.Document, seg segment.Segment, index int32) schemas.Notice {
	text := normalize.Text(seg.Text)
	n := schemas.Notice{
		SourcePath:   doc.Source,
		SegmentIndex: index,
		Format:       doc.Format,
		Encoding:     doc.Encoding,
		URL:          doc.URL,
		Title:        seg.Title,
		Text:         text,
		OriginalText: seg.Text,
	}
	if n.Title == "" {
		n.Title = doc.Title
	}
	n.NoticeID = noticeID(n.SourcePath, index, text)
	in := extract.Input{Text: text, Title: n.Title, Published: doc.Published}
	if seg.Header != nil {
		in.CaseID, in.HeaderRest = seg.Header.CaseID, seg.Header.Rest
	}
	n.IsIncident = segment.IsNotice(text, seg.Header != nil)
	if n.IsIncident {
		s.extractor.Extract(in, &n)
		s.enricher.Notice(&n)
	}
	return n
}

// noticeID is a stable id: a hash of the source path, the segment's place
// in it and its normalized text.
func noticeID(source string, index int32, text string) string {
	h := sha256.New()
	h.Write([]byte(source))
	var b [5]byte
	binary.BigEndian.PutUint32(b[1:], uint32(index))
	h.Write(b[:])
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil))[:20]
}
