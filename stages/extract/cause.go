package extract

import (
	"math"
	"math/bits"
	"regexp"
	"slices"
	"strings"

	"github.com/breachtrend/breachtrend/internal/wordscan"
)

// causeCue is a phrase that states a cause, with its weight.
type causeCue struct {
	cause  string
	phrase string
	weight float64
}

var causeCues = []causeCue{
	{"ransomware", "ランサムウェア", 4}, {"ransomware", "身代金", 3},
	{"ransomware", "ランサム", 3}, {"ransomware", "LockBit", 3}, {"ransomware", "リークサイト", 2},
	{"malware", "マルウェア", 3}, {"malware", "Emotet", 4}, {"malware", "エモテット", 4}, {"malware", "トロイの木馬", 3},
	{"malware", "ウイルス感染", 3}, {"malware", "ウィルス感染", 3}, {"malware", "ウイルスに感染", 3}, {"malware", "ウィルスに感染", 3},
	{"malware", "不正プログラム", 2}, {"malware", "コンピュータウイルス", 3}, {"malware", "感染", 1},
	{"unauthorized_access", "不正アクセス", 3}, {"unauthorized_access", "脆弱性", 2}, {"unauthorized_access", "総当たり", 2},
	{"unauthorized_access", "ブルートフォース", 2}, {"unauthorized_access", "不正ログイン", 3}, {"unauthorized_access", "改ざん", 2},
	{"unauthorized_access", "サイバー攻撃", 2}, {"unauthorized_access", "侵入", 2}, {"unauthorized_access", "乗っ取", 3},
	{"unauthorized_access", "不正に利用され", 3}, {"unauthorized_access", "不正使用", 2}, {"unauthorized_access", "リスト型攻撃", 3},
	{"unauthorized_access", "SQLインジェクション", 3},
	{"unauthorized_access", "不正サインイン", 3}, {"unauthorized_access", "不正にサインイン", 3}, {"unauthorized_access", "不正なアクセス", 3},
	{"unauthorized_access", "不正なログイン", 3}, {"unauthorized_access", "不正にログイン", 3}, {"unauthorized_access", "使い回し", 2}, {"unauthorized_access", "不正に取得され", 1}, {"unauthorized_access", "攻撃", 1},
	{"unauthorized_access", "迷惑メール", 1}, {"unauthorized_access", "スパムメール", 1}, {"unauthorized_access", "不正中継", 2},
	{"social_engineering", "フィッシング", 3}, {"social_engineering", "サポート詐欺", 4}, {"social_engineering", "なりすまし", 2},
	{"social_engineering", "偽の警告", 4}, {"social_engineering", "偽サイト", 2}, {"social_engineering", "詐欺メール", 2}, {"social_engineering", "詐欺サイト", 2}, {"social_engineering", "偽のログイン", 3},
	{"social_engineering", "標的型", 2},
	{"misdelivery", "誤送信", 4}, {"misdelivery", "宛先間違", 4}, {"misdelivery", "宛先を誤", 4}, {"misdelivery", "BCC", 3},
	{"misdelivery", "誤送付", 4}, {"misdelivery", "誤交付", 4}, {"misdelivery", "誤配布", 4}, {"misdelivery", "誤配達", 4},
	{"misdelivery", "誤って送信", 4}, {"misdelivery", "誤って送付", 4}, {"misdelivery", "誤ってメール", 3}, {"misdelivery", "転送", 2},
	{"misdelivery", "送付先を誤", 4}, {"misdelivery", "入れ違", 3}, {"misdelivery", "封入", 2}, {"misdelivery", "宛名", 1},
	{"misdelivery", "異なる", 1}, {"misdelivery", "別の方", 2}, {"misdelivery", "他の方", 1}, {"misdelivery", "誤って添付", 3},
	{"misdelivery", "送信先", 1}, {"misdelivery", "宛先", 1},
	{"publishing_error", "誤掲載", 4}, {"publishing_error", "掲載して", 2}, {"publishing_error", "掲載され", 2},
	{"publishing_error", "掲示", 2}, {"publishing_error", "ホームページに掲載", 3}, {"publishing_error", "誤って公開", 3},
	{"publishing_error", "SNS", 1}, {"publishing_error", "投稿", 1}, {"publishing_error", "アップロード", 1},
	{"publishing_error", "掲載した", 2}, {"publishing_error", "掲載する際", 3}, {"publishing_error", "誤って掲載", 4},
	{"misconfiguration", "設定ミス", 4}, {"misconfiguration", "設定不備", 4}, {"misconfiguration", "誤設定", 4},
	{"misconfiguration", "設定誤り", 4}, {"misconfiguration", "設定を誤", 4}, {"misconfiguration", "設定の誤", 4},
	{"misconfiguration", "公開設定", 3}, {"misconfiguration", "アクセス制限", 2}, {"misconfiguration", "閲覧可能な状態", 2},
	{"misconfiguration", "閲覧できる状態", 2}, {"misconfiguration", "誰でも", 2}, {"misconfiguration", "共有設定", 3},
	{"misconfiguration", "リンクを知っている", 3}, {"misconfiguration", "設定", 1}, {"misconfiguration", "検索エンジン", 1},
	{"programming_error", "システム不具合", 4}, {"programming_error", "不具合", 3}, {"programming_error", "バグ", 4},
	{"programming_error", "プログラムの誤り", 4}, {"programming_error", "プログラムミス", 4}, {"programming_error", "誤表示", 2},
	{"programming_error", "システムの誤り", 3}, {"programming_error", "システムエラー", 3},
	{"programming_error", "表示される現象", 3}, {"programming_error", "表示される事象", 3},
	{"programming_error", "欠陥", 3}, {"programming_error", "キャッシュ", 2}, {"programming_error", "プログラムの", 1},
	{"loss", "紛失", 4}, {"loss", "置き忘れ", 4}, {"loss", "所在不明", 4}, {"loss", "遺失", 3}, {"loss", "落とし", 2},
	{"loss", "見当たら", 3}, {"loss", "行方不明", 3},
	{"disposal_error", "誤廃棄", 5}, {"disposal_error", "廃棄", 2}, {"disposal_error", "転売", 3}, {"disposal_error", "売却", 2},
	{"disposal_error", "リサイクル", 2}, {"disposal_error", "処分", 1},
	{"disposal_error", "フリマ", 3}, {"disposal_error", "出品", 2}, {"disposal_error", "中古", 2},
	{"theft", "盗難", 4}, {"theft", "車上荒らし", 5}, {"theft", "窃取", 2}, {"theft", "盗まれ", 4}, {"theft", "ひったくり", 5},
	{"theft", "空き巣", 5},
	{"insider_misuse", "内部不正", 5}, {"insider_misuse", "不正持ち出し", 5}, {"insider_misuse", "持ち出", 3},
	{"insider_misuse", "目的外利用", 5}, {"insider_misuse", "元従業員", 3}, {"insider_misuse", "元社員", 3},
	{"insider_misuse", "不正に収集", 4}, {"insider_misuse", "私的", 3}, {"insider_misuse", "不正に取得して", 3},
	{"insider_misuse", "懲戒", 2}, {"insider_misuse", "私的に", 3}, {"insider_misuse", "元職員", 3},
	{"insider_misuse", "退職した", 2}, {"insider_misuse", "退職者", 2}, {"insider_misuse", "無断で", 2},
	{"mishandling", "管理ミス", 3}, {"mishandling", "作業ミス", 3}, {"mishandling", "残置", 3}, {"mishandling", "手違い", 2},
	{"mishandling", "確認不足", 2}, {"mishandling", "不適切な取扱", 2}, {"mishandling", "誤って", 1},
	{"mishandling", "独断", 3}, {"mishandling", "認識が不十分", 3}, {"mishandling", "認識不足", 3}, {"mishandling", "不注意", 2},
	{"mishandling", "確認を怠", 2}, {"mishandling", "持ち帰", 2},
}

// patternCues state a cause with words apart: 「誤って…を送信」.
// Each has the words every match holds, one of each group (need), so that
// the pattern runs only on the sentences that hold them.
var patternCues = []struct {
	cause  string
	re     *regexp.Regexp
	weight float64
	need   [][]string
}{
	{"misdelivery", regexp.MustCompile(`誤(?:って|った|り)[^。]{0,40}?(?:送信|送付|送っ|添付|配布|交付|郵送|発送|渡し|お渡し|転送)`), 4,
		needs([]string{"誤"}, []string{"送信", "送付", "送っ", "添付", "配布", "交付", "郵送", "発送", "渡し", "転送"})},
	{"misdelivery", regexp.MustCompile(`(?:Bcc|BCC|bcc)[^。]{0,30}(?:To|TO|宛先|CC|Cc)`), 3,
		needs([]string{"Bcc", "BCC", "bcc"})},
	{"programming_error", regexp.MustCompile(`他(?:の)?[^。、]{0,10}?(?:利用者|お客様|会員|ユーザー?|申請者|患者)(?:様|さま)?[^。]{0,30}(?:表示|閲覧でき)`), 3,
		needs([]string{"他"}, []string{"表示", "閲覧でき"})},
	{"unauthorized_access", regexp.MustCompile(`(?:アカウント|ID|パスワード)[^。]{0,20}(?:不正(?:に)?(?:使用|利用)|窃取|盗まれ)`), 3,
		needs([]string{"アカウント", "ID", "パスワード"}, []string{"不正", "窃取", "盗まれ"})},
}

func needs(groups ...[]string) [][]string { return groups }

// consequences are attack words used for what an intruder did with the
// organization's systems, not for how it got in: an account taken over
// sent 「フィッシングメールの送信」, and 「ニセ電話詐欺被害」 is the subject of
// a police file, not its cause.
var consequenceRE = regexp.MustCompile(`(?:フィッシング|なりすまし|詐欺|迷惑)(?:メール|サイト)?[^。、]{0,6}(?:送信|配信|送付|被害者|被害届|被害の)`)

// consequenceWords open every match of consequenceRE, and consequenceEnds
// are in every match.
var (
	consequenceWords = []string{"フィッシング", "なりすまし", "詐欺", "迷惑"}
	consequenceEnds  = []string{"送信", "配信", "送付", "被害"}
)

// dataWords name data, not a device or papers.
var dataWords = []string{"情報", "データ", "パスワード", "アカウント", "ID"}

// lemmaCues are verbs matched on kagome's base forms, so that 盗まれました,
// 盗んだ and 盗られた, or 紛失いたしました and 無くした, are one cue each.
var lemmaCues = []struct {
	cause, base string
	weight      float64
}{
	{"theft", "盗む", 4}, {"theft", "盗る", 4}, {"loss", "無くす", 3}, {"loss", "失くす", 3}, {"loss", "なくす", 3},
	{"loss", "置き忘れる", 4}, {"loss", "落とす", 2}, {"disposal_error", "捨てる", 2},
	{"insider_misuse", "持ち出す", 1},
}

// physicalItems are things a thief carries away.
var physicalItems = []string{"鞄", "かばん", "カバン", "バッグ", "車", "パソコン", "PC", "端末", "USB", "書類", "ノート",
	"スマートフォン", "携帯", "財布", "資料", "封筒", "文書", "ハードディスク", "媒体"}

// lemmaStems are what the lemma cues' conjugated forms hold: a token whose
// base form is a lemma cue's has one in its surface (TestLemmaStems reads
// them from the dictionary). The forms of なくす and 無くす are spelled out:
// the stems なく and 無く are everywhere (ではなく, 間もなく), and
// tokenizing each sentence that holds them cost most of cause's kagome
// time. No dictionary word has the base form 失くす: only an unknown word
// spelled so can.
var lemmaStems = []string{"盗", "無くさ", "無くし", "無くす", "無くせ", "無くそ", "失くす",
	"なくさ", "なくし", "なくす", "なくせ", "なくそ", "置き忘", "落と", "捨て", "持ち出"}

// causeWords make a sentence one that states a cause.
var causeWords = []string{"原因", "起因", "要因", "により", "によって", "による", "ため", "経緯", "を受け", "された"}

// causeStatements make a sentence one that states the cause outright.
var causeStatements = []string{"原因は", "が原因", "に起因", "によるもの", "ことによる", "ことから", "要因は", "が要因"}

// speculative phrases make a sentence about a possibility being checked,
// which states no cause: 「不正アクセスの有無を調査中」.
var speculative = []string{"有無", "調査中", "可能性を調査", "かどうか", "ではありません", "ではない", "ございません",
	"確認されておりません", "確認されていません", "認められません", "ご注意", "お気をつけ", "ないよう", "防止", "対策",
	"注意喚起", "依頼", "徹底", "努めて", "してまいります", "いたします", "今後"}

// responseHeadings head the parts of a notice about what was done or will
// be done, not about what happened.
var responseHeadings = []string{"対応", "対策", "再発防止", "今後", "お願い", "お問い合わせ", "問合せ", "ご注意", "窓口"}

// The word lists cause checks a text against, as bits of causeText.lists.
const (
	hasCauseWord = 1 << iota
	hasCauseStatement
	hasSpeculative
	hasConsequenceWord
	hasConsequenceEnd
	hasDataWord
	hasPhysicalItem
	hasLemmaStem
	hasTitleQuote // 『
	hasListedIn   // に掲載
	hasPatternNeed
)

// causeIndex finds in one pass over a text its cause cues (a hit's Word is
// the cue's index) and the words of the lists above (causeListBits gives
// the lists of the word of id len(causeCues)+k). Each need group of a
// patternCue is a list from bit hasPatternNeed on; patternNeeds are each
// pattern's groups.
var causeIndex, causeListBits, patternNeeds = func() (*wordscan.Index, []uint64, []uint64) {
	lists := [][]string{causeWords, causeStatements, speculative, consequenceWords, consequenceEnds, dataWords, physicalItems,
		lemmaStems, {"『"}, {"に掲載"}}
	if len(lists) != bits.TrailingZeros(hasPatternNeed) {
		panic("cause: the list bits and the lists differ")
	}
	need := make([]uint64, len(patternCues))
	for i, c := range patternCues {
		for _, g := range c.need {
			need[i] |= 1 << len(lists)
			lists = append(lists, g)
		}
	}
	phrases := make([]string, len(causeCues))
	for i, c := range causeCues {
		phrases[i] = c.phrase
	}
	x, listBits := newListIndex(phrases, lists...)
	return x, listBits, need
}()

// causeText is what causeIndex finds in a text.
type causeText struct {
	cues  []wordscan.Hit // the cues, by cue and each cue's by position
	lists uint64         // the lists that have a word in it
}

// scan fills c with the words of s, reusing its memory.
func (c *causeText) scan(s string) {
	all := causeIndex.AppendHits(c.cues[:0], s)
	c.cues, c.lists = all[:0], 0
	for _, h := range all {
		if h.Word >= len(causeCues) {
			c.lists |= causeListBits[h.Word-len(causeCues)]
			continue
		}
		c.cues = append(c.cues, h) // in place: at most as many as read
	}
	byWord(c.cues)
}

// cause decides the notice's cause from the title and the sentences that
// state a cause. It returns "unknown" when no sentence states one.
func cause(w *watch, title string, sents []sentence) (string, string) {
	scores, evidence := causeScores(w, title, sents)
	// Ransomware is an intrusion too, and Emotet is malware: the specific
	// cause wins when both are stated.
	if scores["ransomware"] >= 6 {
		return "ransomware", evidence["ransomware"]
	}
	best, bestScore := "unknown", 0.0
	for _, c := range causeOrder {
		if scores[c] > bestScore {
			best, bestScore = c, scores[c]
		}
	}
	if bestScore < 3 {
		return "unknown", ""
	}
	return best, evidence[best]
}

// causeScores scores each cause by the cues of the title and the sentences,
// with the text that gave each cause its strongest cue.
func causeScores(w *watch, title string, sents []sentence) (map[string]float64, map[string]string) {
	scores := map[string]float64{}
	evidence := map[string]string{}
	evScore := map[string]float64{}
	note := func(c string, w float64, text string) {
		scores[c] += w
		if w > evScore[c] {
			evScore[c], evidence[c] = w, text
		}
	}
	var found causeText // what text (then scan) holds, its memory reused
	var used []bool
	// add scores text, whose words are in found.
	add := func(text string, mult float64) {
		if mult == 0 {
			return
		}
		scan := text
		if found.lists&hasTitleQuote != 0 {
			scan = maskTitles(scan)
			found.scan(scan)
		}
		if found.lists&hasListedIn != 0 {
			scan = maskListed(scan)
			found.scan(scan)
		}
		if found.lists&hasConsequenceWord != 0 && found.lists&hasConsequenceEnd != 0 {
			scan = consequenceRE.ReplaceAllStringFunc(scan, func(m string) string { return strings.Repeat("_", len(m)) })
			found.scan(scan)
		}
		used = slices.Grow(used[:0], len(scan))[:len(scan)]
		clear(used)
		// Data or a password stolen, with no device or papers named, is an
		// intrusion, not a theft.
		dataTheft := found.lists&hasDataWord != 0 && found.lists&hasPhysicalItem == 0
		cueCause := func(c string) string {
			if c == "theft" && dataTheft {
				return "unauthorized_access"
			}
			return c
		}
		// The cues in list order, each one's occurrences from the left, as
		// a scan of the text for each cue in turn would find them: each
		// counts once a sentence, at its first occurrence that no earlier
		// cue took (a strong cue may share its text).
		cues := found.cues
		for len(cues) > 0 {
			k := cues[0].Word
			n := 1
			for n < len(cues) && cues[n].Word == k {
				n++
			}
			c := causeCues[k]
			for from, h := 0, 0; h < n; h++ {
				i := cues[h].At
				if i < from {
					continue // overlaps the occurrence before: strings.Index would skip it
				}
				from = i + len(c.phrase)
				if anyUsed(used[i:from]) && c.weight < 3 {
					continue
				}
				for k := i; k < from; k++ {
					used[k] = true
				}
				note(cueCause(c.cause), c.weight*mult, text)
				break
			}
			cues = cues[n:]
		}
		for i, c := range patternCues {
			if found.lists&patternNeeds[i] == patternNeeds[i] && c.re.MatchString(scan) {
				note(c.cause, c.weight*mult, text)
			}
		}
		// Only cause sentences whose text holds a cue verb's stem are
		// tokenized: a few sentences a notice, never the whole text.
		if mult >= 2 && found.lists&hasLemmaStem != 0 {
			seen := map[string]bool{}
			for _, m := range morphs(scan) {
				for _, c := range lemmaCues {
					if m.Base == c.base && !seen[c.base] {
						seen[c.base] = true
						note(cueCause(c.cause), c.weight*mult, text)
					}
				}
			}
		}
	}
	found.scan(title)
	add(title, 3)
	var heading string
	var role headingRole
	for i, s := range sents {
		w.check()
		if i == 0 || s.Heading != heading {
			heading, role = s.Heading, roleOf(s.Heading)
		}
		found.scan(s.Text)
		mult := 1.0
		if found.lists&hasCauseWord != 0 || role.cause {
			mult = 2
		}
		if found.lists&hasCauseStatement != 0 || role.statement {
			mult = 3
		}
		if found.lists&hasSpeculative != 0 {
			mult = 0.25
		}
		if role.response {
			mult = math.Min(mult, 0.25)
		}
		add(s.Text, mult)
	}
	return scores, evidence
}

// headingRole is what a sentence's heading says of it. Sentences under one
// heading come in a row, so it is read once for them.
type headingRole struct {
	cause     bool // a heading about what happened: the sentence may state a cause
	statement bool // a heading about the cause itself
	response  bool // a heading about what was or will be done
}

func roleOf(h string) headingRole {
	return headingRole{
		cause:     containsAny(h, []string{"原因", "経緯", "概要", "発生", "事案", "内容"}),
		statement: containsAny(h, []string{"原因", "要因"}),
		response:  containsAny(h, responseHeadings) && !containsAny(h, []string{"原因", "経緯", "概要"}),
	}
}

var causeOrder = []string{"ransomware", "malware", "social_engineering", "misdelivery", "publishing_error",
	"programming_error", "misconfiguration", "loss", "disposal_error", "theft", "insider_misuse",
	"unauthorized_access", "mishandling"}

// maskTitles blanks what stands between 『 and 』: the name of a work, a
// mail's subject or a page quoted inside a quote states no cause
// (「『輸出転売の最終形態』などの件名」 is no resale of media).
func maskTitles(s string) string {
	b := []byte(s)
	for from := 0; ; {
		i := strings.Index(s[from:], "『")
		if i < 0 {
			return string(b)
		}
		i += from + len("『")
		j := strings.Index(s[i:], "』")
		if j < 0 {
			return string(b)
		}
		for k := i; k < i+j; k++ {
			b[k] = '_'
		}
		from = i + j + len("』")
	}
}

// listedIn are entries in a list or a register, which 掲載 also says: 「顧客
// リストに掲載されたメールアドレス」 was listed, not published.
var listedIn = []string{"リストに掲載", "名簿に掲載", "台帳に掲載", "一覧に掲載", "一覧表に掲載", "帳簿に掲載"}

// maskListed blanks the listedIn phrases of s.
func maskListed(s string) string {
	for _, w := range listedIn {
		if strings.Contains(s, w) {
			s = strings.ReplaceAll(s, w, strings.Repeat("_", len(w)))
		}
	}
	return s
}
