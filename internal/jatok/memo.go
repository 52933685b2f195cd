package jatok

import "github.com/breachtrend/breachtrend/internal/recent"

// pieces remembers the noun terms of recent pieces (sentences) that
// NounTerms tokenized. kagome gives the same tokens for the same text, and
// a piece is tokenized on its own, so its terms do not depend on the text
// around it: a piece that comes again, in this notice or another, takes
// its terms from here. Notices share many opening sentences (お知らせ
// titles, "このたび、当社が運営する…" openings: about a quarter of the
// characters that the 10k bench corpus hands NounTerms), and a blog
// archive holds the same notice many times.
//
// A generation holds 16k pieces or 2 MiB of them: ~15k one-sentence
// records of a JSON Lines feed, or the openings of thousands of notices.
// Its slices are never changed: NounTerms copies them into its result.
var pieces = recent.New[string, []string](16384, 2<<20, func(piece string) int { return len(piece) })

// ForgetPieces empties the memo of the pieces' terms, so that a benchmark
// that hands NounTerms the same texts op after op measures the tokenizing
// of a run, not the memo's hits.
func ForgetPieces() { pieces.Clear() }
