package title

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// dateLineByRegexp is isDateLine without its shortcut: the oracle.
func dateLineByRegexp(l string) bool {
	rest := dateRE.ReplaceAllString(l, " ")
	dated := rest != l
	rest = strings.Trim(rest, marks+"/~,")
	if rest == "" || letters(rest) == 0 {
		return dated
	}
	for _, label := range chrome.dateLabels {
		if rest == label || (dated && strings.HasSuffix(rest, label)) {
			return true
		}
	}
	return false
}

// chromeByContains is IsChrome as it was before chromeWords, with
// strings.Contains for each word and the regexp for datelines: the oracle.
func chromeByContains(l string) bool {
	l = strings.TrimSpace(l)
	if letters(l) == 0 || isBreadcrumb(l) || dateLineByRegexp(l) {
		return true
	}
	if chromeByLine(l) {
		return true
	}
	for _, c := range chrome.contains {
		if strings.Contains(l, c) {
			return true
		}
	}
	return false
}

// dateLineSamples are lines at the edges of the shortcut: datelines whose
// rest is a label, dates among letters no date holds, weekdays, months.
var dateLineSamples = []string{
	"更新日:2024年6月21日", "2024年6月21日 更新", "令和元年5月1日(水曜日)", "令和6年12月5日(木)掲載",
	"最終更新日:", "公開日 2025/04/08", "2019.05.29", "10Feb 2024", "Feb 10, 2024 発表",
	"2024年6月21日 お知らせ", "令和5年3月1日、当社において不正アクセスが発生しました。", "日付",
	"平成 27 年(2015 年)4 月 8 日", "10:30 更新日", "月火水木金土日", "(月)", "年度", "投稿日 2024年度",
	"掲載日:2024年6月21日 個人情報の漏えいについて", "個人情報の漏えいについて 掲載日", "2024年度 公表日",
}

// TestDateLineShortcut: isDateLine gives what the regexp alone gives, and
// IsChrome what strings.Contains for each word gives, on
// every line of the sample corpus (and of BREACHTREND_BENCH_CORPUS's .txt
// files, if set), normalized as title.Of reads them, and on crafted lines.
func TestDateLineShortcut(t *testing.T) {
	lines := append([]string(nil), dateLineSamples...)
	texts := testcorpus.SampleTexts(t)
	if dir := os.Getenv("BREACHTREND_BENCH_CORPUS"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	for _, text := range texts {
		for _, l := range strings.Split(text, "\n") {
			lines = append(lines, strings.TrimSpace(normalize.Text(l)))
		}
	}
	dated, chromeLines := 0, 0
	for _, l := range lines {
		got, want := isDateLine(l), dateLineByRegexp(l)
		if got != want {
			t.Errorf("isDateLine(%q) = %v, the regexp says %v", l, got, want)
		}
		if want {
			dated++
		}
		got, want = IsChrome(l), chromeByContains(l)
		if got != want {
			t.Errorf("IsChrome(%q) = %v, strings.Contains and the regexp say %v", l, got, want)
		}
		if want {
			chromeLines++
		}
	}
	if dated < 10 || chromeLines < 20 {
		t.Errorf("only %d datelines and %d chrome lines among %d lines: the test shows little", dated, chromeLines, len(lines))
	}
	for _, w := range chromeWords.Words() {
		if w == "" {
			t.Error("an empty contains pattern or date label: strings.Contains finds it in every line, wordscan in none")
		}
	}
}

// FuzzDateLineShortcut: the same on any text.
func FuzzDateLineShortcut(f *testing.F) {
	for _, s := range dateLineSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := isDateLine(l), dateLineByRegexp(l); got != want {
			t.Fatalf("isDateLine(%q) = %v, the regexp says %v", l, got, want)
		}
		if got, want := IsChrome(l), chromeByContains(l); got != want {
			t.Fatalf("IsChrome(%q) = %v, strings.Contains and the regexp say %v", l, got, want)
		}
	})
}
