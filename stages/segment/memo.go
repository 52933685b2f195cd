package segment

import (
	"strings"

	"github.com/breachtrend/breachtrend/internal/recent"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// NoticeMemo is IsNotice with a memory of the run's recent segments, so
// that a segment that comes again (a blog archive export holds the same
// notice many times) is classified once. IsNotice is a pure function of
// its two arguments, which are the whole key, the text compared in full.
//
// A text is kept the second time it comes (recent.Memo.Again): most
// come once. The memo keeps a copy of the text, never the caller's string. It is
// bounded (recent.Memo): a generation holds 16k segments or 1 MiB of
// their text. A nil *NoticeMemo is IsNotice. Safe for concurrent use.
type NoticeMemo struct {
	kinds *recent.Memo[noticeKey, bool]
}

// noticeKey is everything IsNotice reads.
type noticeKey struct {
	normalized string
	hasHeader  bool
}

// NewNoticeMemo returns an empty NoticeMemo.
func NewNoticeMemo() *NoticeMemo {
	return &NoticeMemo{kinds: recent.New[noticeKey, bool](16384, 1<<20, func(k noticeKey) int { return len(k.normalized) })}
}

// IsNotice returns IsNotice(normalized, hasHeader).
func (m *NoticeMemo) IsNotice(normalized string, hasHeader bool) bool {
	if m == nil {
		return IsNotice(normalized, hasHeader)
	}
	k := noticeKey{normalized, hasHeader}
	ok, found, miss := m.kinds.Look(k)
	if found {
		return ok
	}
	ok = IsNotice(normalized, hasHeader)
	if miss.Keep() {
		k.normalized = strings.Clone(normalized)
		m.kinds.AddMissed(miss, k, ok)
	}
	return ok
}

// The kinds of raw post candidates, whether raw lines look like a post's
// title and the headers they hold, as splitPosts, isBoundary and
// ParseHeader find them: a blog archive repeats its posts, so Split of one
// file meets the same lines and posts many times. Each is a pure function
// of the raw text, the whole key, kept the second time it comes
// (recent.Memo.Again); the memos keep copies, never a slice of
// the document. Bounded (recent.Memo).
var (
	postKinds = recent.New[string, postKind](16384, 1<<20, func(s string) int { return len(s) })
	titleLike = recent.New[string, bool](16384, 1<<20, func(s string) int { return len(s) })
	headers   = recent.New[string, parsedHeader](16384, 1<<20, func(s string) int { return len(s) })
)

// parsedHeader is what ParseHeader gives for a line: strings of their own
// (the normalized line's), never a slice of the line.
type parsedHeader struct {
	h  Header
	ok bool
}

// postKind is Classify of a normalized post candidate.
type postKind struct {
	notice bool
	margin float64
}

// classifyRaw is Classify(normalize.Text(raw)), from postKinds when raw
// came before.
func classifyRaw(raw string) (notice bool, margin float64) {
	k, ok, miss := postKinds.Look(raw)
	if ok {
		return k.notice, k.margin
	}
	notice, margin = Classify(normalize.Text(raw))
	if miss.Keep() {
		postKinds.AddMissed(miss, strings.Clone(raw), postKind{notice, margin})
	}
	return notice, margin
}

// isTitleLikeMemo is isTitleLike(l), from titleLike when l came before.
func isTitleLikeMemo(l string) bool {
	// Faster than hashing the line to look it up.
	if holdsSentenceEnd(l) {
		return false
	}
	ok, found, miss := titleLike.Look(l)
	if found {
		return ok
	}
	ok = isTitleLike(l)
	if miss.Keep() {
		titleLike.AddMissed(miss, strings.Clone(l), ok)
	}
	return ok
}
