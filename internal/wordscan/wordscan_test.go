package wordscan

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// occurrences is the oracle: every byte offset where a word starts, by
// strings.HasPrefix, in the order Each reports them.
func occurrences(text string, words []string) []string {
	var out []string
	for at := range len(text) {
		for w, word := range words {
			if word != "" && strings.HasPrefix(text[at:], word) {
				out = append(out, fmt.Sprint(at, w))
			}
		}
	}
	return out
}

func each(x *Index, text string) []string {
	var out []string
	x.Each(text, func(at, w int) { out = append(out, fmt.Sprint(at, w)) })
	return out
}

func TestEach(t *testing.T) {
	words := []string{"個人情報", "情報", "漏えい", "当社", "当社の", "GitHub", "あああ", "ああ", "", "a", "é社", "—", "当", "社の個人"}
	x := New(words)
	for _, text := range []string{
		"当社の個人情報が漏えいしました。当社",
		"ああああ", "GitHub Gitlab a",
		"\xe5当社\xff個人情報\x80", "", "当",
		"\xe3当社", "\xe3\x81当社の", "\xef\xbf当社", "\xe5\xbd\x93\xe7\xa4", // runes cut short before a word
		"x1 Gé社ü—b\xc3", "\xc3\xa9社", "\x80\x80a", // bytes no word begins with, between words
		"当社当", "社の個人情報", "社の個", "漏え", "漏えう漏えい", "ああ\xe3\x81", "当の社", "—の—", "a当\xe3", // six bytes and fewer: pairs and short words
	} {
		got, want := each(x, text), occurrences(text, words)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("Each(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestPresent(t *testing.T) {
	words := []string{"個人情報", "漏えい", "ツール", "当社"}
	s := New(words).Present("当社の個人情報")
	for i, want := range []bool{true, false, false, true} {
		if s.Has(i) != want {
			t.Errorf("Present: word %q = %v, want %v", words[i], s.Has(i), want)
		}
	}
}

// FuzzEach: Each finds exactly what a search at every byte offset finds,
// for any text and any valid words. Words are the "|"-separated parts of
// the second input.
func FuzzEach(f *testing.F) {
	f.Add("当社の個人情報が漏えいしました", "個人情報|情報|当社|漏")
	f.Add("ああああ\xe3\x81", "ああ|あ|\xe3\x81\x82")
	f.Add("abcabc", "bc|c|abc")
	f.Fuzz(func(t *testing.T, text, list string) {
		var words []string
		for _, w := range strings.Split(list, "|") {
			if utf8.ValidString(w) {
				words = append(words, w)
			}
		}
		got, want := each(New(words), text), occurrences(text, words)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("Each(%q, %q) = %v, want %v", text, words, got, want)
		}
	})
}
