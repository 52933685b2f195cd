package dates

import (
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

func TestScanDateCuesAsDecoding(t *testing.T) {
	texts := []string{"", "令和5年1月1日、当社において", "同月\xe3\x81", "\xe3\x81\x82月", "5\xe3\x80月", "翌月、同年。", "一二三四五六七八九十月年翌同", "5月五月\xe6\x9c5\xed\xa0\x80月\xe0\x80\x80月"}
	texts = append(texts, extracttest.OracleTexts(t)...)
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		texts = append(texts, s.Text)
	}
	for _, s := range texts {
		if got, want := scanDateCues(s), scanCues(s, false); got != want {
			t.Fatalf("scanDateCues(%q) = %+v, want %+v", s, got, want)
		}
	}
}

// FuzzScanDateCues: the shortcut over the runes that are no cue leaves every cue as decoding
// every rune finds it, for any text.
func FuzzScanDateCues(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := scanDateCues(s), scanCues(s, false); got != want {
			t.Fatalf("scanDateCues(%q) = %+v, want %+v", s, got, want)
		}
	})
}
