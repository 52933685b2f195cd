package timeline

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// checkLabelBefore fails when labelBefore differs from the regexp it
// stands for, on s and on each of its prefixes that ends before a rune.
func checkLabelBefore(t *testing.T, s string) {
	t.Helper()
	for i := range s {
		if got, want := labelBefore(s[:i]), publishedLabelRE.MatchString(s[:i]); got != want {
			t.Fatalf("labelBefore(%q) = %v, publishedLabelRE %v", s[:i], got, want)
		}
	}
	if got, want := labelBefore(s), publishedLabelRE.MatchString(s); got != want {
		t.Fatalf("labelBefore(%q) = %v, publishedLabelRE %v", s, got, want)
	}
}

// TestPublishedLabelsEndInWords: labelBefore trims labelTail's runes before
// it looks for a label, so none may end a label.
func TestPublishedLabelsEndInWords(t *testing.T) {
	for _, l := range publishedLabelWords {
		if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune(labelTail, r) {
			t.Errorf("label %q ends with %q, which labelBefore trims", l, r)
		}
	}
}

var labelSeeds = []string{
	"", "更新日", "【掲載日】", "公表日 : ", "発表)\t:\n", "発表>:", "発表:】", "発表】】", "日付 ] :", "報道資料\xe3", "プレスリリース 2024年",
	"掲載日時:令和6年", "(更新日)", "更新日:\xff", "な更新日 】 : ",
}

func TestLabelBefore(t *testing.T) {
	for _, s := range labelSeeds {
		checkLabelBefore(t, s)
	}
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		checkLabelBefore(t, s.Text)
	}
	pieces := append([]string{" ", "\t", "\n", "】", ">", "]", ")", ":", ":", "日", "更新", "あ", "\xe3", "2024年5月1日"}, publishedLabelWords...)
	for s := range extracttest.RandomStrings(21, 22, pieces, 8) {
		checkLabelBefore(t, s)
	}
}

// FuzzLabelBefore: labelBefore is publishedLabelRE.MatchString on any
// text.
func FuzzLabelBefore(f *testing.F) {
	for _, s := range labelSeeds {
		f.Add(s)
	}
	f.Fuzz(checkLabelBefore)
}
