package extract

import (
	"slices"
	"sync"

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
// datatypes.FindScanned read). Its memory comes from scanPool and goes
// back there (release) once the cause is read: a notice's hits, made and
// dropped for every notice, added a quarter to what extraction allocated.
type scannedSentences struct {
	cause, types        [][]wordscan.Hit
	causeHits, typeHits []wordscan.Hit   // the arrays of cause and types
	parts               [][]wordscan.Hit // the array of cause and types
}

var scanPool = sync.Pool{New: func() any { return new(scannedSentences) }}

// release gives sc back to scanPool: nothing may read its hits after.
func (sc *scannedSentences) release() { scanPool.Put(sc) }

// scanSentences scans each sentence once for the words of cause and of
// datatypes.
func scanSentences(w *text.Watch, sents []text.Sentence) *scannedSentences {
	sc := scanPool.Get().(*scannedSentences)
	causeHits, typeHits := sc.causeHits[:0], sc.typeHits[:0]
	sc.parts = slices.Grow(sc.parts[:0], 2*len(sents))[:2*len(sents)]
	sc.cause, sc.types = sc.parts[:len(sents):len(sents)], sc.parts[len(sents):]
	for i, s := range sents {
		w.Check()
		sentenceIndex.Each(s.Text, func(at, k int) {
			if k < causeWords {
				causeHits = append(causeHits, wordscan.Hit{Word: k, At: at})
			} else {
				typeHits = append(typeHits, wordscan.Hit{Word: k - causeWords, At: at})
			}
		})
		// Only the lengths for now, where each sentence's hits end: the
		// appends may move the arrays.
		sc.cause[i], sc.types[i] = causeHits, typeHits
	}
	// Each sentence's slice is capped at its end, so that no one's append
	// runs into the next one's hits.
	c, t := 0, 0
	for i := range sents {
		ce, te := len(sc.cause[i]), len(sc.types[i])
		sc.cause[i], sc.types[i] = causeHits[c:ce:ce], typeHits[t:te:te]
		c, t = ce, te
	}
	sc.causeHits, sc.typeHits = causeHits, typeHits
	return sc
}

// noticeText is a notice's sentences and lines, as text.AppendSentences
// gives them in one pass over its text: Prepare and Finish read them and
// nothing keeps them once Finish is done, so their memory comes from
// textPool and goes back there (release). Made for each notice (and the
// lines by a second pass, strings.Split), they were ~32 MB of a 10k run's
// ~900 MB of allocations.
type noticeText struct {
	sents []text.Sentence
	lines []string
}

var textPool = sync.Pool{New: func() any { return new(noticeText) }}

// splitNotice returns the sentences and lines of s, in memory from
// textPool.
func splitNotice(s string) *noticeText {
	nt := textPool.Get().(*noticeText)
	nt.lines = nt.lines[:0]
	nt.sents = text.AppendSentences(nt.sents[:0], &nt.lines, s)
	return nt
}

// release gives nt back to textPool, cleared, so that the pool keeps no
// notice's text alive (what lies past the lengths was cleared by the
// releases before): nothing may read its slices after.
func (nt *noticeText) release() {
	clear(nt.sents)
	clear(nt.lines)
	textPool.Put(nt)
}
