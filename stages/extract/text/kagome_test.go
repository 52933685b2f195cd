package text

import (
	"reflect"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
)

// TestMorphsFromMemo: Morphs gives kagome's tokens whether a text is
// tokenized or found in the memo, for every sentence of the seed texts
// and for a sentence longer than MaxSentenceRunes (cut before both).
func TestMorphsFromMemo(t *testing.T) {
	t0 := KagomeTokenizer()
	if t0 == nil {
		t.Fatal("no tokenizer")
	}
	var sents []string
	for _, text := range extracttest.SeedTexts(t) {
		for _, s := range SplitSentences(text) {
			sents = append(sents, s.Text)
		}
	}
	sents = append(sents, strings.Repeat("東京都港区芝浦産業技術総合研究開発機構", 100))
	ForgetMorphs()
	for pass := range 2 {
		for _, s := range sents {
			want := morphsOf(t0, s[:PrefixBytes(s, MaxSentenceRunes)])
			if got := Morphs(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("pass %d: Morphs(%.30q…) = %v, want %v", pass, s, got, want)
			}
		}
	}
	if recentMorphs.Len() == 0 {
		t.Error("no text was remembered")
	}
}
