package counts

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// scanCountsSimple is scanCounts as it was before its filters read the
// words after a count through one window and its mask, and before the
// scanner's gates: the count regexp (countRE) and a search of the text for
// every filter's words. The oracle of TestScanCountsAsSimple and
// FuzzScanCounts.
func scanCountsSimple(s string, sentItems bool) []countMention {
	var out []countMention
	if c, ok := labelCount(s); ok {
		return []countMention{c}
	}
	if !countCue(s) {
		return nil
	}
	for _, m := range countRE.FindAllStringSubmatchIndex(s, -1) {
		c, ok := countBefore(s, m, sentItems)
		if !ok {
			continue
		}
		kind, before, after := c.kind, c.before, c.after
		if isPersonKind(kind) && (text.ContainsAny(before, countFilters["discipline"]) ||
			text.ContainsAny(clauseRunes(after, countWindows.actingAfter), countFilters["discipline"])) {
			continue // "上司2名を厳重注意処分", "訓告1名": staff disciplined
		}
		if isPersonKind(kind) && reporters(after) {
			continue // "三名のお客様より…とのご連絡": who reported it
		}
		if (kind == unitRecord || kind == unitRecordShare) && text.HasPrefixAny(strings.TrimPrefix(after, "の"), countFilters["report_words"]) {
			continue // "窓口へ3件連絡があり": reports, not records
		}
		if isPersonKind(kind) && addressees(s, after) {
			continue // "保護者(40名)宛に送信": who received it, not whose data it held
		}
		if rest := strings.TrimPrefix(after, "の"); rest != after && kind == unitPerson &&
			text.ContainsAny(text.LastRunes(s[:m[0]], countWindows.actorsBefore), actorsBefore) &&
			text.HasPrefixAny(rest, countFilters["actor_things"]) && !text.HasPrefixAny(rest, countFilters["address"]) {
			continue // "職員1名のメールアカウント": the staff's account was the way in
		}
		if rest := strings.TrimPrefix(after, "の"); rest != after && (kind == unitRecord || kind == unitRecordShare) &&
			!text.HasPrefixAny(rest, countFilters["address"]) && text.HasPrefixAny(rest, notPeopleAfter) {
			continue // "20,912人分のデータ" are people, "3件のデータ" files; "49件のメールアドレス" addresses
		}
		if rest := strings.TrimPrefix(after, "の"); rest != after && (kind == unitRecord || kind == unitRecordShare) && headNounNotPeople(rest) {
			continue // "1,514件の市への「お問い合わせ」があり": inquiries
		}
		if text.ContainsAny(text.FirstRunes(after, countWindows.actingAfter), actingAfter) {
			continue // "2名以上のユーザーが同時にログインした際"
		}
		if kind == unitUser && !text.ContainsAny(s, strongLeakWords) {
			continue // "約3,400ユーザーにサービスを提供できない": an outage
		}
		if kind == unitPerson && text.ContainsAny(text.LastRunes(s[:m[0]], countWindows.actorsBefore), actorsBefore) &&
			text.HasPrefixAny(strings.TrimLeft(after, " "), countFilters["actor_particles"]) {
			continue // "担当者2名が閲覧"; but "学生、教職員等約30,000名" are whose data
		}
		if text.HasPrefixAny(s[m[1]:], countFilters["ordinal_after"]) || text.HasPrefixAny(s[m[1]:], countFilters["ratio_after"]) && kind == unitRecord {
			continue // 3件目, "15件中" is a ratio
		}
		out = append(out, c.mention(s, m))
	}
	return dropPopulations(s, out)
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
