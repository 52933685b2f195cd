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
