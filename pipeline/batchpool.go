package pipeline

import (
	"sync"

	"github.com/breachtrend/breachtrend/stages/load"
)

// A batch's raw segments and their documents live from the loader's
// callback to prepareSegments, then nothing holds them. Grown by appends
// for each batch, they were ~140 MB of garbage over a JSON Lines file of
// 307k one-line records (1,200 batches of 256); their arrays are reused
// instead, batch after batch and file after file.
var (
	rawArrays sync.Pool // of *[]rawSegment, empty, capacity kept
	docArrays sync.Pool // of *[]load.Document, empty, capacity kept
)

// appendRaw is append, the first segment of a batch going into a reused
// array.
func appendRaw(raw []rawSegment, r rawSegment) []rawSegment {
	if raw == nil {
		if a, ok := rawArrays.Get().(*[]rawSegment); ok {
			raw = *a
		}
	}
	return append(raw, r)
}

// appendDoc is append, the first document of a batch going into a reused
// array.
func appendDoc(docs []load.Document, d load.Document) []load.Document {
	if docs == nil {
		if a, ok := docArrays.Get().(*[]load.Document); ok {
			docs = *a
		}
	}
	return append(docs, d)
}

// recycleRaw hands a prepared batch's arrays back for the next batch,
// cleared so they keep no text alive. The caller no longer uses them.
func recycleRaw(raw []rawSegment, docs []load.Document) {
	if cap(raw) > 0 {
		clear(raw)
		raw = raw[:0]
		rawArrays.Put(&raw)
	}
	if cap(docs) > 0 {
		clear(docs)
		docs = docs[:0]
		docArrays.Put(&docs)
	}
}
