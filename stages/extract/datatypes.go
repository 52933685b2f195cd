package extract

import (
	"sort"
	"strings"
)

// dataTerm is a word that names a data type. Short terms (組, 姓, ID) name
// it only as an item of a list, between separators.
type dataTerm struct {
	word, kind string
	delimited  bool
}

var dataTerms = func() []dataTerm {
	raw := map[string][]string{
		"name":             {"氏名", "お名前", "名前", "ふりがな", "フリガナ", "宛名", "姓名", "カナ氏名", "漢字氏名", "契約者名", "利用者名", "患者名", "生徒名", "児童名", "園児名", "参加者名", "申込者名", "世帯主名", "代表者名", "名義人名"},
		"address":          {"住所", "お届け先", "届け先", "送付先住所", "配送先", "居所", "所在地"},
		"postal_code":      {"郵便番号"},
		"phone":            {"電話番号", "携帯電話番号", "携帯番号", "連絡先電話", "TEL", "電話"},
		"fax":              {"FAX番号", "FAX", "ファックス番号", "ファクス番号", "ファクシミリ番号"},
		"email":            {"メールアドレス", "Eメールアドレス", "Emailアドレス", "E-mailアドレス", "電子メールアドレス", "メール・アドレス", "e-mail", "Eメール"},
		"birthdate":        {"生年月日", "誕生日"},
		"age":              {"年齢"},
		"gender":           {"性別"},
		"affiliation":      {"会社名", "所属", "部署", "部署名", "役職", "学校名", "勤務先", "所属団体", "団体名", "法人名", "企業名", "事業所名", "職業", "職名", "勤務先名", "小学校名", "中学校名", "園名"},
		"account_id":       {"ユーザーID", "ユーザID", "ログインID", "ユーザー名", "ユーザ名", "共通ID", "アカウント名", "アカウントID", "利用者ID", "会員ID", "アカウント情報"},
		"password":         {"パスワード", "パスワードハッシュ"},
		"customer_number":  {"会員番号", "顧客番号", "患者ID", "患者番号", "学籍番号", "学生証番号", "人事番号", "生徒管理コード", "顧客管理番号", "受験番号", "社員番号", "職員番号", "診察券番号", "お客様番号", "契約番号", "カルテ番号", "利用者番号", "会員ID番号", "受付番号", "出席番号"},
		"credit_card":      {"クレジットカード番号", "カード番号", "有効期限", "セキュリティコード", "カード名義", "クレジットカード情報", "カード情報", "名義人"},
		"bank_account":     {"口座番号", "口座情報", "金融機関名", "口座"},
		"national_id":      {"マイナンバー", "個人番号", "運転免許証", "免許証番号", "保険証", "被保険者番号", "旅券番号", "パスポート番号", "基礎年金番号", "在留カード"},
		"health":           {"病名", "診断名", "診療", "検査結果", "検査", "障害", "病歴", "既往歴", "処方", "診療科", "健康状態", "要介護度", "介護度", "病状", "症状", "アレルギー", "健診", "服薬", "傷病名", "入院", "手術"},
		"academic":         {"成績", "学年", "出身校", "進学先", "学歴", "入学日", "卒業日", "通知表", "評定", "在籍", "学級", "所見", "クラス", "出欠"},
		"purchase_history": {"購入履歴", "購入商品", "購入日", "注文内容", "注文履歴", "注文番号", "取引内容", "取引履歴", "契約内容", "請求金額", "利用履歴", "商品名", "購入金額", "利用金額"},
		"device":           {"MACアドレス", "端末ID", "端末識別番号", "シリアル番号", "シリアルナンバー", "製造番号", "車台番号", "車載機ID", "製品シリアル"},
		"location":         {"位置情報"},
		"photo":            {"顔写真", "写真"},
		"family":           {"家族", "続柄", "保護者", "緊急連絡先", "配偶者"},
	}
	delimited := map[string]string{"組": "academic", "姓": "name", "名": "name", "ID": "account_id", "番号": "", "年齢": "age"}
	var terms []dataTerm
	for kind, words := range raw {
		for _, w := range words {
			terms = append(terms, dataTerm{word: w, kind: kind})
		}
	}
	for w, kind := range delimited {
		if kind != "" {
			terms = append(terms, dataTerm{word: w, kind: kind, delimited: true})
		}
	}
	// Longest first, so メールアドレス is taken before アドレス and
	// カード名義 before 名義.
	sort.Slice(terms, func(i, j int) bool {
		if len(terms[i].word) != len(terms[j].word) {
			return len(terms[i].word) > len(terms[j].word)
		}
		return terms[i].word < terms[j].word
	})
	return terms
}()

// typesIn returns the data types named in s, longest words first, each
// span of text used once.
func typesIn(s string) []string {
	used := make([]bool, len(s))
	seen := map[string]bool{}
	var out []string
	for _, t := range dataTerms {
		for from := 0; ; {
			i := strings.Index(s[from:], t.word)
			if i < 0 {
				break
			}
			i += from
			j := i + len(t.word)
			from = j
			if anyUsed(used[i:j]) || (t.delimited && !delimitedAt(s, i, j)) {
				continue
			}
			for k := i; k < j; k++ {
				used[k] = true
			}
			if !seen[t.kind] {
				seen[t.kind] = true
				out = append(out, t.kind)
			}
		}
	}
	return out
}

func anyUsed(b []bool) bool {
	for _, v := range b {
		if v {
			return true
		}
	}
	return false
}

// delimitedAt reports whether s[i:j] stands alone between list separators.
func delimitedAt(s string, i, j int) bool {
	const seps = "、,・/ ()「」:\n"
	before := i == 0 || strings.ContainsAny(lastRunes(s[:i], 1), seps)
	after := j == len(s) || strings.ContainsAny(string([]rune(s[j:])[0]), seps+"等")
	return before && after
}

// negations: a sentence with one of these says the types in it
// were not leaked, or are not held at all.
var negations = []string{"含まれておりません", "含まれていません", "含まれません", "含まれていない", "含まれず",
	"含まれておらず", "登録されておりません", "登録されておられません", "登録されていません", "保有しておりません",
	"保有していない", "取得・保有していない", "取得していない", "保有しておらず", "対象外",
	"流出していない", "漏えいしていない", "流出はありません", "漏えいはありません", "含まれるものではありません"}

// leakContext are words that make a sentence or a heading about the data
// that leaked or could be seen.
var leakContext = []string{"漏えい", "漏洩", "流出", "閲覧", "含ま", "項目", "記載", "保存", "登録され", "表示",
	"公開", "送付", "送信", "掲載", "個人情報", "情報は", "不正取得", "不正に取得", "持ち出", "内容", "情報",
	"対象", "データ", "添付", "記録", "紛失", "盗難", "窃取", "取得され"}

// dataTypes collects the types named as leaked: in sentences or list items
// about leaked data, less the types a negated sentence (or the list under
// it) names.
func dataTypes(sents []sentence) ([]string, string) {
	found := map[string]bool{}
	negated := map[string]bool{}
	var evidence string
	negatedList := -1 // line under which list items are negated
	for i, s := range sents {
		types := typesIn(s.Text)
		neg := containsAny(s.Text, negations)
		if neg && (strings.Contains(s.Text, "以下") || strings.HasSuffix(s.Text, ":")) {
			negatedList = i
		}
		if negatedList >= 0 && i > negatedList && !s.Item {
			negatedList = -1
		}
		if len(types) == 0 {
			continue
		}
		switch {
		case neg && !strings.Contains(s.Text, "以下"):
			for _, t := range typesBeforeNegation(s.Text) {
				negated[t] = true
			}
			continue
		case negatedList >= 0 && i > negatedList && s.Item:
			continue
		}
		ctx := containsAny(s.Text, leakContext) || containsAny(s.Heading, leakContext) ||
			(s.Item && i > 0 && containsAny(sents[i-1].Text+s.Heading, leakContext)) || isTermList(s.Text)
		if !ctx || isRequest(s.Text) {
			continue
		}
		for _, t := range types {
			found[t] = true
		}
		if evidence == "" {
			evidence = s.Text
		}
	}
	var out []string
	for _, t := range allTypes {
		if found[t] && !negated[t] {
			out = append(out, t)
		}
	}
	return out, evidence
}

// typesBeforeNegation: in 「住所や生年月日…は登録されておりません」 the types
// before the negation are the ones not leaked.
func typesBeforeNegation(s string) []string {
	i := len(s)
	for _, n := range negations {
		if j := strings.Index(s, n); j >= 0 && j < i {
			i = j
		}
	}
	return typesIn(s[:i])
}

// isTermList reports whether a line is itself a list of data items, such as
// "氏名、住所、電話番号" or "患者ID、氏名、生年月日".
func isTermList(s string) bool {
	return len(typesIn(s)) >= 2 && strings.Count(s, "、")+strings.Count(s, "・")+strings.Count(s, ",") >= 1
}

// isRequest reports whether a sentence asks the reader for something
// (password change, card statement check) rather than says what leaked.
func isRequest(s string) bool {
	return containsAny(s, []string{"お願い", "ください", "変更を", "再設定", "ご確認", "ご注意", "お問い合わせ先", "窓口"}) &&
		!containsAny(s, []string{"漏えい", "漏洩", "流出", "閲覧"})
}

var allTypes = []string{
	"name", "address", "postal_code", "phone", "fax", "email", "birthdate",
	"age", "gender", "affiliation", "account_id", "password",
	"customer_number", "credit_card", "bank_account", "national_id",
	"health", "academic", "purchase_history", "device", "location", "photo",
	"family",
}
