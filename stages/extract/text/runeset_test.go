package text

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkRuneSet compares a RuneSet of chars with the strings functions it
// stands for, on s.
func checkRuneSet(t *testing.T, s, chars string) {
	t.Helper()
	rs := NewRuneSet(chars)
	if got, want := rs.Index(s), strings.IndexAny(s, chars); got != want {
		t.Errorf("Index(%q) of %q = %d, strings.IndexAny %d", s, chars, got, want)
	}
	if got, want := rs.LastIndex(s), strings.LastIndexAny(s, chars); got != want {
		t.Errorf("LastIndex(%q) of %q = %d, strings.LastIndexAny %d", s, chars, got, want)
	}
	if got, want := rs.In(s), strings.ContainsAny(s, chars); got != want {
		t.Errorf("In(%q) of %q = %v, strings.ContainsAny %v", s, chars, got, want)
	}
	for _, r := range append([]rune(s), -1, 0xD800, unicode.MaxRune+1) {
		if got, want := rs.Has(r), strings.ContainsRune(chars, r); got != want {
			t.Errorf("Has(%U) of %q = %v, strings.ContainsRune %v", r, chars, got, want)
		}
	}
}

func TestRuneSetAsStrings(t *testing.T) {
	for _, chars := range []string{"、,", "、。\n", "「(", "0123456789", "", "a", "。", "\uFFFD", "、\uFFFD", "😀x"} {
		for _, s := range []string{
			"", "、", "a", "令和5年1月1日、当社において不正アクセスが発生し、お客様10名の", "abc,def、ghi。",
			"「青葉市」(2024)", "\xff", "当\xe3\x80社、\x80", "\uFFFD当社", "😀当社x", "0123456789abcdef",
		} {
			checkRuneSet(t, s, chars)
		}
	}
}

// FuzzRuneSet: a RuneSet finds what strings.IndexAny, LastIndexAny and
// ContainsAny find, for any text and any valid set of runes.
func FuzzRuneSet(f *testing.F) {
	f.Add("令和5年1月1日、当社において", "、,")
	f.Add("\xe3\x80当社\xff。", "。\uFFFD")
	f.Add("abc(def", "「(")
	f.Fuzz(func(t *testing.T, s, chars string) {
		if !utf8.ValidString(chars) {
			return
		}
		checkRuneSet(t, s, chars)
	})
}

// TestIsKanjiNumeralEveryRune: IsKanjiNumeral's quick range test keeps
// every numeral it names.
func TestIsKanjiNumeralEveryRune(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if got, want := IsKanjiNumeral(r), strings.ContainsRune("〇一二三四五六七八九十百千万", r); got != want {
			t.Fatalf("IsKanjiNumeral(%U) = %v, want %v", r, got, want)
		}
	}
}

// FuzzHasPrefixAny: HasPrefixAny is strings.HasPrefix for each word. The
// words are the "|"-separated parts of the second input.
func FuzzHasPrefixAny(f *testing.F) {
	f.Add("不正アクセス", "不正|アクセス")
	f.Add("・項目", "・|-|")
	f.Add("ab", "abc|b")
	f.Fuzz(func(t *testing.T, s, list string) {
		ps := strings.Split(list, "|")
		want := false
		for _, p := range ps {
			want = want || strings.HasPrefix(s, p)
		}
		if got := HasPrefixAny(s, ps); got != want {
			t.Fatalf("HasPrefixAny(%q, %q) = %v, want %v", s, ps, got, want)
		}
	})
}
