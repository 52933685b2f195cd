package counts

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The invented sentences of the count's table test are in
// rules/cases/affected_count.tsv, run by TestCasesAffectedCount.

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]int64{"61,942": 61942, "25万": 250000, "3万5千": 35000, "3.5万": 35000,
		"三千": 3000, "一万二千五百": 12500, "二十": 20} {
		if got, ok := text.ParseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	if _, ok := text.ParseNumber(strings.Repeat("9", 30)); ok {
		t.Error("a huge number parsed")
	}
}

// lastWordOf is the word of words that occurs last in s, the longest of
// those that begin there, or "": the search lastNotPeopleWord replaced,
// its oracle.
func lastWordOf(s string, words []string) string {
	best, at := "", -1
	for _, w := range words {
		if i := strings.LastIndex(s, w); i > at || (i == at && i >= 0 && len(w) > len(best)) {
			best, at = w, i
		}
	}
	return best
}

func checkLastNotPeopleWord(t *testing.T, s string) {
	t.Helper()
	if got, want := lastNotPeopleWord(s), lastWordOf(s, notPeopleBefore); got != want {
		t.Fatalf("lastNotPeopleWord(%q) = %q, want %q", s, got, want)
	}
}

// TestLastNotPeopleWordAsSearch: on every sentence of the sample corpus,
// and on random strings of the words, which overlap and nest (メール,
// メールアドレス).
func TestLastNotPeopleWordAsSearch(t *testing.T) {
	if slices.Contains(notPeopleBefore, "") {
		t.Fatal("not_people_before has an empty word, which the index never finds")
	}
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		checkLastNotPeopleWord(t, s.Text)
	}
	pieces := append([]string{"、", "の", "3", "名", "\xe3"}, notPeopleBefore...)
	for s := range extracttest.RandomStrings(9, 10, pieces, 6) {
		checkLastNotPeopleWord(t, s)
	}
	// Words that nest and repeat, as a later list may: at one position the
	// longest wins, the first of the list among equals.
	nested := []string{"メール", "メールアドレス", "アドレス", "ル", "メール", "ルア"}
	x := wordscan.New(nested)
	for s := range extracttest.RandomStrings(11, 12, append([]string{"の", "ア"}, nested...), 6) {
		if got, want := lastIndexedWord(x, s), lastWordOf(s, nested); got != want {
			t.Fatalf("lastIndexedWord(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzLastNotPeopleWord(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(checkLastNotPeopleWord)
}

// TestKatakanaEnumerated covers the katakana that enumerate a breakdown's
// lines and the words that merely begin with one.
func TestKatakanaEnumerated(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"ア 受検者291名の氏名", true},
		{"イ令和6年度入学生321名の氏名", true}, // normalized: the space gone
		{"ウ、職員3名", true},
		{"アカウント123件", false},
		{"イベント参加者45名", false},
		{"ア", false},
		{"(1) 会員123名", false},
	}
	for _, tt := range tests {
		if got := katakanaEnumerated(tt.line); got != tt.want {
			t.Errorf("katakanaEnumerated(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestQualifiedInBrackets covers a count that closes a bracket with a
// short qualifier before it, and the ones that do not.
func TestQualifiedInBrackets(t *testing.T) {
	tests := []struct {
		s, count string
		want     bool
	}{
		{"名簿(3クラス116名分)", "116名分", true},
		{"名簿(116名分)", "116名分", true}, // no qualifier: the plain rule reads it too
		{"名簿(3クラス116名分、残り)", "116名分", false},
		{"名簿(長い説明の付いた括弧の中の116名分)", "116名分", false},
		{"(1)、会員116名分)", "116名分", false},
	}
	for _, tt := range tests {
		start := strings.Index(tt.s, tt.count)
		if got := qualifiedInBrackets(tt.s, start, start+len(tt.count)); got != tt.want {
			t.Errorf("qualifiedInBrackets(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
