package title

import (
	"testing"
	"unicode"
)

// letters counts the letters of s: the oracle of lettersUpTo, which stops
// counting at its max.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func checkLettersUpTo(t *testing.T, s string) {
	t.Helper()
	for max := range 6 {
		if got, want := lettersUpTo(s, max), min(letters(s), max); got != want {
			t.Fatalf("lettersUpTo(%q, %d) = %d, want %d", s, max, got, want)
		}
	}
}

func TestLettersUpTo(t *testing.T) {
	for _, s := range []string{"", "2024/06/21", "個人情報", "ab 12 cd", "■■■", "お知らせ\xff", "\xe3\x81"} {
		checkLettersUpTo(t, s)
	}
}

// FuzzLettersUpTo: lettersUpTo(s, max) is min(letters(s), max) for any s.
func FuzzLettersUpTo(f *testing.F) {
	f.Add("令和5年1月1日、当社において")
	f.Fuzz(checkLettersUpTo)
}
