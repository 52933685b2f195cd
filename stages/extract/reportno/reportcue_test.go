package reportno

import (
	"regexp"
	"slices"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// checkReportCues fails when a cue of report.go says a regexp cannot
// match s, but it does, or priorNoticeMatches yields other matches than
// the regexp.
func checkReportCues(t *testing.T, s string) {
	t.Helper()
	var got [][]int
	for p, end := range priorNoticeMatches(s) {
		got = append(got, []int{p, end})
	}
	if want := priorNoticeRE.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("priorNoticeMatches(%q) = %v, the regexp finds %v", s, got, want)
	}
	if !priorNoticeCue(s, text.MaskOf(s)) && priorNoticeRE.MatchString(s) {
		t.Fatalf("priorNoticeCue(%q) is false, but priorNoticeRE matches", s)
	}
	if !laterNoticeCue.In(s) && laterNoticeRE.MatchString(s) {
		t.Fatalf("no word of laterNoticeCue is in %q, but laterNoticeRE matches", s)
	}
	if !investigationDoneCue.In(s) && investigationDoneRE.MatchString(s) {
		t.Fatalf("no word of investigationDoneCue is in %q, but investigationDoneRE matches", s)
	}
	for _, c := range []struct {
		name string
		re   *regexp.Regexp
		cue  text.WordList
	}{{"nthReport", nthReportRE, nthReportCue}, {"followUp", followUpRE, followUpCue}, {"finalReport", finalReportRE, finalReportCue}} {
		if got, want := findCued(c.re, c.cue, s, text.MaskOf(s)), c.re.FindStringSubmatch(s); !slices.Equal(got, want) {
			t.Fatalf("%s on %q: %q with its cue, %q without", c.name, s, got, want)
		}
	}
	want := finalReportRE.FindString(s)
	if want == "" {
		want = nthReportRE.FindString(s)
	}
	if got := TitleLabel(s); got != want {
		t.Fatalf("TitleLabel(%q) = %q, the regexps alone give %q", s, got, want)
	}
}

func TestReportCuesCorpus(t *testing.T) {
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		checkReportCues(t, s.Text)
	}
}

func TestReportCuesRandom(t *testing.T) {
	pieces := []string{"既報", "先般", "の", "ご案内", "お知らせ", "ご報告", "公表", "発表", "報道発表", "お詫び", "を", "いたし", "し",
		"させていただき", "差し上げ", "申し上げ", "ました", "た", "てい", "てお", "ており", "既に", "すでに", "先日", "前回", "さる",
		"5", "12", " ", "\t", "月", "日", "。", "改めて", "深く", "おわび", "改めまして", "調査結果", "として", "報告いたし",
		"報告書", "その後", "報道", "について", "行政上の対応", "指導", "勧告", "再発防止策", "あ", "\xe3",
		"第", "報", "続報", "最終報", "最終報告", "確報", "二", "十", "3", "(", ")"}
	for s := range extracttest.RandomStrings(9, 10, pieces, 10) {
		checkReportCues(t, s)
	}
}
