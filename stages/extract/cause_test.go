package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/normalize"
)

func causeOf(title, text string) string {
	c, _ := cause(nil, normalize.Text(title), splitSentences(normalize.Text(text)))
	return c
}

func TestCause(t *testing.T) {
	tests := []struct {
		name, title, text, want string
	}{
		{"form shows the previous entry", "", "申込フォームの入力画面に、直前に入力されたと思われる内容が表示される現象が起こっていたことが判明しました。今回の件で掲載された方々にお詫びします。", "programming_error"},
		{"a quoted subject states no cause", "", "「『中古PCの転売で稼ぐ方法』のご案内」などの件名のメールが、第三者によって配信されました。", "unknown"},
		{"listed in a customer list is not published", "顧客名簿に掲載されたメールアドレスに関するご報告", "第三者からメールが届いたとのお問い合わせがありました。", "unknown"},
		{"city: mail to the wrong address", "", "職員が誤って別の方にメールを送信しました。", "misdelivery"},
		{"city: BCC", "", "「BCC」で送信すべきところ、誤って「宛先」欄にメールアドレスを入力して送信したことが原因です。", "misdelivery"},
		{"hospital: handed to another patient", "", "患者様Bの検査結果を誤って患者様Aにお渡ししてしまいました。", "misdelivery"},
		{"listed company: intrusion", "当社サーバーへの不正アクセスについて", "第三者による不正アクセスを受けたことを確認しました。", "unauthorized_access"},
		{"investigating is no cause", "", "現在、不正アクセスの有無を調査中です。", "unknown"},
		{"nothing stated", "", "ご迷惑をおかけし、深くお詫び申し上げます。", "unknown"},
		{"ransomware", "", "ランサムウェアに感染し、サーバー内のデータが暗号化されたことが原因です。", "ransomware"},
		{"an encrypted password is no ransomware", "", "SQLインジェクションによる不正アクセスが原因です。なお、パスワードは暗号化されておりました。", "unauthorized_access"},
		{"web shop: card skimming by tampering", "", "第三者によって決済画面が改ざんされたため、カード情報が窃取されました。", "unauthorized_access"},
		{"stolen papers, any conjugation", "", "何者かにより、公用車から書類の入った鞄が盗られたことが判明しました。", "theft"},
		{"school: lost", "", "教諭が生徒の名簿を紛失いたしました。", "loss"},
		{"school: left behind", "", "担任が電車内に名簿を置き忘れたため、紛失しました。", "loss"},
		{"prefecture: published by mistake", "", "個人情報を含むファイルを誤って掲載していたことが原因です。", "publishing_error"},
		{"web shop: another customer's data shown", "", "システムの不具合により、他のお客様の情報が表示される状態となっていました。", "programming_error"},
		{"SaaS: visible to other users", "", "一部のユーザー様の顧客情報が他のSAMPLEユーザー様から閲覧できる状態になっていることが判明いたしました。", "programming_error"},
		{"university: shared folder open", "", "共有設定に誤りがあり、誰でも閲覧できる状態となっていたことが原因です。", "misconfiguration"},
		{"former employee", "", "元職員が退職後に顧客情報を無断で持ち出していたことが判明しました。", "insider_misuse"},
		{"phished staff", "", "職員がフィッシングメールを受信し、偽サイトにIDを入力したことにより発生しました。", "social_engineering"},
		{"account taken over sent phishing", "メールアカウントの不正使用によるフィッシングメールの送信について", "メールアカウントが第三者に不正使用され、フィッシングメールが送信されました。", "unauthorized_access"},
		{"a stolen password is an intrusion", "", "利用者のパスワードが盗まれたことが原因で、アカウントが利用されました。", "unauthorized_access"},
		{"police file about fraud victims", "ニセ電話詐欺被害者の個人情報漏えいについて", "職員が資料を送信しようとした際、誤って個人情報が含まれた別の資料を送信したものです。", "misdelivery"},
		{"malware", "", "職員のパソコンがEmotetに感染したことにより、メール情報が窃取されました。", "malware"},
		{"disposal", "", "保存期間を過ぎていない書類を誤廃棄したことが原因です。", "disposal_error"},
		{"used terminal resold", "", "廃棄を委託した端末がフリマアプリに出品されていたことが判明しました。", "disposal_error"},
		{"measures are no cause", "", "今後はアクセス制限の設定を徹底し、再発防止に努めてまいります。", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := causeOf(tt.title, tt.text); got != tt.want {
				c, ev := cause(nil, normalize.Text(tt.title), splitSentences(normalize.Text(tt.text)))
				t.Errorf("cause = %q (evidence %q), want %q", c, ev, tt.want)
			}
		})
	}
}

// TestCauseGolden reads invented notices from testdata/extract/cause/*.txt
// (the first line is the title) and compares cause and data types with the
// .golden files; run with -update to rewrite them.
func TestCauseGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "extract", "cause", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := normalize.Text(string(b))
			title, _, _ := strings.Cut(text, "\n")
			sents := splitSentences(text)
			c, ev := cause(nil, title, sents)
			types, _ := dataTypes(nil, sents)
			got := "cause: " + c + "\nevidence: " + ev + "\ndata_types: " + strings.Join(types, ",") + "\n"
			checkGolden(t, f, got, *update, "-update")
		})
	}
}
