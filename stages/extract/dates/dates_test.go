package dates

import (
	"slices"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"

	"github.com/breachtrend/breachtrend/schemas"
)

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
		{"western with era", "", "2018年(平成30年)2月22日", "2018-02-22"},
		{"slash day inside a sentence", "2022-03-16", "弊社社員のパソコンが3/15にウイルスに感染しました。", "2022-03-15"},
		{"slash day inside a sentence, weekday", "2022-03-16", "当該職員が3/15(火)午後に送信したメールでした。", "2022-03-15"},
		{"western with era, spaced", "", "2019 年 ( 令和元年 ) 5 月 7 日に送信しました。", "2019-05-07"},
		{"slash", "", "2023/6/5 不正アクセスを確認", "2023-06-05"},
		{"dot", "", "2023.6.5 会員情報の流出を確認", "2023-06-05"},
		{"era abbreviation", "", "R5.7.3 病院職員がUSBメモリを紛失", "2023-07-03"},
		{"era abbreviation with a dot", "", "H.18.10.5 市職員が書類を紛失", "2006-10-05"},
		{"era name before dotted numbers", "", "平成18.10.5 市職員が書類を紛失", "2006-10-05"},
		{"era name, first year, dotted", "", "令和元.5.1に発生", "2019-05-01"},
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
		{"fraction inside a sentence is no date", "2024-09-01", "対象は全体の2/3程度で、13/5に及ぶものはありません。", ""},
		{"page is no date", "2024-09-01", "2/5ページに記載しています。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := &YearContext{Published: extracttest.MustDate(t, tt.published)}
			var got schemas.Date
			for _, m := range Find(tt.text) {
				if d := ctx.Resolve(m); !d.IsZero() {
					got = d
					break
				}
			}
			if want := extracttest.MustDate(t, tt.want); got != want {
				t.Errorf("%q: got %v, want %v", tt.text, got, want)
			}
		})
	}
}

// TestDateRanges marks the second date of a period as a range end.
func TestDateRanges(t *testing.T) {
	ms := Find("2023年3月1日~2023年3月14日の期間に購入されたお客様")
	if len(ms) != 2 || ms[0].RangeEnd || !ms[1].RangeEnd {
		t.Fatalf("got %+v", ms)
	}
}

// TestYearResolution covers what a notice implies about a year-less date:
// 同年 trusts the text over a disagreeing weekday, and a blog case number's
// year is the last resort when nothing else names a year.
func TestYearResolution(t *testing.T) {
	tests := []struct {
		name string
		ctx  YearContext
		text string
		want string
	}{
		{"同年 keeps the year although the weekday disagrees", YearContext{LastYear: 2022}, "同年6月30日(水)15時41分", "2022-06-30"},
		{"bare date: the weekday picks the year", YearContext{Published: schemas.MustDate("2024-01-10")}, "12月27日(水)", "2023-12-27"},
		{"no year anywhere: the case number's year", YearContext{CaseYear: 2023}, "9月22日(金)不正アクセスの形跡を感知", "2023-09-22"},
		{"no year at all: no date", YearContext{}, "9月22日(金)", ""},
		{"先月 with its month glossed in brackets (news)", YearContext{Published: schemas.MustDate("2025-10-06")}, "先月(9月)25日、持ち帰りました", "2025-09-25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := Find(tt.text)
			if len(ms) == 0 {
				t.Fatalf("no date in %q", tt.text)
			}
			ctx := tt.ctx
			if got := ctx.Resolve(ms[0]).String(); got != tt.want {
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
		{"2025-09-25", "27日の土曜日に自宅で作業をしようとしたところ、気づきました。", "2025-09-27"},
	}
	for _, tt := range tests {
		ms := Find(tt.text)
		if len(ms) == 0 {
			t.Fatalf("no date in %q", tt.text)
		}
		ctx := YearContext{recentDays: []schemas.Date{schemas.MustDate(tt.last)}}
		if got := ctx.Resolve(ms[0]).String(); got != tt.want {
			t.Errorf("after %s, %q = %s, want %s", tt.last, tt.text, got, tt.want)
		}
	}
}

// TestNextDayCountsFromItsDay: 翌N日 is the day after the recent date whose
// next day is the N-th, not an N-th after the last date written (an as-of
// date: 「12月1日現在、…。同日及び翌29日、謝罪」 follows 11月28日).
func TestNextDayCountsFromItsDay(t *testing.T) {
	var ctx YearContext
	text := "令和7年11月28日(金曜日)に誤送信しました。令和7年12月1日現在、特定には至っていません。同日及び翌29日、謝罪を行いました。"
	var got []string
	for _, m := range Find(text) {
		got = append(got, ctx.Resolve(m).String())
	}
	if want := []string{"2025-11-28", "2025-12-01", "2025-11-29"}; !slices.Equal(got, want) {
		t.Errorf("dates = %v, want %v", got, want)
	}
}

// TestBareDayNeedsAMark: a bare N日 is a date only with a weekday, a time
// of day or a particle (20日に); 3日間, 5日以内, 第2日に and 5日に1回 are not
// dates.
func TestBareDayNeedsAMark(t *testing.T) {
	for _, s := range []string{"調査には3日間を要しました。", "5日以内に回答します。", "研修の第2日に説明しました。", "5日に1回点検します。"} {
		if ms := Find(s); len(ms) != 0 {
			t.Errorf("%q: dates %+v", s, ms)
		}
	}
	ms := Find("2024年2月11日(日)夜間から12日(月)早朝にかけて事務所に何者かが侵入しました。")
	if len(ms) != 2 || !ms[1].RangeEnd {
		t.Errorf("a range with times of day: %+v", ms)
	}
}

// TestFiscalYear: the fiscal year a text names dates its year-less
// months when nothing else gives a year.
func TestFiscalYear(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{
		{"令和5年度中に申請された方", 2023},
		{"令和元年度の名簿", 2019},
		{"2025年度 入学者", 2025},
		{"1995年度~2025年度までの在籍者", 2025},
		{"令和5年度中に申請し、令和6年度も継続される方", 2023},
		{"本年度の名簿", 0},
		{"令和5年4月1日", 0},
	} {
		if got := FiscalYear(c.s); got != c.want {
			t.Errorf("FiscalYear(%q) = %d, want %d", c.s, got, c.want)
		}
	}
	ctx := &YearContext{FiscalYear: 2023}
	for _, c := range []struct {
		s, want string
	}{
		{"3月4日に送付", "2024-03-04"},
		{"5月12日に判明", "2023-05-12"},
	} {
		if got := ctx.Resolve(Find(c.s)[0]); got.String() != c.want {
			t.Errorf("%q with fiscal year 2023: %s, want %s", c.s, got, c.want)
		}
	}
	withYear := &YearContext{FiscalYear: 2023, CaseYear: 2020}
	if got := withYear.Resolve(Find("3月4日に送付")[0]); got.String() != "2020-03-04" {
		t.Errorf("a year from elsewhere comes first: %s, want 2020-03-04", got)
	}
}

// TestWrittenYear: with nothing else, a plain year-less date takes the
// first year the text writes; 同年 and 本年 do not.
func TestWrittenYear(t *testing.T) {
	for _, c := range []struct {
		s    string
		want string // "" for no date
	}{
		{"5月13日に判明", "2014-05-13"},
		{"同年5月13日に判明", ""},
		{"本年5月13日に判明", ""},
	} {
		ctx := &YearContext{WrittenYear: 2014}
		got := ""
		if d := ctx.Resolve(Find(c.s)[0]); !d.IsZero() {
			got = d.String()
		}
		if got != c.want {
			t.Errorf("%q with written year 2014: %q, want %q", c.s, got, c.want)
		}
	}
	fiscalFirst := &YearContext{FiscalYear: 2013, WrittenYear: 2020}
	if got := fiscalFirst.Resolve(Find("5月13日に判明")[0]); got.String() != "2013-05-13" {
		t.Errorf("a fiscal year comes before a written one: %s, want 2013-05-13", got)
	}
}

func TestYearsAlone(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want []int
	}{
		{"令和7年国勢調査に関し", []int{2025}},
		{"2019年に導入した", []int{2019}},
		{"令和7年10月5日", nil},
		{"令和5年度の事業", nil},
		{"平成元年から", []int{1989}},
		{"12025年", nil},
	} {
		if got := YearsAlone(tt.s); !slices.Equal(got, tt.want) {
			t.Errorf("YearsAlone(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
