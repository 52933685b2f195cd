package counts

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// FuzzCounts checks that the count cue skips no text countRE matches, that
// every count found is positive, that lettered persons are at most the 26
// letters and have evidence, and that reading counts never panics.
func FuzzCounts(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Add("誤って受検者A様、B様及びC様の健診結果を逆に封入し、D氏の氏名が記載された(E様)の通知書をF氏の住所に送付した。")
	f.Fuzz(func(t *testing.T, s string) {
		if !countCue(s) && countRE.MatchString(s) {
			t.Fatalf("countCue(%q) is false, but countRE matches", s)
		}
		for _, sentItems := range []bool{false, true} {
			for _, c := range scanCounts(s, sentItems) {
				if c.Value <= 0 || c.Start < 0 || c.End > len(s) || c.Start >= c.End {
					t.Fatalf("count %d at %d:%d from %q (sent items %v)", c.Value, c.Start, c.End, s, sentItems)
				}
			}
		}
		sents := text.SplitSentences(s)
		if n, ev := letteredPersons(sents); n < 0 || n > 26 || (n > 0) != (ev != "") {
			t.Fatalf("letteredPersons(%q) = %d, %q", s, n, ev)
		}
		Affected(nil, sents)
		text.ParseNumber(s)
	})
}

// TestCountCueSkipsNone checks on every sentence of the sample corpus that
// the cue check of findCounts skips no sentence countRE would match.
func TestCountCueSkipsNone(t *testing.T) {
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		if !countCue(s.Text) && countRE.MatchString(s.Text) {
			t.Errorf("countCue(%q) is false, but countRE matches", s.Text)
		}
	}
}

// TestLetteredChainIsLinear: a chain of lettered persons is read once,
// person by person. The first version looked ahead by reading the rest of
// the chain again at each joiner: 「A様とA様と…」 of 100k persons cost the
// square of that.
func TestLetteredChainIsLinear(t *testing.T) {
	s := "誤って" + strings.Repeat("A様と", 100_000) + "B様の氏名が記載された。"
	if n, _ := letteredPersons(text.SplitSentences(s)); n != 2 {
		t.Errorf("letteredPersons = %d, want 2 (A and B)", n)
	}
}
