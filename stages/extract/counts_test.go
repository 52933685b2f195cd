package extract

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/normalize"
)

func TestAffected(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		want   int64 // 0: no count
		approx bool
	}{
		{"man", "本件サーバーに登録されている約 25 万人の氏名が閲覧可能な状態でした。", 250000, true},
		{"comma", "流出した可能性のある個人情報は61,942件です。", 61942, false},
		{"man records", "会員情報約5万件が漏えいした可能性があります。", 50000, true},
		{"people-worth", "約230万人分の個人情報が流出したおそれがあります。", 2300000, true},
		{"mei", "卒業生1,793名の氏名と住所が記載された名簿を紛失しました。", 1793, false},
		{"kanji", "患者三千人分の検査結果を含むファイルが閲覧可能となっていました。", 3000, false},
		{"or more", "少なくとも1,200件以上の個人情報が漏えいしたおそれがあります。", 1200, true},
		{"at most", "最大で8,000名分の会員情報が流出した可能性があります。", 8000, true},
		{"list sum", "1.流出を確認した情報\n・取引先担当者の氏名を含む情報 467件\n (氏名、住所、電話番号)\n・社員に関する情報 568件\n (氏名、生年月日)\n2.原因", 1035, false},
		{"joined categories", "生徒19名及びその保護者18名の個人情報が含まれていました。", 37, false},
		{"noun of another clause", "本校教員が保護者あてのメールを誤送信し、保護者45名のメールアドレスが他の保護者に表示されました。", 45, false},
		{"same clause still excludes", "誤送信したメール120件について、宛先に個人情報はありませんでした。", 0, false},
		{"part is not added", "件数:202世帯(207人)分、うち電話番号記載146世帯(151人)分の個人情報を誤送信しました。", 207, false},
		{"emails are not people", "約2,700件の迷惑メールが送信されました。", 0, false},
		{"logins are not people", "不正ログインは40,854回で、ログイン試行は5,656,686件でした。", 0, false},
		{"servers and PCs", "調査対象サーバー15台中11台が暗号化され、PCは100台中5台に感染の形跡がありました。", 0, false},
		{"organizations", "利用団体36団体の情報が閲覧可能な状態でした。", 0, false},
		{"yen", "被害額は約3万円と見込まれ、閲覧された可能性があります。", 0, false},
		{"sheets", "個人情報が記載された書類3枚を紛失しました。", 0, false},
		{"staff who saw it", "担当者2名が個人情報を閲覧した可能性があります。", 0, false},
		{"outage users", "当社サービスの対象である約3,400ユーザーに対してサービスを提供できない状況となりました。", 0, false},
		{"this matter", "今回の一件で掲載された方々へご迷惑をおかけしました。", 0, false},
		{"concurrent logins", "2名以上のユーザーがほぼ同じタイミングでログインした際、他方の情報が表示される不具合。", 0, false},
		{"ellipsis", "うち、添付ファイルに含まれている個人情報等…1,793件", 1793, false},
		{"addresses after the noun", "2.漏えいした情報\nメールアドレス 230件", 230, false},
		{"addresses of offices", "・対象件数 12事業所15件のメールアドレス", 15, false},
		{"n addresses", "本来BCCで送信すべきところ、62件のメールアドレスを宛先に記載して送信しました。", 62, false},
		{"the whole counts inquiries", "過去5年間に2,100件の町への「ご相談」があり、うち1,980件の個人情報が閲覧可能な状態でした。", 1980, false},
		{"staff among whose data", "2010年度から2024年度までに在籍した生徒、教職員等約12,000名の個人情報が流出したおそれがあります。", 12000, true},
		{"total then its breakdown", "保存していたもの:申請総数2,400件(重複を除くと900件)\n個人による申請件数:300件\n- 届出書に記載の申請者情報は、120件\n- 協議書に記載の申請者情報は、180件\n- なお、上記のうち、重複を除いた件数は、250件\n法人による申請件数:2,100件", 2400, false},
		{"numbered items with detail lines", "2 紛失した書類及び個人情報の内容\n(1)利用料金明細書 12名さま分\n氏名、生年月日、\n利用明細等\n(2)受付票 12名さま分\n患者番号、氏名、\n受付内容等\n(3)利用決定通知書 2名さま分\n氏名、受給者番号等", 26, false},
		{"labelled bare count", "事故概要\n業種 地方公共団体\n漏えい人数 4210\n事故概要\n書類を紛失していることが判明しました。", 4210, false},
		{"bare number without a label", "業種 民間企業\n発生時期 2022/3/25\n資本金 3000", 0, false},
		{"total before its batches", "受講者のメールアドレス 640件\n送信件数が多いため3回に分けて送信\n10時02分 300件\n10時05分 300件\n10時07分 40件", 640, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, approx, _, ok := affected(nil, splitSentences(normalize.Text(tt.text)))
			if !ok {
				c = 0
			}
			if c != tt.want || (ok && approx != tt.approx) {
				t.Errorf("%q: got (%d, approx %v), want (%d, approx %v)", tt.text, c, approx, tt.want, tt.approx)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]int64{"61,942": 61942, "25万": 250000, "3万5千": 35000, "3.5万": 35000,
		"三千": 3000, "一万二千五百": 12500, "二十": 20} {
		if got, ok := parseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	if _, ok := parseNumber(strings.Repeat("9", 30)); ok {
		t.Error("a huge number parsed")
	}
}
