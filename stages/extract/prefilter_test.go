package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/wordscan"
)

// naiveHits is AppendHits by strings.Index: every occurrence of every
// word, by position and, at one position, by word.
func naiveHits(words []string, s string) []wordscan.Hit {
	var out []wordscan.Hit
	for at := 0; at < len(s); at++ {
		for id, w := range words {
			if strings.HasPrefix(s[at:], w) {
				out = append(out, wordscan.Hit{Word: id, At: at})
			}
		}
	}
	return out
}

var indexWords = []string{"不正", "不正アクセス", "アクセス", "正ア", "ああ", "あ", "ID", "D", "感染", "ウイルス感染", "�", "ランサム", "ランサムウェア"}

var indexTexts = []string{
	"", "あ", "ああああ", "不正アクセスによりウイルス感染", "IDとパスワード", "ランサムウェアのランサム",
	"\xe3\x81不正\xff\xe3あ", "不正\xef\xbf\xbdアクセス", "\x81\x82ア", "abcDID",
}

func checkIndex(t *testing.T, s string) {
	x := wordscan.New(indexWords)
	got := x.AppendHits(nil, s)
	if want := naiveHits(indexWords, s); !slices.Equal(got, want) {
		t.Fatalf("AppendHits(%q) = %v, want %v", s, got, want)
	}
	lists := [][]string{indexWords[:3], indexWords[3:6], indexWords[6:], {"ア", "感"}}
	var want uint64
	for i, l := range lists {
		if containsAny(s, l) {
			want |= 1 << i
		}
	}
	if got := newListSet(lists...).in(s); got != want {
		t.Fatalf("listSet.in(%q) = %b, want %b", s, got, want)
	}
}

func TestWordIndex(t *testing.T) {
	for _, s := range indexTexts {
		checkIndex(t, s)
	}
}

func FuzzWordIndex(f *testing.F) {
	for _, s := range append(indexTexts, fuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(checkIndex)
}

// checkHits fails when x's hits in s are not those of its words found by
// strings.HasPrefix at every byte.
func checkHits(t *testing.T, x *wordscan.Index, s string) {
	t.Helper()
	if got, want := x.AppendHits(nil, s), naiveHits(x.Words(), s); !slices.Equal(got, want) {
		t.Fatalf("hits in %q = %v, want %v", s, got, want)
	}
}
