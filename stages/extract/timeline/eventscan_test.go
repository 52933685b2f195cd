package timeline

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// The regexps and code that eventscan.go and its callers replaced: the
// oracle of their differential tests.
var (
	clauseBoundaryRE   = regexp.MustCompile(text.OrderedAlternation(boundaryWords))
	commaRE            = regexp.MustCompile(`、|,`)
	embeddedRE         = regexp.MustCompile(`(?:こと|の)(?:が|を)` + text.OrderedAlternation(foundVerbs))
	timeContinuationRE = regexp.MustCompile(`(` + text.OrderedAlternation(sameDayTestWords()) + `|\d{1,3}分後|\d{1,2}時\d{0,2}分?|\d{1,2}:\d{2})`)
)

func sameDayTestWords() []string {
	var ws []string
	for _, w := range sameDayWords {
		ws = append(ws, w.word)
	}
	return ws
}

func matchesBefore(r kindRule, clause string) bool {
	for _, u := range r.unlessWords.Words {
		if strings.Contains(clause, u) {
			return false
		}
	}
	for _, g := range r.groups {
		if !text.ContainsAny(clause, g.Words) {
			return false
		}
	}
	return true
}

func classifyClauseBefore(clause string) string {
	clause = longQuoteRE.ReplaceAllString(clause, "「」")
	clause = maskedNouns.Replace(clause) // every masked noun of timeline/masked_nouns.tsv
	if !text.ContainsAny(clause, incomingNotIf) && incomingCue(clause) && incomingReportRE.MatchString(clause) {
		return schemas.EventDiscovered
	}
	for _, r := range kindRules {
		if matchesBefore(r, clause) {
			return r.kind
		}
	}
	return schemas.EventOther
}

// asideRE: a bracketed aside, whose commas end no clause.
var asideRE = regexp.MustCompile(`\([^)]*\)`)

// maskAsides is s with every bracketed aside (asideRE) but its brackets
// blanked out byte for byte, so that indexes into it are indexes into s.
func maskAsides(s string) string {
	return asideRE.ReplaceAllStringFunc(s, func(a string) string {
		return "(" + strings.Repeat("x", len(a)-2) + ")"
	})
}

// innermostBracketRE: a bracketed span with no bracket inside.
var innermostBracketRE = regexp.MustCompile(`\([^()]*\)`)

func classifyPiecesBefore(body string) string {
	body = longQuoteRE.ReplaceAllString(body, "「」")
	bare := body
	for {
		cut := innermostBracketRE.ReplaceAllString(bare, "")
		if cut == bare {
			break
		}
		bare = cut
	}
	if bare != body {
		if k := piecesBefore(bare); k != schemas.EventOther {
			return k
		}
	}
	return piecesBefore(body)
}

func piecesBefore(body string) string {
	prev := 0
	locs := commaRE.FindAllStringIndex(maskAsides(body), -1)
	locs = append(locs, []int{len(body), len(body)})
	kind := schemas.EventOther
	for _, loc := range locs {
		piece := body[prev:loc[0]]
		prev = loc[1]
		k := classifyClauseBefore(piece)
		if k == schemas.EventOther {
			// The main clause after the piece's last reported content
			// (…ていない旨の問い合わせがありました).
			if rc := reportedContentRE.FindAllStringIndex(piece, -1); rc != nil {
				k = classifyClauseBefore(piece[rc[len(rc)-1][1]:])
			}
		}
		switch k {
		case schemas.EventDiscovered:
			return schemas.EventDiscovered
		case schemas.EventOccurred:
			kind = schemas.EventOccurred
		}
	}
	return kind
}

// foundContentBytewise is foundContent trying every byte but ASCII, not
// only those that begin a word it looks for.
func foundContentBytewise(body string) (string, bool) {
	for i := 0; i < len(body); i++ {
		if body[i] >= utf8.RuneSelf && foundAt(body[i:]) {
			return body[:i], true
		}
	}
	return "", false
}

// sameDayOnlyLineBefore is sameDayOnlyLine without its one-scan guard.
func sameDayOnlyLineBefore(line string) bool {
	rest, found := line, false
	for _, w := range sameDayWords {
		if strings.Contains(rest, w.word) {
			rest, found = strings.ReplaceAll(rest, w.word, ""), true
		}
	}
	return found && dateOnlyRE.MatchString(stripMentions(rest, nil))
}

func timeLeadBefore(s string) int {
	if loc := timeRE.FindStringIndex(s); loc != nil && loc[0] == 0 {
		return loc[1]
	}
	return 0
}

// checkClauseScans fails when a cheap clause test of eventscan.go, or a
// classification built on them, differs from the regexp or code it
// replaced, on s and on what follows each date in it.
func checkClauseScans(t *testing.T, s string) {
	t.Helper()
	ms := dates.Find(s)
	clauses := []string{s}
	for _, m := range ms {
		clauses = append(clauses, s[m.End:])
	}
	for _, c := range clauses {
		if got, want := withoutLongQuotes(c), longQuoteRE.ReplaceAllString(c, "「」"); got != want {
			t.Fatalf("withoutLongQuotes(%q) = %q, want %q", c, got, want)
		}
		if got, want := trimWeekdayLead(c), weekdayLeadRE.ReplaceAllString(c, ""); got != want {
			t.Fatalf("trimWeekdayLead(%q) = %q, want %q", c, got, want)
		}
		if got, want := timeLead(c), timeLeadBefore(c); got != want {
			t.Fatalf("timeLead(%q) = %d, want %d", c, got, want)
		}
		want := -1
		if loc := clauseBoundaryRE.FindStringIndex(maskAsides(c)); loc != nil {
			want = loc[0]
		}
		if got := clauseBoundary(c); got != want {
			t.Fatalf("clauseBoundary(%q) = %d, want %d", c, got, want)
		}
		if got, want := incomingReport(c), incomingReportRE.MatchString(c); got != want {
			t.Fatalf("incomingReport(%q) = %v, want %v", c, got, want)
		}
		want = -1
		if loc := embeddedRE.FindStringIndex(c); loc != nil {
			want = loc[0]
		}
		if got := embeddedAt(c); got != want {
			t.Fatalf("embeddedAt(%q) = %d, want %d", c, got, want)
		}
		if !mayBeScope(c) && scopeRE.MatchString(c) {
			t.Fatalf("mayBeScope(%q) is false, but scopeRE matches", c)
		}
		if !mayStartPeriod(c) && periodStartRE.MatchString(c) {
			t.Fatalf("mayStartPeriod(%q) is false, but periodStartRE matches", c)
		}
		if !addressedCue(c) && addressedRE.MatchString(c) {
			t.Fatalf("addressedCue(%q) is false, but addressedRE matches", c)
		}
		if !incomingNouns.In(c) && incomingReportRE.MatchString(c) {
			t.Fatalf("incomingNouns are not in %q, but incomingReportRE matches", c)
		}
		gotFound, gotOK := foundContent(c)
		if wantFound, wantOK := foundContentBytewise(c); gotFound != wantFound || gotOK != wantOK {
			t.Fatalf("foundContent(%q) = %q, %v, want %q, %v", c, gotFound, gotOK, wantFound, wantOK)
		}
		if got, want := classifyClause(c), classifyClauseBefore(c); got != want {
			t.Fatalf("classifyClause(%q) = %s, want %s", c, got, want)
		}
		if got, want := classifyPieces(c), classifyPiecesBefore(c); got != want {
			t.Fatalf("classifyPieces(%q) = %s, want %s", c, got, want)
		}
	}
	if got, want := sameDayOnlyLine(s), sameDayOnlyLineBefore(s); got != want {
		t.Fatalf("sameDayOnlyLine(%q) = %v, want %v", s, got, want)
	}
	if got, want := timeContinues(s), timeContinuationRE.MatchString(s); got != want {
		t.Fatalf("timeContinues(%q) = %v, want %v", s, got, want)
	}
	if got, want := dateOnlyLine(s, ms), dateOnlyRE.MatchString(stripMentions(s, ms)); got != want {
		t.Fatalf("dateOnlyLine(%q) = %v, want %v", s, got, want)
	}
}

var clauseSeeds = []string{
	"2023年6月5日(月)、当社サーバーへの不正アクセスを検知しました。",
	" (水曜日)18時頃、", "(月・祝) 午後3時15分頃、お客様から連絡を受けました", "月曜日、 10:30 、", "火曜 深夜2時ごろ、",
	"7月3日 10時", "2023/6/5 (金)", "・2023年7月1日(土) 9:00~", "【2023年7月1日】", "令和5年7月3日 ~ ", "7月3日\xe3\x81",
	"「個人情報が漏れているのではないか」との電話があった", "「短い」旨の連絡", "ものの、ところ,ため旨との",
	"委託事業者より本機構に事案概要の報告", "利用者から…の連絡", "決済代行会社より弊社に対し、カード情報流出の疑念について第一報",
	"個人情報保護委員会へ報告", "情報提供書を送付", "お問い合わせ先:窓口", "原因は設定の誤り", "に起因する",
}

func TestClauseScans(t *testing.T) {
	for _, s := range append(clauseSeeds, extracttest.FuzzSeeds...) {
		checkClauseScans(t, normalize.Text(s))
		checkClauseScans(t, s)
	}
}

// TestClauseScansCorpus checks the clause tests on every sentence of the
// sample corpus.
func TestClauseScansCorpus(t *testing.T) {
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		checkClauseScans(t, s.Text)
	}
}

// TestClauseScansRandom checks them on random strings of the words and
// characters they look for.
func TestClauseScansRandom(t *testing.T) {
	pieces := []string{"7月3日", "2023年", "(", ")", "月", "水", "曜", "日", " ", "、", ",", "。", "「", "」", "旨", "との", "もの", "ところ",
		"ため", "から", "より", "報告", "連絡", "一報", "を受け", "に対し", "弊社", "原因", "起因", "が", "午後", "未明", "3", "12", "時",
		":", "30", "分", "頃", "判明", "不正アクセス", "確認", "ていない", "警察", "に相談", "公表", "・", "【", "】", "~", "-", "あ", "\xe3",
		"同日", "当日", "その後", "直後", "翌日", "数分後", "分後", "123", "1234", "45",
		"こと", "の", "を", "発覚", "事実", "問い合わせ先", "情報提供書", "保護委員会", "旨の", "検知", "確認され", "\xe4", "\x8b", "わか", "まで", "までに", "以前", "以降", "午前", "第一報", "へ", "に", "本市", "情報提供"}
	for s := range extracttest.RandomStrings(3, 4, pieces, 14) {
		checkClauseScans(t, s)
	}
}

func FuzzClauseScans(f *testing.F) {
	for _, s := range append(clauseSeeds, extracttest.FuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(checkClauseScans)
}

// TestDateOnlyLineMarks: weekdays (dates/weekdays.tsv), time marks
// (dates/time_marks.tsv) and range separators leave a line of dates alone.
func TestDateOnlyLineMarks(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"2024年5月20日(月)10時時点", true},
		{"2024年5月20日(月曜日)午前10時ごろ", true},
		{"2024年5月20日 火曜日 18:30頃", true},
		{"2024年5月20日(月)10時現在", false},
		{"2024年5月20日 職員が気付く", false},
		// A range's separator (dates/range_separators.tsv) joins its dates.
		{"平成29年5月19日(金曜)午前0時から5月23日(火曜)午後0時50分", true},
		{"2024年5月20日より5月22日", true},
		{"2024年5月20日から職員が5月22日", false},
	} {
		if got := dateOnlyLine(c.line, dates.Find(c.line)); got != c.want {
			t.Errorf("dateOnlyLine(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}

// TestSameDayOnlyLine: a line of a same-day word (timeline/same_day.tsv)
// and a time alone, whose event the lines under it tell.
func TestSameDayOnlyLine(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"同日15時45分", true},
		{"・翌日 午前9時頃", true},
		{"同日(火)18:50", true},
		{"15時45分", false},
		{"同日15時45分、受信者からの連絡により判明", false},
		{"同日", true},
	} {
		if got := sameDayOnlyLine(c.line); got != c.want {
			t.Errorf("sameDayOnlyLine(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}

// TestOpensWithDayWord: 同日 and 翌日 (reach opening in
// timeline/same_day.tsv) open a sentence after a bullet; その後 is near only.
func TestOpensWithDayWord(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"同日、午後6時17分にお詫びのメールを送信。", true},
		{"・翌日 10時、警察に相談。", true},
		{"その後、調査を開始。", false},
		{"職員は同日、謝罪した。", false},
	} {
		if got := opensWithDayWord(c.s); got != c.want {
			t.Errorf("opensWithDayWord(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
