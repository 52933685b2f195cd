package enrich

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
)

//go:embed organizations.csv
var bundledOrganizations string

// Sectors decides an organization's JSIC major group: a table of known
// organizations first, then the words of the name, then the text.
type Sectors struct {
	known map[string]string
}

// NewSectors returns the bundled table of known organizations.
func NewSectors() *Sectors {
	s := &Sectors{known: map[string]string{}}
	if err := s.Load(strings.NewReader(bundledOrganizations), "organizations.csv"); err != nil {
		panic(err) // the bundled file is tested; this cannot happen
	}
	return s
}

// Load adds "organization,letter" lines (# comments allowed); name says
// where they come from in errors.
func (s *Sectors) Load(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		org, letter, ok := strings.Cut(t, ",")
		letter = strings.ToUpper(strings.TrimSpace(letter))
		if !ok || len(letter) != 1 || letter[0] < 'A' || letter[0] > 'T' {
			return fmt.Errorf("%s:%d: want \"organization,JSIC letter A-T\", got %q", name, line, t)
		}
		s.known[OrgKey(org)] = letter
	}
	return sc.Err()
}

// nameRule maps words of a name to a sector; the first rule that matches
// the end of the name, then anywhere in it, wins.
type nameRule struct {
	letter string
	words  []string
}

var nameRules = []nameRule{
	{"P", []string{"大学病院", "附属病院", "医療センター", "病院", "クリニック", "医院", "診療所", "薬局", "歯科", "社会福祉協議会", "福祉", "介護", "保育園", "こども園", "医療"}},
	{"S", []string{"教育委員会", "教育庁", "警察", "県警", "省", "庁", "都", "道", "府", "県", "市", "区", "町", "村", "役所", "役場", "委員会", "消防", "国税", "保健所", "事務所"}},
	// Co-operatives: a consumers' co-op sells (I); agricultural and
	// fishery co-ops are JSIC's 複合サービス事業 (Q).
	{"I", []string{"生活協同組合", "生協", "コープ"}},
	{"Q", []string{"農業協同組合", "漁業協同組合", "森林組合", "郵便局"}},
	{"O", []string{"大学", "大学院", "学園", "学院", "高等学校", "高校", "中学校", "小学校", "中等教育学校", "学校", "幼稚園", "専門学校", "高専", "塾", "予備校", "スクール", "教育",
		"図書館", "博物館", "美術館", "公民館", "資料館"}}, // JSIC O includes 社会教育
	{"J", []string{"銀行", "信用金庫", "信用組合", "信金", "証券", "保険", "生命", "損保", "共済", "カード", "クレジット", "ファイナンス", "信託", "FX", "労働金庫", "農協"}},
	{"M", []string{"ホテル", "旅館", "レストラン", "飲食", "居酒屋", "食堂", "カフェ", "リゾート"}},
	{"H", []string{"鉄道", "航空", "運輸", "物流", "運送", "交通", "郵便", "バス", "タクシー", "海運", "倉庫"}},
	{"F", []string{"電力", "ガス", "水道", "エネルギー"}},
	{"D", []string{"建設", "工務店", "建築", "土木"}},
	{"K", []string{"不動産", "リース", "レンタル", "住宅"}},
	{"L", []string{"研究所", "総合研究所", "法律事務所", "会計事務所", "コンサルティング", "デザイン", "広告"}},
	{"I", []string{"商事", "商会", "商店", "物産", "百貨店", "スーパー", "ストア", "ショップ", "通販", "販売", "マート", "ドラッグ"}},
	{"G", []string{"システム", "ソフト", "情報", "ネット", "通信", "テレビ", "放送", "新聞", "出版", "メディア", "データ", "クラウド", "テック", "IT", "デジタル", "コム", "ウェブ", "Web"}},
	{"E", []string{"工業", "製作所", "製造", "化学", "電機", "電子", "機器", "機械", "自動車", "製薬", "食品", "印刷", "鉄鋼", "精機", "工機", "製紙", "繊維", "重工"}},
	{"N", []string{"美容", "理容", "クリーニング", "旅行", "ツーリスト", "フィットネス", "スポーツクラブ", "ゲーム", "結婚"}},
	{"R", []string{"協会", "協議会", "連合会", "財団", "機構", "派遣", "人材"}},
}

// textRules read the sector from what the text says the organization does,
// when its name does not tell: a government's departments and staff, a
// school's pupils, a hospital's patients, a shop's orders, a bank's deposits.
var textRules = []nameRule{
	{"S", []string{"本市", "本県", "本町", "本村", "当市", "当県", "当町", "市民", "県民", "町民", "村民", "住民", "市職員",
		"県職員", "町職員", "市役所", "区役所", "町役場", "県庁", "本庁舎", "庁舎", "市長", "知事", "市政", "県政", "行政",
		"教育委員会", "市内", "県内", "県立", "市立", "町立", "記者発表"}},
	{"O", []string{"学習塾", "生徒", "児童", "本学", "学生", "教員", "教諭", "教職員", "保護者", "授業", "入試"}},
	{"P", []string{"患者", "本院", "当院", "診療", "診察", "カルテ", "入院", "看護", "介護", "利用者様"}},
	{"M", []string{"宿泊", "ご宿泊", "客室", "飲食店", "レストラン", "居酒屋", "餃子", "ラーメン", "寿司", "焼肉", "ご来店", "メニュー"}},
	{"J", []string{"当金庫", "当行", "弊行", "預金", "口座開設", "ローン", "融資", "保険契約", "証券口座", "組合員", "FX"}},
	{"I", []string{"オンラインショップ", "通販サイト", "ECサイト", "ネットショップ", "オンラインストア", "通信販売", "公式通販",
		"ご注文", "商品", "店舗", "ショッピング"}},
	{"G", []string{"ソフトウェア", "アプリ", "クラウドサービス", "SaaS", "ライセンス", "Webサービス"}},
}

// departmentRE is a government's department and section: 「総務部安全安心課」,
// 「まちづくり局交通政策室」. Firms have 部 and 課 too, so it counts as
// one more government word, not as proof.
var departmentRE = regexp.MustCompile(`\p{Han}{2,8}(?:部|局)\p{Han}{2,10}(?:課|室)`)

// nameSector reads the sector from the words of a name key. Every rule
// word in the name is a candidate, one that ends the name (○○病院) counting
// one character more; the longest wins, so a specific word beats a generic
// one (さくら不動産販売 is real estate, not retail), and ties keep the
// rules' order.
func nameSector(k string) string {
	best, bestScore := "", 0
	for _, w := range nameWords {
		score := 0
		switch {
		case strings.HasSuffix(k, w.word):
			score = w.runes + 1
		case w.runes > 1 && strings.Contains(k, w.word):
			score = w.runes
		}
		if score > bestScore {
			best, bestScore = w.letter, score
		}
	}
	return best
}

// nameWords are the words of nameRules in order, with their lengths in
// runes.
var nameWords = func() []ruleWord {
	var out []ruleWord
	for _, r := range nameRules {
		for _, w := range r.words {
			out = append(out, ruleWord{r.letter, w, utf8.RuneCountInString(w)})
		}
	}
	return out
}()

type ruleWord struct {
	letter, word string
	runes        int
}

// Sector returns the JSIC letter for org, reading text when the name alone
// does not tell; "" when neither does.
func (s *Sectors) Sector(org, text string) string {
	if org != "" {
		k := OrgKey(org)
		if l, ok := s.known[k]; ok {
			return l
		}
		if letter := nameSector(k); letter != "" {
			return letter
		}
	}
	var found textFound
	found.scan(text)
	best, bestN := "", 0
	w := 0 // the first word of rule r in textWords
	for _, r := range textRules {
		n := 0
		for range r.words {
			n += found.count[w]
			w++
		}
		// The regexp is the costly part of the text rules: run it only when
		// the text has the characters a department name needs.
		if r.letter == "S" && found.marks&(markBu|markKyoku) != 0 && found.marks&(markKa|markShitsu) != 0 {
			for _, loc := range departmentRE.FindAllStringIndex(text, 4) {
				n++
				if deptSubject(text, loc[0], loc[1]) {
					n++
				}
			}
		}
		if n > bestN {
			best, bestN = r.letter, n
		}
	}
	if bestN >= 2 {
		return best
	}
	return ""
}

// textWords indexes the words of textRules in order, then departmentMarks:
// one walk over a text counts them all, where strings.Index would walk it
// once per word.
var textWords = func() *wordscan.Index {
	var words []string
	for _, r := range textRules {
		words = append(words, r.words...)
	}
	if len(words) > maxTextWords {
		panic("enrich: more than maxTextWords text rule words")
	}
	return wordscan.New(append(words, departmentMarks...))
}()

// departmentMarks are the characters a department name needs (部 or 局,
// then 課 or 室), as bits of textFound.marks.
var departmentMarks = []string{"部", "局", "課", "室"}

const (
	markBu = 1 << iota
	markKyoku
	markKa
	markShitsu
)

// maxTextWords bounds the words of textRules, for arrays indexed by word.
const maxTextWords = 128

// textFound is what scan found: for each word of textRules its
// occurrences, each weighted by occurrenceWeight, and which departmentMarks
// occur.
type textFound struct {
	count [maxTextWords]int
	marks uint
}

// scan counts the words of textRules in text in one walk. Occurrences
// of one word do not overlap: the next is looked for after the end of the
// last, as strings.Index from there would find it.
func (f *textFound) scan(text string) {
	var next [maxTextWords]int // where an occurrence of a word may start: occurrences do not overlap
	words := textWords.Words()
	nRule := len(words) - len(departmentMarks)
	textWords.Each(text, func(at, w int) {
		if w >= nRule {
			f.marks |= 1 << (w - nRule)
			return
		}
		if at < next[w] {
			return
		}
		next[w] = at + len(words[w])
		f.count[w] += occurrenceWeight(text, at, words[w])
	})
}

// ownWords precede a word of what the organization itself does or runs:
// 「弊社のローン」, 「弊社オンラインショップ」, 「当協会が運営する通販サイト」.
var ownWords = []string{"弊社", "当社", "弊社の", "当社の", "が運営する", "が運営している", "が提供する", "が販売する"}

// publicCare follow 介護 where it names the public insurance a
// municipality runs or the providers it deals with, not the holder's own
// care work: 介護保険, 居宅介護支援事業所, 介護保険施設.
var publicCare = []string{"保険", "支援事業所", "事業所", "施設"}

// occurrenceWeight is what the occurrence of w at text[i:] counts: twice
// where the text says the organization itself offers it, not at all for a
// 介護 that names public insurance or a care provider the text deals with,
// else once.
func occurrenceWeight(text string, i int, w string) int {
	if w == "介護" && (hasAnyPrefix(text[i+len(w):], publicCare) || strings.HasSuffix(text[:i], "要")) {
		return 0
	}
	for _, o := range ownWords {
		if strings.HasSuffix(text[:i], o) {
			return 2
		}
	}
	return 1
}

// deptSubject reports whether the department at text[i:j] opens a
// sentence as its subject, as a government's section does when it reports
// its own incident: 「総務部安全安心課におきまして」, 「この度、○○部○○課において」.
func deptSubject(text string, i, j int) bool {
	before := text[:i]
	before = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(before, "、"), "この度"), "このたび")
	if before != "" && !strings.HasSuffix(before, "\n") && !strings.HasSuffix(before, "。") && !strings.HasSuffix(before, " ") {
		return false
	}
	return hasAnyPrefix(text[j:], []string{"におきまして", "において", "では"})
}

func hasAnyPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
