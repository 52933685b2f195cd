package text

import (
	"slices"
	"testing"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
)

var indexWords = []string{"不正", "不正アクセス", "アクセス", "正ア", "ああ", "あ", "ID", "D", "感染", "ウイルス感染", "�", "ランサム", "ランサムウェア"}

var indexTexts = []string{
	"", "あ", "ああああ", "不正アクセスによりウイルス感染", "IDとパスワード", "ランサムウェアのランサム",
	"\xe3\x81不正\xff\xe3あ", "不正\xef\xbf\xbdアクセス", "\x81\x82ア", "abcDID",
}

func checkIndex(t *testing.T, s string) {
	x := wordscan.New(indexWords)
	got := x.AppendHits(nil, s)
	if want := extracttest.NaiveHits(indexWords, s); !slices.Equal(got, want) {
		t.Fatalf("AppendHits(%q) = %v, want %v", s, got, want)
	}
	lists := [][]string{indexWords[:3], indexWords[3:6], indexWords[6:], {"ア", "感"}}
	var want uint64
	for i, l := range lists {
		if ContainsAny(s, l) {
			want |= 1 << i
		}
	}
	if got := NewListSet(lists...).In(s); got != want {
		t.Fatalf("listSet.in(%q) = %b, want %b", s, got, want)
	}
}

func TestWordIndex(t *testing.T) {
	for _, s := range indexTexts {
		checkIndex(t, s)
	}
}

func FuzzWordIndex(f *testing.F) {
	for _, s := range append(indexTexts, extracttest.FuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(checkIndex)
}
