package reportno

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

func TestReportNumber(t *testing.T) {
	tests := []struct {
		name, title, body string
		seq               int
		final             bool
	}{
		{"nth", "当社サーバーへの不正アクセスについて(第3報)", "", 3, false},
		{"kanji nth", "個人情報の漏えいについて(第二報)", "", 2, false},
		{"follow-up", "ランサムウェア被害に関するお知らせ(続報)", "", 2, false},
		{"follow-up numbered", "システム障害について(続報2)", "", 3, false},
		{"final", "不正アクセス事案の調査結果について(最終報)", "", 0, true},
		{"kakuhou", "個人情報漏えいについて(確報)", "", 0, true},
		{"first notice", "市立小学校における個人情報を含むUSBメモリの紛失について",
			"市立小学校において、児童の個人情報を保存したUSBメモリを紛失しました。", 1, false},
		{"cites first and second", "不正アクセスに関するお知らせ",
			"5月24日の第一報、5月27日の第二報にてお知らせいたしましたとおり、調査を進めてまいりました。", 3, false},
		{"cites earlier notice", "個人情報漏えいに関するご報告",
			"2023年12月7日に「個人情報漏えいの可能性に関するお知らせ(以下、既報)」を公表いたしました。", 2, false},
		{"cites two earlier notices", "当社サーバーへの不正アクセスについて",
			"当社は、2024年1月26日に公表いたしました「不正アクセス被害のお知らせ」及び2024年3月1日に公表いたしました「調査結果のご報告」のとおり、対応してまいりました。", 3, false},
		{"senpan", "なりすましメールに関するお知らせ", "先般ご案内させていただきました不審メールに関する調査が完了いたしました。", 2, true},
		{"interim results", "", "サーバー障害の発生以降、調査を進めてまいりました。このたび現時点の調査結果として、以下の事項が判明しましたのでご報告いたします。", 0, false},
		{"addenda", "ホームページ改ざんについて", "当社ホームページが改ざんされました。\n追記(1):3月2日夕方に再び改ざんを確認しました。", 0, false},
		{"one-line text as title", "1.経緯 4月2日、職員が共有フォルダの異常に気付き、不正アクセスを確認しました。" + strings.Repeat("調査の結果、会員情報の流出が判明しました。", 5),
			"4月2日、職員が共有フォルダの異常に気付き、不正アクセスを確認しました。", 1, false},
		{"follow-up closes investigation", "会員情報の流出に関するご報告",
			"2月1日にお知らせいたしました会員情報の流出について、外部機関による調査が完了しましたので、結果をご報告いたします。", 2, true},
		{"investigation report title", "情報システム障害に関する調査委員会報告書の公表について", "", 0, true},
		{"first notice with finished check", "顧客名簿の紛失について",
			"店舗内の調査が完了し、名簿を紛失したことが判明しました。", 1, false},
		{"follow-up with more to come", "不正アクセスに関するご報告",
			"先日お知らせいたしました不正アクセスについて、サーバーの調査が完了しました。詳細は判明次第お知らせいたします。", 2, false},
		{"apology again", "顧客情報の持ち出しについて", "多大なご迷惑をおかけしましたことを、改めて深くお詫び申し上げます。", 0, false},
		{"future report is no earlier one", "個人情報の誤送信について",
			"メールを誤送信しました。今後、新たな事実が判明した場合は、改めてお知らせいたします。", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seq, final := Find(nil, tt.title, text.SplitSentences(tt.body), nil, schemas.Date{})
			if seq != tt.seq || final != tt.final {
				t.Errorf("got (%d, %v), want (%d, %v)", seq, final, tt.seq, tt.final)
			}
		})
	}
}
