package jatok

import (
	"fmt"
	"slices"
	"testing"
)

// TestNounTermsFromMemo: texts whose pieces come from the memo (seen
// earlier, in another text) get the terms kagome gives them, and the
// memo's copies are not changed by what a caller does with a result.
func TestNounTermsFromMemo(t *testing.T) {
	tok, err := Tokenizer()
	if err != nil {
		t.Fatal(err)
	}
	texts := sampleTexts(t)
	for pass := range 2 {
		for i, text := range texts {
			got, err := NounTerms(text)
			if err != nil {
				t.Fatal(err)
			}
			if want := naiveNounTerms(tok, text); !slices.Equal(got, want) {
				t.Fatalf("pass %d, text %d: NounTerms = %q, want %q", pass, i, got, want)
			}
			for k := range got {
				got[k] = "edited"
			}
		}
	}
}

// TestPieceMemoIsBounded: distinct pieces keep at most two generations.
func TestPieceMemoIsBounded(t *testing.T) {
	m := &pieceMemo{cur: map[string][]string{}}
	for i := range 5 * pieceMemoEntries {
		piece := fmt.Sprintf("piece %d", i)
		m.add(piece, []string{piece})
		if n := len(m.cur) + len(m.old); n > 2*pieceMemoEntries {
			t.Fatalf("%d pieces kept after %d", n, i+1)
		}
	}
	last := fmt.Sprintf("piece %d", 5*pieceMemoEntries-1)
	if got, ok := m.get(last); !ok || !slices.Equal(got, []string{last}) {
		t.Errorf("the last piece: %q, %v", got, ok)
	}
	if _, ok := m.get("piece 0"); ok {
		t.Error("the first piece is still kept")
	}
}
