package extract

import (
	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/stages/extract/cause"
	"github.com/breachtrend/breachtrend/stages/extract/datatypes"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// sentenceIndex finds in one pass over a sentence the words of cause and
// those of datatypes (a hit's Word below len(causeWords) is cause's word
// of that index; above, datatypes' word Word-len(causeWords)): both read
// every sentence of every notice, and their two scans of it were an
// eighth of the extraction of a notice.
var sentenceIndex, causeWords = func() (*wordscan.Index, int) {
	cw := cause.ScanWords()
	return wordscan.New(append(append([]string(nil), cw...), datatypes.ScanWords()...)), len(cw)
}()

// scannedSentences are the hits of sentenceIndex in each sentence of a
// notice, parted: cause[i] and types[i] are the hits of cause's and of
// datatypes' words in sentence i, in their own word numbers and in the
// order wordscan's AppendHits gives them (what cause.FindScanned and
// datatypes.FindScanned read).
type scannedSentences struct {
	cause, types [][]wordscan.Hit
}

// scanSentences scans each sentence once for the words of cause and of
// datatypes.
func scanSentences(w *text.Watch, sents []text.Sentence) scannedSentences {
	var causeHits, typeHits []wordscan.Hit
	causeEnd := make([]int, len(sents)) // where sentence i's hits end in causeHits
	typeEnd := make([]int, len(sents))
	for i, s := range sents {
		w.Check()
		sentenceIndex.Each(s.Text, func(at, k int) {
			if k < causeWords {
				causeHits = append(causeHits, wordscan.Hit{Word: k, At: at})
			} else {
				typeHits = append(typeHits, wordscan.Hit{Word: k - causeWords, At: at})
			}
		})
		causeEnd[i], typeEnd[i] = len(causeHits), len(typeHits)
	}
	// Sliced once all are in: the appends above may move the arrays. Each
	// sentence's slice is capped at its end, so that no one's append runs
	// into the next one's hits.
	out := scannedSentences{cause: make([][]wordscan.Hit, len(sents)), types: make([][]wordscan.Hit, len(sents))}
	c, t := 0, 0
	for i := range sents {
		out.cause[i] = causeHits[c:causeEnd[i]:causeEnd[i]]
		out.types[i] = typeHits[t:typeEnd[i]:typeEnd[i]]
		c, t = causeEnd[i], typeEnd[i]
	}
	return out
}
