package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/schemas"
)

// dataTerm is a word that names a data type. Short terms (組, 姓, ID) name
// it only as an item of a list, between separators.
type dataTerm struct {
	word, kind string
	delimited  bool
	also       string // a second type the word names: 保護者の氏名 is a name too
}

var dataTerms = func() []dataTerm {
	raw := map[string][]string{
		"name":             {"氏名", "お名前", "名前", "ふりがな", "フリガナ", "姓名", "カナ氏名", "漢字氏名", "契約者名", "利用者名", "患者名", "生徒名", "児童名", "園児名", "参加者名", "申込者名", "世帯主名", "代表者名", "宛名情報"},
		"address":          {"住所", "お届け先", "届け先", "送付先住所", "配送先", "居所", "所在地"},
		"postal_code":      {"郵便番号"},
		"phone":            {"電話番号", "携帯電話番号", "携帯番号", "連絡先電話", "電話番号等"},
		"fax":              {"FAX番号", "ファックス番号", "ファクス番号", "ファクシミリ番号"},
		"email":            {"メールアドレス", "Eメールアドレス", "Emailアドレス", "E-mailアドレス", "電子メールアドレス", "メール・アドレス", "e-mail"},
		"birthdate":        {"生年月日", "誕生日"},
		"age":              {"年齢"},
		"gender":           {"性別"},
		"affiliation":      {"会社名", "部署名", "役職", "学校名", "勤務先", "所属団体", "団体名", "法人名", "企業名", "事業所名", "職名", "勤務先名", "小学校名", "中学校名", "園名", "在籍高校", "在籍校", "在籍学校", "所属部署", "所属先", "所属名", "所属機関"},
		"account_id":       {"ユーザーID", "ユーザID", "ログインID", "ユーザー名", "ユーザ名", "共通ID", "アカウント名", "アカウントID", "利用者ID", "会員ID", "アカウント情報"},
		"password":         {"パスワード", "パスワードハッシュ"},
		"customer_number":  {"会員番号", "顧客番号", "患者ID", "患者 ID", "患者番号", "学籍番号", "学生証番号", "学生番号", "奨学生番号", "人事番号", "生徒管理コード", "顧客管理番号", "受験番号", "社員番号", "職員番号", "診察券番号", "お客様番号", "契約番号", "カルテ番号", "利用者番号", "会員ID番号", "受付番号", "出席番号", "受講者番号", "受給者番号", "生徒番号", "児童番号"},
		"credit_card":      {"クレジットカード番号", "カード番号", "有効期限", "セキュリティコード", "カード名義", "クレジットカード情報", "カード情報", "名義人", "カード氏名", "カード名義人"},
		"bank_account":     {"口座番号", "口座情報", "金融機関名", "口座", "振込先"},
		"national_id":      {"マイナンバー", "個人番号", "免許証番号", "運転免許証番号", "運転免許証の写し", "被保険者番号", "保険証番号", "被保険者証", "旅券番号", "パスポート番号", "基礎年金番号", "在留カード"},
		"health":           {"病名", "診断名", "検査結果", "病歴", "既往歴", "処方", "診療科", "診療情報", "診療内容", "健康状態", "要介護度", "介護度", "病状", "症状", "アレルギー", "健診", "健康診断", "健康調査", "服薬", "傷病名", "障害の", "障害者", "受診科", "血液型", "医療情報", "健康上の"},
		"academic":         {"成績", "出身校", "出身中学校", "出身高校", "出身学校", "進学先", "学歴", "入学日", "卒業日", "通知表", "評定", "学級", "所見", "出欠", "テスト結果", "試験結果", "模擬試験", "模試", "答案", "得点", "点数", "学籍"},
		"purchase_history": {"購入履歴", "購入商品", "購入日", "注文内容", "注文履歴", "注文番号", "取引内容", "取引履歴", "取引情報", "契約内容", "請求金額", "利用履歴", "商品名", "購入金額", "利用金額"},
		"device":           {"MACアドレス", "端末ID", "端末識別番号", "シリアル番号", "シリアルナンバー", "車台番号", "車載機ID", "製品シリアル"},
		"location":         {"位置情報"},
		"photo":            {"顔写真"},
		"family":           {"続柄", "家族構成", "家族情報", "家族の氏名", "緊急連絡先", "保護者氏名", "保護者の氏名", "保護者名"},
	}
	// Short or common words name a type only as an item of a list, between
	// separators: 「氏名、電話、FAX」 but not 「お電話でお詫び」, 「FAX連絡票」.
	delimited := map[string]string{"組": "academic", "姓": "name", "名": "name", "ID": "account_id", "年齢": "age",
		"電話": "phone", "TEL": "phone", "連絡先": "phone", "FAX": "fax", "写真": "photo", "宛名": "name",
		"家族": "family", "配偶者": "family", "運転免許証": "national_id", "保険証": "national_id", "診療": "health",
		"検査": "health", "障害": "health", "入院": "health", "手術": "health", "製造番号": "device", "所属": "affiliation",
		"部署": "affiliation", "学部": "affiliation", "学科": "affiliation", "クラス": "academic", "学年": "academic", "在籍": "academic",
		"Eメール": "email", "職業": ""}
	var terms []dataTerm
	for kind, words := range raw {
		for _, w := range words {
			terms = append(terms, dataTerm{word: w, kind: kind})
		}
	}
	// PDF text and the normalizer keep a space between kana or kanji and
	// Latin: 「車載機 ID」 is 車載機ID, not a bare ID.
	for _, t := range terms {
		if w, ok := strings.CutSuffix(t.word, "ID"); ok && w != "" && !strings.HasSuffix(w, " ") && w[len(w)-1] >= 0x80 {
			t.word = w + " ID"
			if !slices.ContainsFunc(terms, func(u dataTerm) bool { return u.word == t.word }) {
				terms = append(terms, t)
			}
		}
	}
	for i := range terms {
		if strings.HasPrefix(terms[i].word, "保護者") || terms[i].word == "家族の氏名" {
			terms[i].also = "name"
		}
	}
	// Words that hold a type's word but name an attacker's means or a
	// register, not data that leaked: 管理者パスワード, 住所録.
	for _, w := range []string{"住所録", "アドレス帳", "電話帳", "名簿", "管理者パスワード", "管理者アカウント", "管理者ID"} {
		terms = append(terms, dataTerm{word: w})
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

// dataTermIndex finds dataTerms' words: a hit's Word is the term's index.
var dataTermIndex = func() *wordscan.Index {
	words := make([]string, len(dataTerms))
	for i, t := range dataTerms {
		words[i] = t.word
	}
	return wordscan.New(words)
}()

// usageAfter follows a data word that names a use of it, not data that
// leaked: 「パスワードを変更」, 「メールアドレス宛に」, 「ご家族の皆様」.
var usageAfter = []string{"を変更", "の変更", "変更", "を設定", "の設定", "設定", "をかけ", "はかけ", "付き", "付与", "リセット",
	"を再設定", "再設定", "による", "認証", "の管理", "管理", "が推測", "を用い", "の使い回し", "使い回し", "の強化", "強化",
	"を入力", "入力", "宛", "からの", "から", "の皆様", "の皆さま", "や関係者", "を解析", "を窃取し", "の漏えい防止", "ポリシー",
	"改ざん", "を知", "を悪用", "のリセット", "の再設定", "が脆弱", "総当たり", "を取得し", "を使用", "の使用", "に対し",
	"に送信", "へ送信", "の誤登録", "に誤登録", "の誤入力", "の転送", "の確認を", "等の適切な管理", "の適切な管理",
	"等の管理", "のご登録のない", "の登録のない", "のご登録がない", "の登録がない"}

// usageBefore precedes a data word used, not leaked: 「ご家族」,
// 「送信者アドレス」.
var usageBefore = []string{"ご", "お", "送信者の", "送信元の", "宛先", "転送先", "送信先", "送付先"}

// typesIn returns the data types named in s, longest words first, each
// span of text used once.
func typesIn(s string) []string {
	// Of ~250 terms a sentence holds a handful, found in one pass; they
	// are taken in list order, each one's occurrences from the left, as a
	// scan of s for each term in turn would find them.
	var buf [16]wordscan.Hit
	hits := dataTermIndex.AppendHits(buf[:0], s)
	if len(hits) == 0 {
		return nil
	}
	byWord(hits)
	used := make([]bool, len(s))
	var out []string
	for len(hits) > 0 {
		n := 1
		for n < len(hits) && hits[n].Word == hits[0].Word {
			n++
		}
		t := dataTerms[hits[0].Word]
		from := 0
		for _, h := range hits[:n] {
			i := h.At
			if i < from {
				continue // overlaps the occurrence before: strings.Index would skip it
			}
			j := i + len(t.word)
			from = j
			if anyUsed(used[i:j]) || (t.delimited && !delimitedAt(s, i, j)) {
				continue
			}
			for k := i; k < j; k++ {
				used[k] = true
			}
			if hasPrefixAny(s[j:], usageAfter) || dtHasSuffix(s[:i], usageBefore) || contactValue(t.kind, s[j:]) {
				continue
			}
			kind := t.kind
			// 「お届け先の個人情報」 is the addressees' data, not an address.
			if kind == "address" && strings.HasSuffix(t.word, "先") && hasPrefixAny(s[j:], []string{"の個人情報", "の方", "様"}) {
				continue
			}
			if kind == "" {
				continue // a word that holds a type's word but names none: 住所録
			}
			// A bare ID of a patient or a student is their number.
			if t.word == "ID" && containsAny(s, []string{"患者", "生徒", "学生", "会員", "顧客"}) {
				kind = "customer_number"
			}
			for _, k := range []string{kind, t.also} {
				if k != "" && !slices.Contains(out, k) {
					out = append(out, k)
				}
			}
		}
		hits = hits[n:]
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
	const seps = "、,・/ ()「」『』:\n+びやと"
	conj := []string{"又は", "または", "及び", "並びに", "ならびに"}
	// The runes next to the word are decoded in place: converting all of
	// s[:i] or s[j:] to []rune to read one rune cost more than the rest of
	// typesIn.
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[j:])
	before := i == 0 || strings.ContainsRune(seps, prev) || dtHasSuffix(s[:i], conj)
	after := j == len(s) || strings.ContainsRune(seps+"等", next) || hasPrefixAny(s[j:], conj)
	return before && after
}

// negations: a sentence with one of these says the types in it
// were not leaked, or are not held at all.
var negations = []string{"含まれておりません", "含まれていません", "含まれません", "含まれていない", "含まれず",
	"含まれておらず", "登録されておりません", "登録されておられません", "登録されていません", "保有しておりません",
	"保有していない", "取得・保有していない", "取得していない", "保有しておらず", "対象外",
	"流出していない", "漏えいしていない", "流出はありません", "漏えいはありません", "含まれるものではありません",
	"含まれていなかった", "含まれなかった", "記載されておりません", "記載されていません", "記載はありません", "流出しておりません",
	"漏えいしておりません", "漏洩しておりません", "流出していません", "漏えいしていません", "漏洩していません", "えいはありません",
	"はありません", "はございません", "ではありません", "保存されておりません", "保存されていません", "取り扱っておりません",
	"お預かりしておりません", "保持しておりません", "保持していません"}

// leakContext are words that make a sentence or a heading about the data
// that leaked or could be seen.
var leakContext = []string{"漏えい", "漏洩", "流出", "閲覧", "含ま", "項目", "記載", "保存", "登録され", "表示",
	"公開", "送付", "送信", "掲載", "個人情報", "情報は", "不正取得", "不正に取得", "持ち出", "内容", "情報",
	"対象", "データ", "添付", "記録", "紛失", "盗難", "窃取", "取得され", "名分", "人分"}

// The word lists dataTypes checks a sentence against, as bits of
// dataTypeLists.in.
const (
	hasNegation = 1 << iota
	hasHeldNot  // heldNotButLeaked
	hasBelow    // 以下
	hasDeny     // わけでは
	hasSpoofMail
	hasSpoofLeak // what makes a spoofed mail's sentence one about a leak
	hasLeakContext
	hasRequest
	hasRequestLeak // what makes a request one about a leak
)

var dataTypeLists = newListSet(negations, heldNot, []string{"以下"}, []string{"わけでは"}, spoofMails, spoofLeaks,
	leakContext, requests, requestLeaks)

// dataTypes collects the types named as leaked: in sentences or list items
// about leaked data, less the types a negated sentence (or the list under
// it) names.
func dataTypes(w *watch, sents []sentence) ([]string, string) {
	found := map[string]bool{}
	negated := map[string]bool{}
	var evidence string
	negatedList := -1 // line under which list items are negated
	var heading string
	var headingLeak bool
	for i, s := range sents {
		w.check()
		// has is the lists with a word in s.Text, read again when it
		// changes.
		has := dataTypeLists.in(s.Text)
		if has&hasDeny != 0 {
			// 「…からパスワードがわかるわけではありません」 denies a
			// consequence, not that the data leaked.
			s.Text = strings.NewReplacer("わけではありません", "わけで", "わけではない", "わけで").Replace(s.Text)
			has = dataTypeLists.in(s.Text)
		}
		if spoofWarning(has) {
			continue
		}
		// Only a sentence with a negation has bracketed parts that hold
		// one.
		if has&hasNegation != 0 {
			for _, p := range negatedParts(s.Text) {
				for _, t := range typesIn(p) {
					negated[t] = true
				}
			}
			if t := withoutNegatedParts(s.Text); t != s.Text {
				s.Text = t
				has = dataTypeLists.in(s.Text)
			}
		}
		types := typesIn(s.Text)
		all := len(types) // typesIn(s.Text), for isTermList
		neg := has&hasNegation != 0 && has&hasHeldNot == 0
		if neg && (has&hasBelow != 0 || strings.HasSuffix(s.Text, ":")) {
			negatedList = i
		}
		if negatedList >= 0 && i > negatedList && !s.Item {
			negatedList = -1
		}
		if len(types) == 0 {
			continue
		}
		switch {
		case neg && has&hasBelow == 0:
			for _, t := range typesBeforeNegation(s.Text) {
				negated[t] = true
			}
			// What comes before the negated clause still counts:
			// 「診察券番号※医療機関名は含まれておりません」.
			head := s.Text[:negationScope(s.Text[:firstNegation(s.Text)])]
			if types = typesIn(head); len(types) == 0 || !strings.ContainsAny(head, "※") {
				continue
			}
		case negatedList >= 0 && i > negatedList && s.Item:
			continue
		}
		if i == 0 || s.Heading != heading {
			heading, headingLeak = s.Heading, dataTypeLists.in(s.Heading)&hasLeakContext != 0
		}
		ctx := has&hasLeakContext != 0 || headingLeak ||
			(s.Item && listContext(sents, i)) || isTermList(s.Text, all)
		if !ctx || isRequest(has) {
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
	for _, t := range schemas.DataTypes {
		if found[t] && !negated[t] {
			out = append(out, t)
		}
	}
	return out, evidence
}

// heldNotButLeaked reports a sentence that says a type was not held and
// then how it leaked anyway, as card-skimming notices do:
// 「弊社ではクレジットカード情報を保有しておりませんでしたが、…改ざんされ」.
func heldNotButLeaked(s string) bool { return containsAny(s, heldNot) }

var heldNot = []string{"保有しておりませんでしたが", "保有していませんでしたが", "保持しておりませんでしたが",
	"保有しておりませんが", "保持しておりませんが", "お預かりしておりませんが", "お預かりしておりませんでしたが"}

// negatedParts are the bracketed parts of s that hold a negation.
func negatedParts(s string) []string {
	var out []string
	for from := 0; ; {
		i := strings.Index(s[from:], "(")
		if i < 0 {
			return out
		}
		i += from
		j := strings.Index(s[i:], ")")
		if j < 0 {
			return out
		}
		if p := s[i+1 : i+j]; containsAny(p, negations) {
			out = append(out, p[negationScope(p):])
		}
		from = i + j + 1
	}
}

// listContext reports whether the list that item i belongs to is
// introduced by a line about leaked data: it walks back over the items and
// short lines of the list.
func listContext(sents []sentence, i int) bool {
	for j := i - 1; j >= 0 && j >= i-12; j-- {
		// Joined, since a word may span the two.
		t := sents[j].Text + sents[j].Heading
		if dataTypeLists.in(t)&hasLeakContext != 0 {
			return true
		}
		if !sents[j].Item && utf8.RuneCountInString(sents[j].Text) > 30 {
			return false
		}
	}
	return false
}

// typesBeforeNegation: in 「住所や生年月日…は登録されておりません」 the types
// before the negation are the ones not leaked.
func typesBeforeNegation(s string) []string {
	i := firstNegation(s)
	return typesIn(s[negationScope(s[:i]):i])
}

// firstNegation is where the first negation in s begins, len(s) if none.
func firstNegation(s string) int {
	i := len(s)
	for _, n := range negations {
		if j := strings.Index(s, n); j >= 0 && j < i {
			i = j
		}
	}
	return i
}

// negationScope is where the clause that a negation ends begins: after a
// note mark, an opening bracket that is still open, or a sentence start.
// In 「診察券番号(妻)※医療機関名は含まれておりません」 only 医療機関名 is
// negated.
func negationScope(s string) int {
	start := 0
	for _, m := range []string{"※", "。", "ただし", "なお", "但し"} {
		if k := strings.LastIndex(s, m); k >= 0 && k+len(m) > start {
			start = k + len(m)
		}
	}
	if k := strings.LastIndex(s, "("); k >= 0 && k+1 > start && !strings.Contains(s[k:], ")") {
		start = k + 1
	}
	return start
}

// withoutNegatedParts removes the bracketed or noted parts of s that hold a
// negation: 「(1)患者ID及びカナ氏名(住所や電話番号はありません。)」 leaked
// the ID and the name, not the address.
func withoutNegatedParts(s string) string {
	for {
		i := strings.Index(s, "(")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], ")")
		if j < 0 {
			return s
		}
		if !containsAny(s[i:i+j], negations) {
			rest := withoutNegatedParts(s[i+j+1:])
			return s[:i+j+1] + rest
		}
		s = s[:i] + s[i+j+1:]
	}
}

// isTermList reports whether a line is itself a list of data items, such as
// "氏名、住所、電話番号" or "患者ID、氏名、生年月日".
// types is len(typesIn(s)).
func isTermList(s string, types int) bool {
	return types >= 2 && strings.Count(s, "、")+strings.Count(s, "・")+strings.Count(s, ",") >= 1
}

// isRequest reports whether a sentence asks the reader for something
// (password change, card statement check) rather than says what leaked.
// has is dataTypeLists.in(s).
func isRequest(has uint64) bool {
	return has&hasRequest != 0 && has&hasRequestLeak == 0
}

var (
	requests     = []string{"お願い", "ください", "変更を", "再設定", "ご確認", "ご注意", "お問い合わせ先", "窓口"}
	requestLeaks = []string{"漏えい", "漏洩", "流出", "閲覧"}
)

func dtHasSuffix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// contactValue reports whether a phone or fax word labels a number that
// follows it, 「TEL:089-000-0000」: a contact desk's number, not data that
// leaked.
func contactValue(kind, after string) bool {
	if kind != "phone" && kind != "fax" {
		return false
	}
	after = strings.TrimLeft(after, ": ")
	digits := 0
	for _, r := range after {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case (r == '-' || r == '(' || r == ')') && digits >= 2:
			return true
		default:
			return false
		}
	}
	return false
}

// spoofMails name mail that impersonates the organization.
var spoofMails = []string{"不審メール", "不審なメール", "なりすましメール", "なりすましのメール", "迷惑メール", "を装った", "を装う",
	"送信者として", "差出人として"}

// spoofWarning reports a sentence that describes spoofed mail, its sender's
// name and address or its password-protected attachment, as a warning to
// the reader, without saying that data leaked.
// has is dataTypeLists.in(s).
func spoofWarning(has uint64) bool {
	return has&hasSpoofMail != 0 && has&hasSpoofLeak == 0
}

var spoofLeaks = []string{"漏えい", "漏洩", "流出", "窃取", "盗", "不正に取得", "閲覧", "漏れ"}
