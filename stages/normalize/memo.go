package normalize

import (
	"strings"

	"github.com/breachtrend/breachtrend/internal/recent"
)

// Memo is Text with a memory of the run's recent segments, so that a
// segment that comes again (a blog archive export holds the same notice
// many times, a feed sends a notice again) gets the text its first time
// gave instead of a second normalization. Text is a pure function of its
// argument and strings are immutable, so the remembered text is exactly
// what a second call would give; the key is the whole raw text, compared
// in full.
//
// A segment is kept the second time it comes (recent.Memo.Again): most
// come once, and the copy would cost more than the look-up saves. The
// memo keeps copies of the raw and the normalized text, never a
// substring of the caller's: a segment is a slice of its whole document,
// which must not be kept alive by the memo. It is bounded (recent.Memo):
// a generation holds 16k segments or 1 MiB of their raw text. A nil
// *Memo is Text. Safe for concurrent use.
type Memo struct {
	texts *recent.Memo[string, string]
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo {
	return &Memo{texts: recent.New[string, string](16384, 1<<20, func(s string) int { return len(s) })}
}

// Text returns Text(s).
func (m *Memo) Text(s string) string {
	if m == nil {
		return Text(s)
	}
	t, ok, miss := m.texts.Look(s)
	if ok {
		return t
	}
	t = Text(s)
	if !miss.Keep() {
		return t // too large to keep, or not seen before (recent.Memo.Again)
	}
	return m.texts.AddMissed(miss, strings.Clone(s), strings.Clone(t))
}
