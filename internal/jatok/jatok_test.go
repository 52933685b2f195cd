package jatok

import (
	"slices"
	"strings"
	"testing"
)

func TestNounTerms(t *testing.T) {
	got, err := NounTerms("当社サーバーがランサムウェアに感染し、約3,000件の個人情報が流出したおそれがあることが判明しました。")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"当社", "サーバー", "ランサムウェア", "感染", "個人", "情報", "流出", "判明"} {
		if !slices.Contains(got, w) {
			t.Errorf("terms %q lack %s", got, w)
		}
	}
	for _, w := range []string{"3", "000", "件", "こと", "約", "おそれ"} {
		if slices.Contains(got, w) {
			t.Errorf("terms %q hold %s", got, w)
		}
	}
}

func TestSentences(t *testing.T) {
	got := Sentences("一文目です。二文目!\n三行目")
	if len(got) != 3 {
		t.Errorf("Sentences = %q", got)
	}
	long := strings.Repeat("あ", 1000)
	for _, s := range Sentences(long) {
		if n := len([]rune(s)); n > MaxSentence {
			t.Errorf("piece of %d characters, max %d", n, MaxSentence)
		}
	}
	if got := strings.Join(Sentences(long), ""); got != long {
		t.Error("splitting a long text lost characters")
	}
}

func TestOneTokenizer(t *testing.T) {
	a, err1 := Tokenizer()
	b, err2 := Tokenizer()
	if err1 != nil || err2 != nil || a != b {
		t.Error("Tokenizer is not one shared value")
	}
}
