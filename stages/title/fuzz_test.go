package title_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/title"
)

// FuzzOf: any text gives a title of one line that is no chrome, or "",
// the same when its first line comes normalized (OfFirstNormalized), and
// StripSiteName never grows a title.
func FuzzOf(f *testing.F) {
	for _, s := range []string{
		"本文\n文書の所在不明について\n1 概要",
		"トップページ > 報道発表 > 個人情報の漏えいについて\n掲載日:2025年4月11日\nここから本文です。",
		"個人情報の漏えいについて | 青葉市",
		"2019.05.29\n\n本学メールサーバへの不正アクセスについて",
		"|||\n - \n>>\n1\n(1)\n令和元年",
		"\xff\xfe本文\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(s, "\n")
		got := title.Of(lines)
		if given := title.OfFirstNormalized(lines, normalize.Text(lines[0])); given != got {
			t.Fatalf("OfFirstNormalized(%q) = %q, Of %q", s, given, got)
		}
		if strings.Contains(got, "\n") {
			t.Fatalf("Of(%q) = %q: more than one line", s, got)
		}
		if got != "" && title.IsChrome(got) {
			t.Fatalf("Of(%q) = %q: chrome", s, got)
		}
		if utf8.ValidString(s) {
			if st := title.StripSiteName(s); len(st) > len(strings.TrimSpace(s)) {
				t.Fatalf("StripSiteName(%q) = %q: longer", s, st)
			}
		}
	})
}
