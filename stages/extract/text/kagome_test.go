package text

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/breachtrend/breachtrend/internal/jatok"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
)

// tokenMorphs is morphsOf read through kagome's Token API: the oracle of
// jatok.Tokenize's best path.
func tokenMorphs(t *tokenizer.Tokenizer, s string) []Morph {
	toks := t.Tokenize(s)
	out := make([]Morph, 0, len(toks))
	for _, tk := range toks {
		noun := jatok.POSAt(tk, 0) == "名詞"
		proper := noun && jatok.POSAt(tk, 1) == "固有名詞"
		m := Morph{Surface: tk.Surface, ProperPOS: proper, orgPOS: proper && jatok.POSAt(tk, 2) == "組織",
			Unknown: tk.Class == tokenizer.UNKNOWN, Noun: proper || noun && jatok.POSAt(tk, 1) == "一般"}
		if b, ok := jatok.BaseForm(tk); ok && b != "*" {
			m.Base = b
		} else {
			m.Base = tk.Surface
		}
		out = append(out, m)
	}
	return out
}

// TestMorphsFromMemo: Morphs gives kagome's tokens (as its Token API
// reads them) whether a text is tokenized or found in the memo, for every sentence of the seed texts
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
			want := tokenMorphs(t0, s[:PrefixBytes(s, MaxSentenceRunes)])
			if got := Morphs(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("pass %d: Morphs(%.30q…) = %v, want %v", pass, s, got, want)
			}
		}
	}
	if recentMorphs.Len() == 0 {
		t.Error("no text was remembered")
	}
}
