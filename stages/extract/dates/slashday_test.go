package dates

import (
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// checkSlashDayGate fails when slashDayRE matches s but slashDayMayOpen
// says it cannot.
func checkSlashDayGate(t *testing.T, s string) {
	t.Helper()
	if !slashDayMayOpen(s) && slashDayRE.MatchString(s) {
		t.Fatalf("slashDayMayOpen(%q) is false, but slashDayRE matches", s)
	}
}

var slashDaySeeds = []string{
	"8/19 医師が", "・8/19(月) 発覚", " \t• 12/1 連絡", "- * 1/2", "123/4", "1/3の", "2/5ページ", "12/", "1", "/1",
	"\f\r\n 8/19", "・・8/19", "•8/19", "\xe3\x83 8/19", "8 /19", "令和5年8/19", "",
}

// TestSlashDayGate: slashDayMayOpen lets through every text slashDayRE
// matches: the seeds, every sentence of the sample corpus, and random
// strings of the pattern's characters.
func TestSlashDayGate(t *testing.T) {
	for _, s := range slashDaySeeds {
		checkSlashDayGate(t, s)
	}
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		checkSlashDayGate(t, s.Text)
	}
	pieces := []string{"1", "12", "3", " ", "\t", "・", "•", "-", "*", "/", "(月)", "の", "x", "\xe3", "。"}
	for s := range extracttest.RandomStrings(1, 2, pieces, 8) {
		checkSlashDayGate(t, s)
	}
	for _, s := range []string{"8/19 医師が", "・8/19(月) 発覚", " \t• 12/1 連絡", "- * 1/2"} {
		if !slashDayRE.MatchString(s) {
			t.Fatalf("slashDayRE does not match %q: the seeds no longer try the gate", s)
		}
	}
}

func FuzzSlashDayGate(f *testing.F) {
	for _, s := range append(slashDaySeeds, extracttest.FuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(checkSlashDayGate)
}
