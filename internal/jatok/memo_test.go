package jatok

import (
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
	ForgetPieces()
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
	if pieces.Len() == 0 {
		t.Error("no piece was remembered")
	}
}
