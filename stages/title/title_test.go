package title_test

import (
	"path"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/segment"
	"github.com/breachtrend/breachtrend/stages/title"
)

// TestCasesTitle runs rules/cases/title.tsv through the segmenter, which
// gives each segment its title, and checks that each rule file of titles
// has a case (a note starting with its name).
func TestCasesTitle(t *testing.T) {
	cases, err := rules.Cases("title")
	if err != nil {
		t.Fatal(err)
	}
	noted := map[string]bool{}
	for _, c := range cases {
		segs := segment.Split(c.Text)
		if len(segs) != 1 {
			t.Fatalf("%s: %d segments, want 1", c.Pos, len(segs))
		}
		if got := segs[0].Title; got != c.Expected {
			t.Errorf("%s: title %q, want %q (%s)", c.Pos, got, c.Expected, c.Note)
		}
		file, _, _ := strings.Cut(c.Note, ":")
		noted[file] = true
	}
	for _, f := range []string{title.FileChrome, title.FileCues} {
		if name := strings.TrimSuffix(path.Base(f), ".tsv"); !noted[name] {
			t.Errorf("rules/%s has no case in rules/cases/title.tsv (a note starting %q)", f, name+":")
		}
	}
}

func TestStripSiteName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"個人情報の漏えいについて | 青葉市", "個人情報の漏えいについて"},
		{"個人情報の漏えいについて|青葉県", "個人情報の漏えいについて"},
		{"不正アクセスに関するお知らせ - 青葉株式会社", "不正アクセスに関するお知らせ"},
		{"青葉市 | 不正アクセスに関するお知らせ", "不正アクセスに関するお知らせ"},
		{"青葉市ホームページ | 新着情報", "新着情報"},
		{"募集案内 | 青葉市", "募集案内"},
		{"個人情報の漏えいについて", "個人情報の漏えいについて"},
		{"トップページ | 青葉市ホームページ", ""},
	} {
		if got := title.StripSiteName(c.in); got != c.want {
			t.Errorf("StripSiteName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIsChrome(t *testing.T) {
	for _, l := range []string{"本文", "ここから本文です。", "【重要なお知らせ】", "1. 概要", "(1)経緯", "最終更新日:", "更新日:2024年6月21日",
		"令和6年12月5日(木曜日)", "2015.04.07", "平成 27 年(2015 年)4 月 8 日", "(2013年)", "2018/6/18 14:00更新", "---|",
		"ホーム > TOPICS > メールアドレス流出に関するお詫び", "<< 個人情報保護方針のページに戻る", "お客様 各位", "PDFはこちら(180KB)"} {
		if !title.IsChrome(l) {
			t.Errorf("IsChrome(%q) = false", l)
		}
	}
	for _, l := range []string{"個人情報流出事案が発生しました", "(令和7年3月5日発表)個人情報を含む廃棄予定文書の滅失について",
		"<概要>の見直しについて", "ミニストップ株式会社", "2019.11.13Eメール誤送信によるお客様の情報の漏えいについてのお詫び"} {
		if title.IsChrome(l) {
			t.Errorf("IsChrome(%q) = true", l)
		}
	}
}

func TestClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{" 個人情報の漏えいについて | 青葉市 ", "個人情報の漏えいについて"},
		{"お知らせ", ""},
		{"本文", ""},
		{"題名", ""},
		{"トップページ", ""},
	} {
		if got := title.Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestOfEmpty: a text of chrome only has no title.
func TestOfEmpty(t *testing.T) {
	if got := title.Of([]string{"本文", "", "2019.05.29", "メインメニュー"}); got != "" {
		t.Errorf("Of(chrome) = %q, want \"\"", got)
	}
}
