package extract

import (
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

func mustDate(t *testing.T, s string) schemas.Date {
	t.Helper()
	if s == "" {
		return schemas.Date{}
	}
	d, err := schemas.ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

// TestDates reads the first date of invented notice sentences, its year
// resolved from the notice's date.
func TestDates(t *testing.T) {
	tests := []struct {
		name, published, text, want string
	}{
		{"western", "", "2023年7月24日、当社サーバーへの不正アクセスを検知しました。", "2023-07-24"},
		{"reiwa", "", "令和5年7月18日(火)、県立高校において名簿を紛失しました。", "2023-07-18"},
		{"reiwa gannen", "", "令和元年5月1日に発生した事案について", "2019-05-01"},
		{"heisei", "", "平成30年3月19日から公開状態となっていました。", "2018-03-19"},
		{"era with western", "", "令和5年(2023年)10月12日に判明しました。", "2023-10-12"},
		{"slash", "", "2023/6/5 不正アクセスを確認", "2023-06-05"},
		{"dot", "", "2023.6.5 会員情報の流出を確認", "2023-06-05"},
		{"era abbreviation", "", "R5.7.3 病院職員がUSBメモリを紛失", "2023-07-03"},
		{"kanji numerals", "", "令和五年七月三日、市職員が書類を紛失しました。", "2023-07-03"},
		{"kanji digits year", "", "二〇二三年十二月一日に判明", "2023-12-01"},
		{"no year from publication", "2023-07-14", "7月3日(月)、保護者からの連絡により判明しました。", "2023-07-03"},
		{"december in a january notice", "2024-01-10", "12月27日にメールを誤送信しました。", "2023-12-27"},
		{"weekday picks the year", "2024-01-10", "12月29日(金)に判明しました。", "2023-12-29"},
		{"same year", "2023-08-01", "同年6月30日に削除しました。", "2023-06-30"},
		{"this year", "2020-06-01", "本年5月7日に確認しました。", "2020-05-07"},
		{"last year", "2024-03-01", "昨年12月5日に送信されたメール", "2023-12-05"},
		{"month only", "2023-08-01", "4月頃から閲覧可能な状態でした。", ""},
		{"early month only", "", "2023年6月上旬に発生", ""},
		{"duration is no date", "2023-08-01", "3か月間の調査を行いました。", ""},
		{"time after date", "", "2023年11月8日2時時点で確認できている情報", "2023-11-08"},
		{"month/day opening a line", "2024-09-01", "8/19 医師が患者の検査結果を誤って手渡しました。", "2024-08-19"},
		{"month/day with weekday", "2024-09-01", "・8/20(火)保護者からの申出により発覚", "2024-08-20"},
		{"fraction is no date", "2024-09-01", "1/3の職員が研修を受講しました。", ""},
		{"page is no date", "2024-09-01", "2/5ページに記載しています。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := &yearContext{published: mustDate(t, tt.published)}
			var got schemas.Date
			for _, m := range findDates(tt.text) {
				if d := ctx.resolve(m); !d.IsZero() {
					got = d
					break
				}
			}
			if want := mustDate(t, tt.want); got != want {
				t.Errorf("%q: got %v, want %v", tt.text, got, want)
			}
		})
	}
}

// TestDateRanges marks the second date of a period as a range end.
func TestDateRanges(t *testing.T) {
	ms := findDates("2023年3月1日~2023年3月14日の期間に購入されたお客様")
	if len(ms) != 2 || ms[0].RangeEnd || !ms[1].RangeEnd {
		t.Fatalf("got %+v", ms)
	}
}

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
			got, _, _ := publishedDate(nil, Input{Text: tt.text}, datedSentences(text.SplitSentences(tt.text)), &yearContext{})
			if want := mustDate(t, tt.want); got != want {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

// TestYearResolution covers what a notice implies about a year-less date:
// 同年 trusts the text over a disagreeing weekday, and a blog case number's
// year is the last resort when nothing else names a year.
func TestYearResolution(t *testing.T) {
	tests := []struct {
		name string
		ctx  yearContext
		text string
		want string
	}{
		{"同年 keeps the year although the weekday disagrees", yearContext{lastYear: 2022}, "同年6月30日(水)15時41分", "2022-06-30"},
		{"bare date: the weekday picks the year", yearContext{published: schemas.MustDate("2024-01-10")}, "12月27日(水)", "2023-12-27"},
		{"no year anywhere: the case number's year", yearContext{caseYear: 2023}, "9月22日(金)不正アクセスの形跡を感知", "2023-09-22"},
		{"no year at all: no date", yearContext{}, "9月22日(金)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := findDates(tt.text)
			if len(ms) == 0 {
				t.Fatalf("no date in %q", tt.text)
			}
			ctx := tt.ctx
			if got := ctx.resolve(ms[0]).String(); got != tt.want {
				t.Errorf("resolve(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestDayOnlyDates: 翌11日 and 翌月5日 take their month from the date before.
func TestDayOnlyDates(t *testing.T) {
	tests := []struct{ last, text, want string }{
		{"2025-02-10", "翌11日(火)、医師がUSBメモリが見当たらないことに気付きました。", "2025-02-11"},
		{"2025-01-31", "翌1日に報告がありました。", "2025-02-01"},
		{"2024-12-20", "翌月5日に確認しました。", "2025-01-05"},
		{"2024-06-03", "同月5日に公表しました。", "2024-06-05"},
		{"2024-02-11", "12日朝、出勤した職員が窓ガラスが割られていることに気付きました。", "2024-02-12"},
		{"2024-02-11", "翌週の15日(木)に報告がありました。", "2024-02-15"},
	}
	for _, tt := range tests {
		ms := findDates(tt.text)
		if len(ms) == 0 {
			t.Fatalf("no date in %q", tt.text)
		}
		ctx := yearContext{lastDay: schemas.MustDate(tt.last)}
		if got := ctx.resolve(ms[0]).String(); got != tt.want {
			t.Errorf("after %s, %q = %s, want %s", tt.last, tt.text, got, tt.want)
		}
	}
}

// TestBareDayNeedsAMark: a bare N日 is a date only with a weekday or a
// time of day; 3日間 and 第5日 are not dates.
func TestBareDayNeedsAMark(t *testing.T) {
	for _, s := range []string{"調査には3日間を要しました。", "5日以内に回答します。", "研修の第2日に説明しました。"} {
		if ms := findDates(s); len(ms) != 0 {
			t.Errorf("%q: dates %+v", s, ms)
		}
	}
	ms := findDates("2024年2月11日(日)夜間から12日(月)早朝にかけて事務所に何者かが侵入しました。")
	if len(ms) != 2 || !ms[1].RangeEnd {
		t.Errorf("a range with times of day: %+v", ms)
	}
}
