package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/jatok"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// termsJoined is Terms always tokenizing the title and the opening joined
// by a line break: the oracle of its shortcut for a one-line notice.
func termsJoined(title, txt string) []string {
	terms, err := jatok.NounTerms(title + "\n" + txt[:text.PrefixBytes(txt, text.TermBudget)])
	if err != nil {
		return nil
	}
	return terms
}

func checkTerms(t *testing.T, title, txt string) {
	t.Helper()
	if got, want := Terms(title, txt), termsJoined(title, txt); !slices.Equal(got, want) || (got == nil) != (want == nil) {
		t.Fatalf("Terms(%q, %q) = %q, want %q", title, txt, got, want)
	}
}

func TestTermsAsJoinedText(t *testing.T) {
	one := "令和5年1月1日、当社において不正アクセスが発生し、お客様10名の個人情報が漏えいした可能性があります。"
	checkTerms(t, one, one)
	checkTerms(t, "", one)
	checkTerms(t, one, "")
	checkTerms(t, "", "")
	checkTerms(t, "お知らせ ", " "+one)
	checkTerms(t, strings.Repeat("個人情報", 70), one)
	checkTerms(t, strings.Repeat("漏えい、", 70), strings.Repeat("不正アクセス", 40))
	for _, n := range noticesIn(t, sampleCorpus) {
		checkTerms(t, n.in.Title, n.in.Text)
	}
	for _, s := range extracttest.OracleTexts(t) {
		first, _, _ := strings.Cut(s, "\n")
		checkTerms(t, first, s)
		checkTerms(t, s, s)
	}
}

// FuzzTerms: Terms gives the terms of the title and the opening joined
// by a line break, for any title and text.
func FuzzTerms(f *testing.F) {
	f.Add("お知らせ", "令和5年1月1日、当社において不正アクセスが発生し")
	f.Add("当社において不正アクセス", "当社において不正アクセス")
	f.Add("個人情報\n漏えい", "\n\n、。")
	f.Fuzz(func(t *testing.T, title, txt string) {
		checkTerms(t, title, txt)
	})
}
