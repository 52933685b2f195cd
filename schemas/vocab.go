package schemas

// Cause is one value of the GUIDE's cause list with its VERIS action and
// Tokyo Shoko Research category.
type Cause struct {
	Name, Veris, TSR, Description string
}

// Causes is the cause vocabulary, in the GUIDE's order.
var Causes = []Cause{
	{"ransomware", "malware", "ウイルス感染・不正アクセス", "ransomware: files encrypted, ransom demanded"},
	{"malware", "malware", "ウイルス感染・不正アクセス", "other malware: Emotet, trojans, virus infection"},
	{"unauthorized_access", "hacking", "ウイルス感染・不正アクセス", "intrusion, exploited vulnerability, brute force, account takeover, defacement, card skimming"},
	{"social_engineering", "social", "ウイルス感染・不正アクセス", "phishing, support scams, impersonation"},
	{"misdelivery", "error", "誤表示・誤送信", "mail, letter or fax sent to the wrong recipient; To/CC instead of BCC"},
	{"publishing_error", "error", "誤表示・誤送信", "personal data posted on a web page, SNS or published file"},
	{"misconfiguration", "error", "誤表示・誤送信", "a server, cloud storage or share left public or open"},
	{"programming_error", "error", "誤表示・誤送信", "a system bug showed or sent one person's data to another"},
	{"loss", "error", "紛失・誤廃棄", "device or papers lost or missing"},
	{"disposal_error", "error", "紛失・誤廃棄", "disposal or resale of media still holding data"},
	{"theft", "physical", "盗難", "device or papers stolen by an outsider"},
	{"insider_misuse", "misuse", "不正持ち出し・盗難", "data taken out or misused by an employee or contractor"},
	{"mishandling", "error", "その他", "other handling errors"},
	{"unknown", "unknown", "その他", "cause not stated or under investigation"},
}

// CauseByName returns the cause with the given name.
func CauseByName(name string) (Cause, bool) {
	for _, c := range Causes {
		if c.Name == name {
			return c, true
		}
	}
	return Cause{}, false
}

// DataTypes is the data-type vocabulary, in the GUIDE's order.
var DataTypes = []string{
	"name", "address", "postal_code", "phone", "fax", "email", "birthdate",
	"age", "gender", "affiliation", "account_id", "password",
	"customer_number", "credit_card", "bank_account", "national_id",
	"health", "academic", "purchase_history", "device", "location", "photo",
	"family",
}

// Sectors maps a JSIC 2023 major-group letter to its name.
var Sectors = map[string]string{
	"A": "農業，林業", "B": "漁業", "C": "鉱業，採石業，砂利採取業", "D": "建設業",
	"E": "製造業", "F": "電気・ガス・熱供給・水道業", "G": "情報通信業",
	"H": "運輸業，郵便業", "I": "卸売業，小売業", "J": "金融業，保険業",
	"K": "不動産業，物品賃貸業", "L": "学術研究，専門・技術サービス業",
	"M": "宿泊業，飲食サービス業", "N": "生活関連サービス業，娯楽業",
	"O": "教育，学習支援業", "P": "医療，福祉", "Q": "複合サービス事業",
	"R": "サービス業（他に分類されないもの）", "S": "公務（他に分類されるものを除く）",
	"T": "分類不能の産業",
}
