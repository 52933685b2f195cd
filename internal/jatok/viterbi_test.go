package jatok

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// sameAsKagome reports the first difference between Tokenize(s) and the
// shared kagome tokenizer's tokens of s: class, id, surface and where the
// surface sits in s. "" when they are the same.
func sameAsKagome(t testing.TB, tok *tokenizer.Tokenizer, s string) (diff string, tokens int, classes [4]int) {
	t.Helper()
	want := tok.Tokenize(s)
	got, err := Tokenize(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d tokens, kagome %d", len(got), len(want)), 0, classes
	}
	for i, w := range want {
		g := got[i]
		if g.Class != w.Class || g.ID != w.ID || g.Surface != w.Surface || offsetIn(s, g.Surface) != w.Position {
			return fmt.Sprintf("token %d: %+v at %d, kagome %q %v %d at %d", i, g, offsetIn(s, g.Surface), w.Surface, w.Class, w.ID, w.Position), 0, classes
		}
		classes[w.Class&3]++
	}
	return "", len(want), classes
}

// offsetIn is the byte offset of sub, a substring of s, in s.
func offsetIn(s, sub string) int {
	if sub == "" {
		return -1
	}
	return int(uintptr(unsafe.Pointer(unsafe.StringData(sub))) - uintptr(unsafe.Pointer(unsafe.StringData(s))))
}

// bestPathSeeds are texts that reach the lattice's edge cases: invalid
// UTF-8 (runes of one byte), NUL (the trie's terminator), runs of one
// category longer than kagome's longest unknown word, categories that
// always invoke unknown words, and empty or one-rune texts.
var bestPathSeeds = []string{
	"", "あ", "。", "a", "\x00", "個人情報\x00漏えい", "\xe3\x81", "漏\xffえい", "\xff\xfe",
	"ＡＢＣ　ｘｙｚ 123 ㈱ 🙂 ｶﾀｶﾅ \u00a0é\ufffd", "令和5年4月1日、当社のサーバーが不正アクセスを受けました。",
	string(make([]byte, 3)), strings.Repeat("ア", 1100), strings.Repeat("1", 1500), strings.Repeat("漢", 300),
	"ソウェル株式会社とＳＯＷＥＬＬ　Ｃｏ．，Ｌｔｄ．", "https://example.com/a?b=c#d",
}

// TestBestPathAsKagome: Tokenize, and so NounTerms and the extractors'
// tokens, reads the same tokens as kagome's tokenizer on every piece and
// whole text of the sample corpus and of ../shared/corpus/dev, and on the
// edge cases.
func TestBestPathAsKagome(t *testing.T) {
	tok, err := Tokenizer()
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, texts []string) {
		var tokens int
		var classes [4]int
		for _, text := range texts {
			for _, s := range append(Sentences(text), text) {
				diff, n, c := sameAsKagome(t, tok, s)
				if diff != "" {
					t.Fatalf("%.60q: %s differs from kagome's", s, diff)
				}
				tokens += n
				for i := range c {
					classes[i] += c[i]
				}
			}
		}
		if classes[tokenizer.KNOWN] == 0 || classes[tokenizer.UNKNOWN] == 0 {
			t.Errorf("token classes %v: the texts lack known or unknown words", classes)
		}
		t.Logf("%d texts, %d tokens the same", len(texts), tokens)
	}
	t.Run("seeds", func(t *testing.T) { check(t, bestPathSeeds) })
	t.Run("sample", func(t *testing.T) { check(t, sampleTexts(t)) })
	t.Run("dev", func(t *testing.T) {
		check(t, devTexts(t))
	})
}

// FuzzBestPath holds Tokenize to kagome's tokenizer on any text.
func FuzzBestPath(f *testing.F) {
	for _, s := range bestPathSeeds {
		f.Add(s)
	}
	tok, err := Tokenizer()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if diff, _, _ := sameAsKagome(t, tok, s); diff != "" {
			t.Fatalf("%q: %s differs from kagome's", s, diff)
		}
	})
}

// BenchmarkBestPath finds the best path of every piece of the sample
// corpus, with no memo: the lattice's own cost, most of the terms'.
func BenchmarkBestPath(b *testing.B) {
	var pieces []string
	for _, t := range sampleTexts(b) {
		pieces = append(pieces, Sentences(t)...)
	}
	if _, err := Tokenize("個人情報"); err != nil { // the dictionary, loaded before the clock starts
		b.Fatal(err)
	}
	for b.Loop() {
		for _, s := range pieces {
			if _, err := Tokenize(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
