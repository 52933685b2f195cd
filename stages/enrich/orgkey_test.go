package enrich

import (
	"strings"
	"testing"
)

// withoutLegalWordsInTurn is withoutLegalWords removing every legal word
// in turn, held or not: its oracle.
func withoutLegalWordsInTurn(k string) string {
	for _, w := range legalWords {
		k = strings.ReplaceAll(k, w, "")
	}
	return k
}

func checkWithoutLegalWords(t *testing.T, k string) {
	t.Helper()
	if got, want := withoutLegalWords(k), withoutLegalWordsInTurn(k); got != want {
		t.Fatalf("withoutLegalWords(%q) = %q, removing every word in turn gives %q", k, got, want)
	}
}

func TestWithoutLegalWords(t *testing.T) {
	for _, k := range []string{"", "架空市", "株式会社架空", "架空株式会社", "医療法人社団青葉会", "(株)架空(有)",
		"株式(株)会社", "医療法人(株)社団", "一般社団法人株式会社", "株式会社株式会社", "株式会\xff社", "特定非営利活動法人NPO法人"} {
		checkWithoutLegalWords(t, k)
	}
	for _, n := range sampleNotices(t) {
		for _, line := range strings.Split(n, "\n") {
			checkWithoutLegalWords(t, line)
		}
	}
}

// FuzzWithoutLegalWords: withoutLegalWords is every legal word removed in
// turn, for any key.
func FuzzWithoutLegalWords(f *testing.F) {
	f.Add("株式(株)会社")
	f.Add("医療法人(株)社団財団")
	f.Add("一般社団法人架空株式会社")
	f.Fuzz(checkWithoutLegalWords)
}
