package counts

import (
	"slices"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// scanCountsSimple is scanCounts as it was before its filters read the
// words after a count through one window and its mask, and before the
// scanner's gates: the count regexp (countRE), and the filters (dropped)
// searching the words. The oracle of TestScanCountsAsSimple and
// FuzzScanCounts.
func scanCountsSimple(s string, sentItems bool) []countMention {
	var out []countMention
	if c, ok := labelCount(s); ok {
		return []countMention{c}
	}
	if !countCue(s) {
		return nil
	}
	lastStart := -1
	for _, m := range countRE.FindAllStringSubmatchIndex(s, -1) {
		c, ok := countBefore(s, m, sentItems)
		if !ok {
			continue
		}
		lastStart = m[0]
		if dropped(s, m, c, true) {
			continue
		}
		out = append(out, c.mention(s, m))
	}
	return dropPopulations(s, out, lastStart)
}

// scanCountCases hold counts that each filter drops and keeps.
var scanCountCases = []string{
	"令和5年1月1日、当社において不正アクセスが発生し、お客様10名の個人情報が漏えいした可能性があります。",
	"上司2名を厳重注意処分とした。", "訓告1名、戒告2名の処分を行った。", "三名のお客様より、メールが届いたとのご連絡がありました。",
	"2名以上のユーザーが同時にログインした際に、他のお客様の情報が表示された。", "担当者2名が閲覧した。", "職員1名のメールアカウントに不正ログインがあった。",
	"約25万人分の個人情報、最大で3万5千件が流出した可能性", "合計: 9名", "保護者(40名)宛に送信した", "20,912人分以上のデータ",
	"計12件の書類", "\xff1名\xff、処分", "1名の職員が処分、2名", "",
}

// TestScanCountsAsSimple: scanCounts finds what scanCountsSimple finds in
// the cases and every sentence of the oracle texts.
func TestScanCountsAsSimple(t *testing.T) {
	ss := slices.Clone(scanCountCases)
	for _, txt := range extracttest.OracleTexts(t) {
		for _, s := range text.SplitSentences(txt) {
			ss = append(ss, s.Text)
		}
	}
	for _, s := range ss {
		checkScanCounts(t, s)
	}
}

func FuzzScanCounts(f *testing.F) {
	for _, s := range append(slices.Clone(scanCountCases), extracttest.FuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(checkScanCounts)
}

func checkScanCounts(t *testing.T, s string) {
	for _, sentItems := range []bool{false, true} {
		got, gotPanic := scanOrPanic(scanCounts, s, sentItems)
		want, wantPanic := scanOrPanic(scanCountsSimple, s, sentItems)
		if !slices.Equal(got, want) || gotPanic != wantPanic {
			t.Fatalf("scanCounts(%q, %v) = %+v (panic %v), want %+v (panic %v)", s, sentItems, got, gotPanic, want, wantPanic)
		}
	}
}

// scanOrPanic is scan(s, sentItems), and whether it panicked: reporters
// slices after by offsets into clauseRunes, which are another string's
// when after is not valid UTF-8 (text.FirstRunes converts it), so both
// versions panic on such text; the normalizer leaves none in a notice.
func scanOrPanic(scan func(string, bool) []countMention, s string, sentItems bool) (out []countMention, panicked bool) {
	defer func() {
		if recover() != nil {
			out, panicked = nil, true
		}
	}()
	return scan(s, sentItems), false
}
