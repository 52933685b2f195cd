package segment

import (
	"strings"

	"github.com/breachtrend/breachtrend/internal/recent"
)

// NoticeMemo is IsNotice with a memory of the run's recent segments, so
// that a segment that comes again (a blog archive export holds the same
// notice many times) is classified once. IsNotice is a pure function of
// its two arguments, which are the whole key, the text compared in full.
//
// The memo keeps a copy of the text, never the caller's string. It is
// bounded (recent.Memo): a generation holds 16k segments or 8 MiB of
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
	return &NoticeMemo{kinds: recent.New[noticeKey, bool](16384, 8<<20, func(k noticeKey) int { return len(k.normalized) })}
}

// IsNotice returns IsNotice(normalized, hasHeader).
func (m *NoticeMemo) IsNotice(normalized string, hasHeader bool) bool {
	if m == nil {
		return IsNotice(normalized, hasHeader)
	}
	k := noticeKey{normalized, hasHeader}
	if ok, found := m.kinds.Get(k); found {
		return ok
	}
	ok := IsNotice(normalized, hasHeader)
	if len(normalized) <= (8<<20)/4 {
		k.normalized = strings.Clone(normalized)
		m.kinds.Add(k, ok)
	}
	return ok
}
