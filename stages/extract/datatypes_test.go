package extract

import (
	"reflect"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

func typesOf(text string) []string {
	got, _ := dataTypes(nil, splitSentences(normalize.Text(text)))
	if got == nil {
		got = []string{}
	}
	return got
}

func TestDataTypes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"a contact desk's number is no data", "流出した情報は氏名です。\nお問い合わせ窓口 総務課 TEL:012-345-6789", []string{"name"}},
		{"accounts and passwords to manage well are no data", "不正使用が判明したため、アカウントやパスワード等の適切な管理について周知徹底を図ります。", []string{}},
		{"an admin password is the attacker's means", "攻撃者は総当たり攻撃で管理者パスワードを取得し、サーバーに侵入しました。", []string{}},
		{"customers with no address registered", "個人情報が漏えいしたお客様には、メールアドレスのご登録のないお客様も含め書状でご連絡します。", []string{}},
		{"delivery addressees' data is no address", "お客様の個人情報及びお届け先の個人情報が流出した可能性があります。", []string{}},
		{"a spoofed mail's sender is no data", "不審メールの多くは、送信者として当社従業員氏名が表示され、メールアドレスが異なっています。", []string{}},
		{"an address list seen through mail posing as staff", "当社を装った迷惑メールの送信に使われたアカウントから、取引先の氏名とメールアドレスが閲覧された可能性があります。", []string{"name", "email"}},
		{"a sender's name on mail posing as staff", "当社社員を装ったメールでは、送信者として当社社員の氏名とメールアドレスが表示されます。", []string{}},
		{"a spaced ID of a device", "閲覧できる状態にあった情報は、端末 ID、車台番号等です。", []string{"device"}},
		{"a grade that says which pupils is no data", "3学年生徒の氏名を記載した書類を紛失しました。", []string{"name"}},
		{"a grade joined by 又は", "漏えいした情報は、氏名、生年月日又は学年、住所です。", []string{"name", "address", "birthdate", "academic"}},
		{"a count of records is a leak", "令和5年度1年生の数学テスト結果45名分", []string{"academic"}},
		{"pupil numbers, agencies and health notes", "閲覧可能だった項目は、生徒番号、所属機関、健康上の留意点です。", []string{"affiliation", "customer_number", "health"}},
		{"a denied consequence is no negation", "パスワードハッシュ値が流出しました。ハッシュ値から直ちにパスワードがわかるわけではありません。", []string{"password"}},
		{"listed company, plain list", "漏えいした情報は、氏名、住所、電話番号、メールアドレスです。",
			[]string{"name", "address", "phone", "email"}},
		{"web shop, card data and a negated list", "流出した可能性のある情報は、カード名義人名、カード番号、有効期限、セキュリティコードです。なお、住所や生年月日は登録されておりません。",
			[]string{"credit_card"}},
		{"negation: not included", "会員様の氏名とメールアドレスが閲覧可能な状態でした。クレジットカード情報やパスワードなどは含まれておりません。",
			[]string{"name", "email"}},
		{"negation in brackets only", "端末には(1)患者ID及びカナ氏名(住所や電話番号はありません。)、(2)診療科が記録されていました。",
			[]string{"name", "customer_number", "health"}},
		{"negation after a note mark is its clause only", "表示された可能性のある情報\n1)登録メールアドレス\n2)診察券番号 ※医療機関名は含まれておりません\n3)性別",
			[]string{"email", "gender", "customer_number"}},
		{"a used password is not leaked", "当該アカウントのパスワードを変更しました。迷惑メールがメールアドレス宛に送信されました。",
			[]string{}},
		{"list under a heading", "漏えいした項目\n・氏名\n・生年月日\n・性別",
			[]string{"name", "birthdate", "gender"}},
		{"school: pupils' grades", "生徒の氏名、学年、組、成績が記載された名簿を紛失しました。",
			[]string{"name", "academic"}},
		{"school: test results and student numbers", "学生番号と英語のテスト結果を誤って送信しました。",
			[]string{"customer_number", "academic"}},
		{"hospital: health data", "患者さんの氏名、生年月日、病名、検査結果が含まれていました。",
			[]string{"name", "birthdate", "health"}},
		{"hospital: apology to families is no data", "患者様やご家族の皆様に多大なるご迷惑をおかけしました。",
			[]string{}},
		{"city: a phone call is no data", "市民からの電話により判明しました。漏えいした情報は氏名です。",
			[]string{"name"}},
		{"prefecture: bank transfer details", "書類には講師2名の氏名、住所及び振込先が含まれる。",
			[]string{"name", "address", "bank_account"}},
		{"city: a FAX form is no FAX number", "時間外に連絡があったFAX連絡票1枚(個人の氏名・電話番号あり)を紛失した。",
			[]string{"name", "phone"}},
		{"university: leaked in a quoted list", "住所録に登録された「メールアドレス」「氏名」「所属」が流出した可能性があります。",
			[]string{"name", "email", "affiliation"}},
		{"web shop: not held, but skimmed", "弊社ではクレジットカード情報を保有しておりませんでしたが、決済画面の改ざんにより、クレジットカード情報が漏えいした可能性があります。",
			[]string{"credit_card"}},
		{"misdelivery: the addresses mailed to are no data", "宛先メールアドレスに対して、別の方の氏名が記載されたメールを送信しました。",
			[]string{"name"}},
		{"a weak password is no data", "当該アカウントのパスワードが脆弱だったことが原因です。", []string{}},
		{"school: a guardian's name is family and a name", "紛失した名簿には、生徒及び保護者の氏名、住所が記載されていた。",
			[]string{"name", "family", "address"}},
		{"no leak context", "氏名を記入のうえお申し込みください。", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := typesOf(tt.text)
			if !sameSet(got, tt.want) {
				t.Errorf("dataTypes = %v, want %v", got, tt.want)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

func FuzzDataTypes(f *testing.F) {
	f.Add("漏えいした情報は、氏名、住所、電話番号です。")
	f.Add("(住所や電話番号はありません。)(")
	f.Add("※含まれておりません)(以下")
	f.Add("・氏名\n・ID\n組")
	f.Fuzz(func(t *testing.T, text string) {
		got := typesOf(text)
		known := map[string]bool{}
		for _, k := range schemas.DataTypes {
			known[k] = true
		}
		for _, g := range got {
			if !known[g] {
				t.Errorf("unknown type %q", g)
			}
		}
		if !reflect.DeepEqual(got, typesOf(text)) {
			t.Errorf("not deterministic: %v", got)
		}
		_ = strings.TrimSpace(text)
	})
}
