package jatok

import "sync"

// pieceMemo remembers the noun terms of recent pieces (sentences) that
// NounTerms tokenized. kagome gives the same tokens for the same text, and
// a piece is tokenized on its own, so its terms do not depend on the text
// around it: a piece that comes again, in this notice or another, takes
// its terms from here. Notices share many opening sentences (お知らせ
// titles, "このたび、当社が運営する…" openings: about a quarter of the
// characters that the 10k bench corpus hands NounTerms), and a blog
// archive holds the same notice many times.
//
// It is bounded: two generations of at most pieceMemoEntries pieces and
// pieceMemoBytes of their text each; when the current one is full it becomes the old one and the old one is
// dropped; a piece found in the old one moves to the current one. Its
// slices are never changed: NounTerms copies them into its result. Safe
// for concurrent use.
type pieceMemo struct {
	mu       sync.Mutex
	cur, old map[string][]string
	curBytes int // of the pieces of cur
}

// The bounds of a generation: 2 MiB holds ~15k pieces of a JSON Lines
// feed's one-sentence records, or the openings of thousands of notices.
const (
	pieceMemoEntries = 16384
	pieceMemoBytes   = 2 << 20
)

var pieces = &pieceMemo{cur: map[string][]string{}}

// get returns the terms of piece, if it is remembered.
func (m *pieceMemo) get(piece string) ([]string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if t, ok := m.cur[piece]; ok {
		return t, true
	}
	if t, ok := m.old[piece]; ok {
		delete(m.old, piece)
		m.put(piece, t)
		return t, true
	}
	return nil, false
}

// add remembers the terms of piece.
func (m *pieceMemo) add(piece string, terms []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.put(piece, terms)
}

// put is add with m.mu held.
func (m *pieceMemo) put(piece string, terms []string) {
	if len(m.cur) >= pieceMemoEntries || m.curBytes+len(piece) > pieceMemoBytes {
		m.old, m.cur, m.curBytes = m.cur, make(map[string][]string, len(m.cur)), 0
	}
	m.cur[piece] = terms
	m.curBytes += len(piece)
}

// ForgetPieces empties the memo of the pieces' terms, so that a benchmark
// that hands NounTerms the same texts op after op measures the tokenizing
// of a run, not the memo's hits.
func ForgetPieces() {
	pieces.mu.Lock()
	defer pieces.mu.Unlock()
	pieces.cur, pieces.old, pieces.curBytes = map[string][]string{}, nil, 0
}
