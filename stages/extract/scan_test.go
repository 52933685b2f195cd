package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/stages/extract/cause"
	"github.com/breachtrend/breachtrend/stages/extract/datatypes"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The indexes of cause's and datatypes' own words, each alone: the
// oracle of the one scan of sentenceIndex.
var (
	causeOnly = wordscan.New(cause.ScanWords())
	typesOnly = wordscan.New(datatypes.ScanWords())
)

// checkScanSentences fails when the one scan of the sentences of txt
// parts into other hits than each index finds alone, or when cause and
// datatypes, given those hits, decide otherwise than scanning themselves.
func checkScanSentences(t *testing.T, title, txt string) {
	t.Helper()
	sents := text.SplitSentences(txt)
	got := scanSentences(nil, sents)
	for i, s := range sents {
		if want := causeOnly.AppendHits(nil, s.Text); !slices.Equal(got.cause[i], want) {
			t.Fatalf("cause's hits in %q = %v, want %v", s.Text, got.cause[i], want)
		}
		if want := typesOnly.AppendHits(nil, s.Text); !slices.Equal(got.types[i], want) {
			t.Fatalf("datatypes' hits in %q = %v, want %v", s.Text, got.types[i], want)
		}
	}
	gc, ge := cause.FindScanned(nil, title, sents, got.cause)
	if wc, we := cause.Find(nil, title, sents); gc != wc || ge != we {
		t.Fatalf("cause of %q from its hits = %q (%q), scanned %q (%q)", txt, gc, ge, wc, we)
	}
	gt, gev := datatypes.FindScanned(nil, sents, got.types)
	if wt, wev := datatypes.Find(nil, sents); !slices.Equal(gt, wt) || gev != wev {
		t.Fatalf("data types of %q from their hits = %v (%q), scanned %v (%q)", txt, gt, gev, wt, wev)
	}
	got.release() // the next text's scan reuses its memory, as the pipeline's do
}

// TestScanSentencesAsEachIndex: on every notice of the sample corpus and
// the oracle texts.
func TestScanSentencesAsEachIndex(t *testing.T) {
	for _, n := range noticesIn(t, sampleCorpus) {
		checkScanSentences(t, n.in.title(), n.in.Text)
	}
	for _, s := range extracttest.OracleTexts(t) {
		checkScanSentences(t, "", s)
		// A title that is a sentence of the text, whose words cause
		// reads from that sentence's hits.
		title, _, _ := strings.Cut(s, "\n")
		checkScanSentences(t, title, s)
		checkScanSentences(t, title, title)
	}
	// The words at the ends of each part, where an off-by-one would put
	// a hit in the other part, and some of the middle.
	cw, tw := cause.ScanWords(), datatypes.ScanWords()
	pieces := []string{"。", "、", "\n", "の"}
	for _, ws := range [][]string{cw, tw} {
		pieces = append(pieces, ws[:8]...)
		pieces = append(pieces, ws[len(ws)/2-4:len(ws)/2+4]...)
		pieces = append(pieces, ws[len(ws)-8:]...)
	}
	for s := range extracttest.RandomStrings(13, 14, pieces, 12) {
		checkScanSentences(t, "", s)
	}
}

// FuzzScanSentences: for any text and title, and with its last sentence
// for title.
func FuzzScanSentences(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add("不正アクセスのお知らせ", s)
	}
	f.Fuzz(func(t *testing.T, title, txt string) {
		checkScanSentences(t, title, txt)
		if sents := text.SplitSentences(txt); len(sents) > 0 {
			checkScanSentences(t, sents[len(sents)-1].Text, txt)
		}
	})
}
