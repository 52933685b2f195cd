package timeline

import (
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/text"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// TestEventLanguage covers the phrasings of discovery and scope that a
// clause-level reading gets wrong without them.
func TestEventLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"令和6年3月4日(月)に当該職員より、書類を紛失した旨の報告が本課にありました。", schemas.EventDiscovered},
		{"令和5年10月12日(木曜日)委託事業者より本機構に事案概要の報告", schemas.EventDiscovered},
		{"令和5年10月16日(月曜日)本機構より個人情報保護委員会に報告", schemas.EventReported},
		{"令和6年9月9日(月)午後4時頃、当院職員が診療情報提供書1通をFAX送信した際、番号を誤って選択し、市内の事業所に送信しました。", schemas.EventOccurred},
		{"11月27日(月)、巡査長が書類を入れたかばんを自転車の前かごに入れて移動中、かばんごと落とした可能性があります。", schemas.EventOccurred},
		{"令和6年6月14日に発送した納付通知書の一部に、別世帯の通知書が同封されたことが判明しました。", schemas.EventOccurred},
		{"2025年7月24日、弊社が利用するストレージのアクセス権限設定に不備があり、外部から閲覧可能な状態となっていたことを検知いたしました。", schemas.EventDiscovered},
		{"令和6年6月6日(木)、委託事業者から本市に対し、同年5月26日にサーバーが暗号化される被害を受けた旨の報告がありました。", schemas.EventDiscovered},
		{"2024年3月16日までに本件サイトにおいて会員登録をされたお客様の個人情報が漏洩した可能性があることを確認いたしました。", schemas.EventOther},
		{"2024年8月7日に行ったシステム更新において、不具合を引き起こすプログラムが含まれていたことが原因です。", schemas.EventOccurred},
	}
	for _, tt := range tests {
		ms := dates.Find(tt.text)
		if len(ms) == 0 {
			t.Fatalf("no date in %q", tt.text)
		}
		if got := classifyMention(tt.text, ms[0], len(tt.text), false, false); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.text, got, tt.want)
		}
	}
}

// TestTimelineRules checks one event of the timeline of invented notices:
// the event at index at must be of kind on date.
func TestTimelineRules(t *testing.T) {
	tests := []struct {
		name, text, published string
		at                    int
		kind, date            string
	}{
		{"found though a later clause negates", "令和6年3月4日(月)、職員が書庫を確認したところ、名簿が保管されておらず、所在不明が判明しました。",
			"2024-03-10", 0, schemas.EventDiscovered, "2024-03-04"},
		{"sent though a later clause deletes", "9月2日、各学校に対して、該当者のみの一覧を送付すべきところ、誤って全生徒の一覧を送付し、後日削除を依頼しました。",
			"2024-09-10", 0, schemas.EventOccurred, "2024-09-02"},
		{"same day, told and grasped", "2024年4月8日、図書館職員が利用者へ案内メールを送信した際、宛先をToに設定しました。\n同日、利用者からの連絡により事態を把握し、メールの削除を依頼しました。",
			"2024-04-12", 1, schemas.EventDiscovered, "2024-04-08"},
		{"period start before a comma", "令和6年2月3日(土)20時頃から、令和6年2月4日(日)9時頃までの間に、当社のメールサーバから迷惑メールが送信されました。",
			"2024-02-06", 0, schemas.EventOccurred, "2024-02-03"},
		{"taken away", "2023年11月2日夜、元従業員が顧客名簿のデータを複製して持ち去ったとみられます。",
			"2024-01-10", 0, schemas.EventOccurred, "2023-11-02"},
		{"not noticing is no discovery", "6月3日、医師が別の患者の検査結果が挟まっていることに気付かず、患者に手渡しました。",
			"2024-06-20", 0, schemas.EventOccurred, "2024-06-03"},
		{"first word from the card processor", "・2024年2月5日(月)\n決済代行会社より当社に対し、当社サイトのカード情報流出の懸念について第一報。",
			"2024-03-01", 0, schemas.EventDiscovered, "2024-02-05"},
		{"sentence going on over lines", "令和5年6月2日(金)14時10分頃、会員の皆様に宛てまして、\n「夏季講習会」のご案内メールをお送りした際に、BCCとすべきところ、誤って\nCCに会員のメールアドレスを設定してしまいました。",
			"2023-06-05", 0, schemas.EventOccurred, "2023-06-02"},
		{"batch line, then what was sent", "2024年7月3日(水)10:02~10:40の間に12通\n「抽選結果のお知らせ」として150名の会員様へ電子メールを送信。",
			"2024-07-05", 0, schemas.EventOccurred, "2024-07-03"},
		{"timeline by month/day", "1.経緯\n8/19 医師が患者Aの検査結果に患者Bの結果が重なっていることに気付かず、\n患者Aに一緒に手渡してしまいました。\n8/20 患者Aからの申出により、漏えいが発覚しました。",
			"2024-09-01", 1, schemas.EventDiscovered, "2024-08-20"},
		{"timeline by month/day, first day", "1.経緯\n8/19 医師が患者Aの検査結果に患者Bの結果が重なっていることに気付かず、\n患者Aに一緒に手渡してしまいました。\n8/20 患者Aからの申出により、漏えいが発覚しました。",
			"2024-09-01", 0, schemas.EventOccurred, "2024-08-19"},
		{"the incident's day", "令和5年11月2日未明に発生したランサムウェア攻撃により、電子カルテが利用できなくなりました。\n事案発生当日、システムの異常を覚知し、対策本部を設置しました。",
			"2024-03-01", 1, schemas.EventDiscovered, "2023-11-02"},
		{"period under a label of whom", "1.流出した可能性のある個人情報\n- 【対象となるお客様】\n- 2019年4月1日~2022年3月31日\n当サイトにてカードをご登録、ご利用されたお客様 - 【流出した可能性がある個人情報】",
			"2022-06-01", 0, schemas.EventOther, "2019-04-01"},
		{"bracketed period of the state before", "1.ご登録氏名が他の利用者に閲覧できる状態になっていた。\n(2020年5月1日から2022年1月20日までの間)",
			"2022-02-01", 0, schemas.EventOccurred, "2020-05-01"},
		{"minutes later", "令和6年5月9日(木)、担当者がメールを一斉送信した際、受信者のアドレスが表示される設定で送信しました。\n送信の3分後、別の職員がこのことに気付きました。",
			"2024-05-15", 1, schemas.EventDiscovered, "2024-05-09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := &dates.YearContext{Published: extracttest.MustDate(t, tt.published)}
			ev := Events(nil, DatedSentences(text.SplitSentences(normalize.Text(tt.text))), ctx, -1, -1)
			if len(ev) <= tt.at {
				t.Fatalf("%q: %d events %v", tt.text, len(ev), ev)
			}
			if e := ev[tt.at]; e.Kind != tt.kind || e.Date.String() != tt.date {
				t.Errorf("%q: event %d is %s %s, want %s %s", tt.text, tt.at, e.Kind, e.Date, tt.kind, tt.date)
			}
		})
	}
}

// TestFoundOccurrence: a discovery whose object is the incident itself
// dates the occurrence too; a denied event, a state, a loss found later
// or a report received does not.
func TestFoundOccurrence(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"当社サーバーが不正アクセスを受けたことを確認しました。", true},
		{"職員が資料を誤って送信したことが、先方の指摘により判明しました。", true},
		{"不審なメールが送信されている事実を確認しました。", true},
		{"監視装置が外部からの攻撃を検知しました。", true},
		{"不正アクセスの形跡を感知、直ちにネットワークを遮断。", true},
		{"不正アクセスがなかったことを確認しました。", false},
		{"名簿が閲覧できる状態になっていたことが判明しました。", false},
		{"USBメモリを紛失していることが判明しました。", false},
		{"利用者から連絡を受け、誤送信が発生していたことを確認しました。", false},
		{"不正アクセスが判明しました。", false},
		{"社内ネットワークへの不正アクセスが確認され、調査を開始しました。", true},
		{"お客様情報の外部への流出が確認されました。", false},
		{"委託先から、サーバーがランサムウェアに感染したとの報告を受けました。", true},
		{"職員から、書類を誤って送付した旨の報告がありました。", true},
		{"利用者から、名簿が閲覧できるとの連絡を受けました。", false},
		{"メールサーバーから個人情報が漏えいしたことを確認しました。", false},
		{"メールを確認したところ、宛先の誤りに気付きました。", false},
	}
	for _, tt := range tests {
		if got := foundOccurrence(tt.body); got != tt.want {
			t.Errorf("foundOccurrence(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// TestIncidentSummary: a sentence summing up the incident as one that
// happened that day, not hedged, not a state, not a period.
func TestIncidentSummary(t *testing.T) {
	tests := []struct {
		sentence string
		want     bool
	}{
		{"2024年4月2日、職員が名簿を誤って送付する事案が発生しました。", true},
		{"本件は、2024年4月2日(火)夜、通勤電車内において発生いたしました。", true},
		{"2024年4月2日、お客様のメールアドレスを誤って漏えいさせる事故を発生させてしまいました。", true},
		{"2024年4月2日から4月5日までの間に、迷惑メールが送信される事案が発生しました。", false},
		{"2024年4月2日の夜以降に、同じ事象が再度発生しているようです。", false},
		{"2024年4月2日、名簿が閲覧できる状態になっていたという事態が発生しました。", false},
		{"2024年4月2日、職員が名簿を誤って送付しました。", false},
		{"・4月2日、職員が名簿を誤って第三者に送付してしまった。", true},
		{"事案が発生しました。", false},
	}
	for _, tt := range tests {
		if got := incidentSummary(tt.sentence); got != tt.want {
			t.Errorf("incidentSummary(%q) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

// TestModifyingClauseKind: a clause ending in た (or のは) right before a
// date gives it its event.
func TestModifyingClauseKind(t *testing.T) {
	tests := []struct{ before, want string }{
		{"不正アクセスが発覚した", schemas.EventDiscovered},
		{"その後、ランサムウェアの被害が発生した ", schemas.EventOccurred},
		{"会員サイトを開設した", schemas.EventOther},
		{"当該USBメモリを最後に確認したのは", schemas.EventOccurred},
		{"不正アクセスが判明したのは", schemas.EventDiscovered},
		{"不正アクセスが発覚し、", schemas.EventOther},
		{"不正アクセスが発覚した。", schemas.EventOther},
		{"", schemas.EventOther},
	}
	for _, tt := range tests {
		if got := modifyingClauseKind(tt.before); got != tt.want {
			t.Errorf("modifyingClauseKind(%q) = %s, want %s", tt.before, got, tt.want)
		}
	}
}

// TestTimeOnlyLine covers the lines nextLinesKind reads past: a time of
// day alone, maybe after a bullet, and not one with what happened then.
func TestTimeOnlyLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"9時44分", true},
		{"・16時07分", true},
		{"午後4時頃", true},
		{"16:07", true},
		{"9時44分 メールを送信。", false},
		{"10月16日", false},
		{"経過", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := timeOnlyLine(tt.line); got != tt.want {
			t.Errorf("timeOnlyLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestWithoutBrackets: each bracketed span goes whole, nested ones too;
// an unmatched bracket stays.
func TestWithoutBrackets(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"事務連絡(受験票の到達確認等)のため", "事務連絡のため"},
		{"a((b)c)d", "ad"},
		{"a)b(c", "a)b(c"},
		{"(x)", ""},
		{"送信(途中", "送信(途中"},
	} {
		if got := withoutBrackets(c.in); got != c.want {
			t.Errorf("withoutBrackets(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
