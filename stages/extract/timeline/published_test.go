package timeline

import (
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// TestPublishedDate finds the notice's own date in letterheads.
func TestPublishedDate(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"letterhead line", "報道関係各位\n令和6年4月10日\n○○市教育委員会\n市立小学校における個人情報の紛失について\n令和6年4月8日(月)、教員が名簿を紛失しました。", "2024-04-10"},
		{"date before title", "令和6年8月8日 市内中学校における成績表の誤配布について\n市立中学校において、成績表を誤って配布しました。", "2024-08-08"},
		{"bracketed after title", "お詫びとお知らせ (2024/03/27)\n当社通販サイトにて、カード情報の流出が判明しました。", "2024-03-27"},
		{"title with an event word", "通知表の紛失について\n令和6年7月25日 ○○市教育委員会\n市立小学校において、通知表を紛失する事案が発生しました。", "2024-07-25"},
		{"label", "掲載日:2022年11月2日\n当院の患者情報を含むUSBメモリの紛失について", "2022-11-02"},
		{"timeline is not the notice", "当社サーバーが不正アクセスを受けたことが判明しましたので、お知らせいたします。詳細は次のとおりです。\n1.経緯\n2024年5月3日\n不正アクセスを検知", ""},
		{"event sentence is not the notice", "2024年5月3日、当社サーバーへの不正アクセスを検知しました。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := PublishedDate(nil, "", "", DatedSentences(text.SplitSentences(tt.text)), &dates.YearContext{})
			if want := extracttest.MustDate(t, tt.want); got != want {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

// TestPublishedDateTitleTail reads the date ending the title line the
// title stage chose, below page chrome, weekday and all.
func TestPublishedDateTitleTail(t *testing.T) {
	tests := []struct {
		name, title, text, want string
	}{
		{"title below chrome", "市立小学校における名簿の紛失について 2024年7月22日(月)",
			"事故から学ぶ\n市立小学校における名簿の紛失について 2024年7月22日(月)\n市立小学校において、名簿を紛失しました。", "2024-07-22"},
		{"no title known: the first line only", "",
			"事故から学ぶ\n市立小学校における名簿の紛失について 2024年7月22日(月)\n市立小学校において、名簿を紛失しました。", ""},
		{"a search snippet's tail", "",
			"不正アクセスに伴うお客様情報流出に関するお詫び 2008/04/18 · 2....\n当社サーバーが不正アクセスを受けました。", "2008-04-18"},
		{"two days in the title", "",
			"2024年7月1日に発生した障害について 2024年7月22日\n当社システムに障害が発生しました。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := publishedDate(nil, "", "", tt.title, DatedSentences(text.SplitSentences(tt.text)), &dates.YearContext{})
			if want := extracttest.MustDate(t, tt.want); got != want {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

// TestSignatureSigns: the lines under a dateline that sign a notice.
func TestSignatureSigns(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"代表取締役社長 青葉一郎", true},
		{"株式会社青葉", true},
		{"青葉市教育委員会", true},
		{"青葉市", true},
		{"株式会社にしむら", true},
		{"青葉病院から連絡", false},
		{"代表取締役が謝罪", false},
		{"不正アクセスを検知", false},
		{"市民税の通知", false},
	}
	for _, tt := range tests {
		if got := signature.signs(tt.line); got != tt.want {
			t.Errorf("signs(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestSuffixed: 発表 may end the line after the date, 更新 must follow it.
func TestSuffixed(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"(2024年6月3日 総務課発表)", true},
		{"(2024年6月3日(月)更新)", true},
		{"2024年6月3日更新", true},
		{"2024年6月3日にホームページを更新", false},
		{"2024年6月3日更新のシステム", false},
	}
	for _, tt := range tests {
		ms := dates.Find(tt.s)
		if len(ms) == 0 {
			t.Fatalf("no date in %q", tt.s)
		}
		if got := suffixed(tt.s, ms[0]); got != tt.want {
			t.Errorf("suffixed(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
