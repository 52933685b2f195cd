package counts

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// countRE is the pattern countMatches scans for: the oracle of its
// differential tests.
// It is built from the words of rules/count/ (the qualifiers and the
// units, longest first), as the scanner reads them.
var countRE = regexp.MustCompile(quotedGroup(countPrefixes) + `?\s*` +
	`((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万(?:\d{1,4}|\d,\d{3})?)?(?:千)?|[〇一二三四五六七八九十百千万]+)\s*` +
	quotedGroup(countUnits) + quotedGroup(countSuffixes) + `?`)

// quotedGroup is a capturing group of the words, in their order.
func quotedGroup(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return "(" + strings.Join(q, "|") + ")"
}

// countCueBefore is countCue as it was, decoding every rune.
func countCueBefore(s string) bool {
	numeral := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\f', '\r':
			continue
		}
		if numeral && countUnitStarts.has(r) {
			return true
		}
		numeral = r >= '0' && r <= '9' || text.IsKanjiNumeral(r)
	}
	return false
}

// labelCountBefore is labelCount as it was, running its regexp on every
// sentence.
func labelCountBefore(s string) (countMention, bool) {
	m := labelCountRE.FindStringSubmatchIndex(s)
	if m == nil {
		return countMention{}, false
	}
	v, ok := text.ParseNumber(s[m[4]:m[5]])
	if !ok || v <= 0 {
		return countMention{}, false
	}
	return countMention{Value: v, Approx: m[2] >= 0, Unit: "件", Start: m[4], End: m[5]}, true
}

func fmtLabelCount(c countMention, ok bool) string { return fmt.Sprintf("%+v %v", c, ok) }

func checkCountScan(t *testing.T, s string) {
	t.Helper()
	var got [][]int
	for m := range countMatches(s) {
		got = append(got, append([]int(nil), m[:]...))
	}
	if want := countRE.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Fatalf("countMatches(%q) = %v, want (regexp) %v", s, got, want)
	}
	for _, n := range []int{4, 5, 8, 20} {
		r := []rune(s)
		if text.FirstRunes(s, n) != string(r[:min(n, len(r))]) || text.LastRunes(s, n) != string(r[max(len(r)-n, 0):]) {
			t.Fatalf("firstRunes or lastRunes(%q, %d) differ from the rune conversion", s, n)
		}
	}
	if got, want := countCue(s), countCueBefore(s); got != want {
		t.Fatalf("countCue(%q) = %v, want %v", s, got, want)
	}
	if got, want := fmtLabelCount(labelCount(s)), fmtLabelCount(labelCountBefore(s)); got != want {
		t.Fatalf("labelCount(%q) = %s, want %s", s, got, want)
	}
}

var countSeeds = []string{
	"約25万人", "61,942件", "約5万件", "230万人分", "1,793名", "三千人", "一万二千五百件", "3.5万人", "3万5千件", "6,501アカウント",
	"20,912人分以上", "最大で8,000名分", "最大 8,000名", "少なくとも1,200件以上", "合計 9 名", "計3件", "延べ100人", "推定約1万人",
	"1,2345人", "1,234,56人", "12,345,678件", "万1,234人", "5万12345人", "5万1,234人", "5万 人", "5万千人", "5.人", "5.5.5人",
	"1234567890123人", " 12 人 ", "〇人", "十百千万人", "3世帯", "4ユーザー", "4ユーザ", "5先", "およそ 3 件程度", "3件超", "3件余り",
	"担当者2名が閲覧", "漏えい人数 25789", "流出件数:1,204", "・対象者数:約 12", "被害件数 1,2", "\xe3" + "3人", "3\xe3人",
}

func TestCountScan(t *testing.T) {
	for _, s := range append(countSeeds, extracttest.FuzzSeeds...) {
		checkCountScan(t, s)
	}
}

// TestCountScanCorpus checks the scanner on every sentence of the sample
// corpus.
func TestCountScanCorpus(t *testing.T) {
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		checkCountScan(t, s.Text)
	}
}

// TestCountScanRandom checks it on random strings of what the pattern
// reads, where the choices it leaves meet.
func TestCountScanRandom(t *testing.T) {
	pieces := []string{"0", "1", "12", "123", "1234", ",", ",123", ".", ".5", " ", "\t", "万", "千", "百", "十", "一", "〇", "人", "人分",
		"名", "件", "アカウント", "世帯", "ユーザー", "ユーザ", "先", "以上", "超", "程度", "ほど", "約", "およそ", "最大", "最大で", "で",
		"推定", "延べ", "計", "合計", "総数", "少なくとも", "あ", "、", "漏えい", "人数", ":", "\xe3", "\xff"}
	for s := range extracttest.RandomStrings(5, 6, pieces, 12) {
		checkCountScan(t, s)
	}
}

func FuzzCountScan(f *testing.F) {
	for _, s := range append(countSeeds, extracttest.FuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(checkCountScan)
}

// TestRunesSlices checks FirstRunes and LastRunes against the conversion
// of the whole string to runes.
func TestRunesSlices(t *testing.T) {
	for _, s := range append(append(countSeeds, extracttest.FuzzSeeds...), "", "あ", "\xe3\x81", "あ\xffい", "\xe3\x81あいう", "abc\xe3") {
		for n := 0; n < 12; n++ {
			r := []rune(s)
			if got, want := text.FirstRunes(s, n), string(r[:min(n, len(r))]); got != want {
				t.Errorf("firstRunes(%q, %d) = %q, want %q", s, n, got, want)
			}
			if got, want := text.LastRunes(s, n), string(r[max(len(r)-n, 0):]); got != want {
				t.Errorf("lastRunes(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}
