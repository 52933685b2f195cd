package organization

import (
	"strings"
	"testing"
)

func checkCompactBody(t *testing.T, text, header string) {
	lines := strings.Split(text, "\n")
	want := strings.ReplaceAll(strings.Replace(strings.Join(lines, "\n"), header, "", 1), " ", "")
	if got := compactBody(lines, header); got != want {
		t.Fatalf("compactBody(%q, %q) = %q, want %q", text, header, got, want)
	}
}

func TestCompactBody(t *testing.T) {
	for _, c := range [][2]string{
		{"", "a"}, {"a b\nc d", "b"}, {"x\nab c\nab c", "ab c"}, {"a  b", " "}, {"ab\ncd", "b\nc"},
		{"架空株式会社 お知らせ\n架空株式会社 お知らせ\n本文", "架空株式会社 お知らせ"}, {"a b", "zz"},
	} {
		checkCompactBody(t, c[0], c[1])
	}
}

func FuzzCompactBody(f *testing.F) {
	f.Add("a b\nc d", "b")
	f.Add("ab\ncd", "b\nc")
	f.Fuzz(func(t *testing.T, text, header string) {
		if header != "" {
			checkCompactBody(t, text, header)
		}
	})
}
