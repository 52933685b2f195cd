package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// legalForms are the words of a legal entity's name, before or after it.
var legalForms = []string{"株式会社", "有限会社", "合同会社", "合資会社", "学校法人", "国立大学法人", "公立大学法人",
	"地方独立行政法人", "独立行政法人", "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人",
	"医療法人社団", "医療法人財団", "医療法人", "社会福祉法人", "特定非営利活動法人", "NPO法人", "(株)", "(有)"}

// orgSuffixes end the names of bodies that have no legal-form word:
// universities, hospitals, governments, associations, firms.
var orgSuffixes = []string{"大学病院", "附属病院", "医療センター", "病院", "クリニック", "医院", "診療所", "大学院", "大学",
	"高等専門学校", "高等学校", "中等教育学校", "中学校", "小学校", "学校", "高校", "学園", "学院", "教育委員会",
	"委員会", "協議会", "協会", "連合会", "組合", "機構", "財団", "研究所", "センター", "信用金庫", "信用組合",
	"銀行", "証券", "生命", "損保", "警察本部", "警察", "県警", "事務所", "省", "庁", "都", "道", "府", "県", "市", "区", "町", "村",
	"株式会社", "ホールディングス", "グループ", "商会", "商店", "工業", "製作所", "機器", "システム", "社",
	"図書館", "美術館", "博物館", "公民館", "資料館", "文化会館", "体育館", "保育園", "保育所", "こども園", "幼稚園"}

// lineSuffixes end a line that is nothing but an organization's name (a
// signature, a dateline): a stricter list than orgSuffixes, since a short
// line may be a heading.
var lineSuffixes = []string{"大学病院", "附属病院", "医療センター", "病院", "クリニック", "医院", "診療所", "大学",
	"高等専門学校", "高等学校", "中等教育学校", "中学校", "小学校", "高校", "学園", "学院", "教育委員会", "協議会",
	"協会", "連合会", "機構", "信用金庫", "信用組合", "銀行", "警察本部", "警察", "県警", "保健所", "事務所",
	"都", "道", "府", "県", "市", "区", "町", "村", "省", "庁", "研究所", "ホールディングス",
	// Co-operatives and public facilities sign their own notices:
	// 「○○生活協同組合」, 「○○町立図書館」.
	"協同組合", "生協",
	"図書館", "美術館", "博物館", "公民館", "資料館", "文化会館", "保育園", "保育所", "こども園", "幼稚園"}

var (
	nameRun      = `[\p{Han}\p{Katakana}ーA-Za-z0-9・&＆.\-]`
	legalFirstRE = regexp.MustCompile(`(?:株式会社|有限会社|合同会社|学校法人|国立大学法人|公立大学法人|地方独立行政法人|独立行政法人|一般社団法人|一般財団法人|公益社団法人|公益財団法人|医療法人(?:社団|財団)?|社会福祉法人|特定非営利活動法人)\s?` + nameRun + `{1,30}`)
	legalLastRE  = regexp.MustCompile(nameRun + `{1,30}(?:株式会社|有限会社|合同会社|\(株\))`)
	suffixRE     = regexp.MustCompile(nameRun + `{1,24}?(?:大学病院|附属病院|医療センター|病院|大学|高等学校|中等教育学校|中学校|小学校|学園|学院|教育委員会|協議会|協会|機構|信用金庫|信用組合|銀行|県警察|県警|都|道|府|県|市|町|村|省|庁)`)
	selfRefRE    = regexp.MustCompile(`[(]以下[、,]?\s?[「『]?(当社|弊社|当法人|本学|当院|本院|当機構|本機構|当協会|本会|当会|当金庫|当行|当組合|当財団|当センター|本センター|本市|当市|本県|当県|本町|当町)`)
	mayorRE      = regexp.MustCompile(`^(` + nameRun + `{1,10}?[都道府県市区町村])(長|知事)(\s|` + nameRun + `{0,8}$)`)
	nameOnlyRE   = regexp.MustCompile(`^` + nameRun + `{2,40}$`)
	suffixLongRE = regexp.MustCompile(nameRun + `{1,24}(?:大学病院|附属病院|医療センター|病院|大学|高等学校|中等教育学校|中学校|小学校|学園|学院|教育委員会|協議会|協会|機構|信用金庫|信用組合|銀行|県警察|県警|都|道|府|県|市|町|村|省|庁)`)
	dateLeadRE   = regexp.MustCompile(`^(?:(?:令和|平成|昭和)(?:\d{1,2}|元)|\d{4})年\d{1,2}月\d{1,2}日(?:\([^)]{1,4}\))?\s?`)
	numberLeadRE = regexp.MustCompile(`^(?:\d{1,2}[.)、.]?|\(\d{1,2}\)|[一二三四五六七八九十]+[、.])\s*`)
	placeRE      = regexp.MustCompile(`^\p{Han}{1,6}?(?:都|道|京都府|府|県|市|区|町|村)`)
)

// nameCues are, for legalFirstRE, legalLastRE and suffixLongRE, the words
// one of which every match ends or begins with. The patterns open with a
// run of name characters, no literal, and most sentences name no body.
var nameCues = [3]wordList{
	newWordList([]string{"会社", "法人"}),
	newWordList([]string{"会社", "(株)"}),
	newWordList([]string{"病院", "センター", "大学", "学校", "学園", "学院", "委員会", "協議会", "協会", "機構", "金庫",
		"組合", "銀行", "県警", "都", "道", "府", "県", "市", "町", "村", "省", "庁"}),
}

// genericNames are words that fit the name patterns but name no one.
var genericNames = []string{"本市", "当市", "本県", "当県", "本町", "当町", "本学", "当社", "弊社", "同社", "同市", "同県",
	"市", "県", "町", "村", "都", "府", "道", "区", "大学", "病院", "協会", "機構", "委託先", "子会社", "関連会社",
	"親会社", "各都道府県", "都道府県", "市区町村", "市町村", "警察", "県警", "他社", "学校", "同大学", "都内", "県内", "市内",
	"国", "省", "庁", "全国", "個人情報保護委員会事務局", "県立", "市立", "町立", "区立", "都立", "府立", "道立",
	"県立高校", "市立病院", "附属病院", "大学病院", "事務所", "北海道", "市役所", "区役所", "町役場", "地方公共団体",
	"自治体", "教育委員会", "県教育委員会", "市教育委員会", "委員会", "協議会", "株式会社", "有限会社", "合同会社",
	"報道", "海外", "外部", "都道府県警察", "警察署", "市長", "県知事", "知事", "町長", "村長", "区長"}

// outsideBodies are bodies a notice reports to or warns about, not the one
// that held the data; a line or a sentence naming them names no holder.
var outsideBodies = []string{"個人情報保護委員会", "警察署", "警察", "県警", "消費者庁", "国民生活センター", "労働基準監督署",
	"総務省", "IPA", "情報処理推進機構", "JPCERT", "日本年金機構"}

// regulatorRE is a header that names a regulator or supervisor, followed by
// the body its notice is about: 「個人情報保護委員会○○株式会社による…」.
var regulators = []string{"個人情報保護委員会", "金融庁", "総務省", "経済産業省", "厚生労働省", "文部科学省", "国土交通省",
	"消費者庁", "デジタル庁"}

// titleStarts begin the title that follows the organization in a blog
// header, whose space the normalizer removed: 「チエル株式会社当社システム…」.
var titleStarts = []string{"当社", "弊社", "当院", "本院", "本学", "当法人", "本法人", "本市", "当市", "本県", "当県", "本町",
	"当町", "県が", "市が", "町が", "県の", "市の", "個人情報", "個人データ", "情報", "不正", "電子メール", "メール", "委託",
	"再委託", "連結", "子会社", "グループ", "第三者", "重要", "お知らせ", "お詫び", "おわび", "お客様", "患者", "ランサム",
	"サイバー", "システム", "サーバ", "迷惑", "懲戒", "現在", "漏えい", "漏洩", "流出", "紛失", "盗難", "誤送信", "誤",
	"公式", "ホームページ", "ウェブサイト", "Webサイト", "サイト", "調査", "報告", "ご報告", "障害", "元職員", "職員",
	"従業員", "社員", "業務", "弊社サイト", "【", "「", "『", "(", "当", "弊", "フィッシング", "ウイルス", "コンピュータ",
	"新型", "システム障害", "メールアドレス", "アカウント", "セキュリティ", "印刷", "使用", "利用", "弊行", "当行", "当金庫"}

// organization finds the body that holds the data: the blog header's name
// (or the body a regulator's notice is about), a 「株式会社○○(以下「当社」)」
// sentence, a line that is only a name at the top or in the signature, a
// mayor's signature, the subject of the first sentences, or the body named
// most often.
func organization(w *watch, header string, sents []sentence, lines []string) (string, string) {
	if header != "" {
		if org := headerOrganization(header, compactBody(lines, header)); org != "" {
			return org, header
		}
	}
	for _, s := range sents {
		w.check()
		if loc := selfRefRE.FindStringIndex(s.Text); loc != nil {
			if org := lastName(s.Text[:loc[0]]); org != "" {
				return org, s.Text
			}
		}
	}
	// A line that is only a name, near the top or in the signature block.
	var idx []int
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			idx = append(idx, i)
		}
	}
	for k, i := range idx {
		w.check()
		if k >= 12 && k < len(idx)-14 {
			continue
		}
		l := lines[i]
		if utf8.RuneCountInString(l) > 60 && k >= 4 {
			continue
		}
		if org := lineName(l, k < 4); org != "" {
			return org, l
		}
	}
	// The body named at the start of the first sentences: 「○○市において」.
	for k, s := range sents {
		if k >= 6 {
			break
		}
		if org := subjectName(s.Text); org != "" {
			return org, s.Text
		}
	}
	// The body named most often, earliest first on ties: one named by its
	// legal form once is enough; a name by suffix alone must recur.
	counts := map[string]int{}
	legal := map[string]bool{}
	first := map[string]string{}
	var order []string
	body, joined := "", false // the text less the header, joined on first use
	for _, s := range sents {
		w.check()
		// An address names a place, not the holder: 〒100-0001 東京都….
		if containsAny(s.Text, []string{"〒", "所在地", "住所:", "本社:", "TEL", "電話"}) {
			continue
		}
		sm := maskOf(s.Text)
		for r, re := range []*regexp.Regexp{legalFirstRE, legalLastRE, suffixLongRE} {
			if !nameCues[r].inMask(s.Text, sm) {
				continue // no legal form or suffix: the pattern cannot match
			}
			for _, m := range re.FindAllString(s.Text, -1) {
				m = trimName(m)
				if r == 0 {
					m = cutTitle(m)
				}
				if m == "" || isGeneric(m) || isOutside(m) || strings.HasPrefix(m, "ー") {
					continue
				}
				if _, ok := counts[m]; !ok {
					if len(order) == maxNameCandidates {
						continue // each new name costs a count over the whole text
					}
					order = append(order, m)
					first[m] = s.Text
					if !joined {
						body, joined = strings.Join(lines, "\n"), true
						if header != "" {
							body = strings.Replace(body, header, "", 1)
						}
					}
					counts[m] = strings.Count(body, m)
				}
				if r < 2 {
					legal[m] = true
				}
			}
		}
	}
	best := ""
	for _, o := range order {
		if !legal[o] && counts[o] < 2 {
			continue
		}
		if counts[o] > counts[best] || (legal[o] && !legal[best] && counts[o] == counts[best]) {
			best = o
		}
	}
	return best, first[best]
}

// compactBody is the text of lines less the first occurrence of header and
// less spaces: strings.ReplaceAll(strings.Replace(strings.Join(lines, "\n"),
// header, "", 1), " ", ""), built in one copy rather than three of the
// whole text. A header of one line occurs first where it first occurs in
// a line.
func compactBody(lines []string, header string) string {
	if strings.Contains(header, "\n") {
		return strings.ReplaceAll(strings.Replace(strings.Join(lines, "\n"), header, "", 1), " ", "")
	}
	n := len(lines)
	for _, l := range lines {
		n += len(l)
	}
	var b strings.Builder
	b.Grow(n)
	found := false
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if !found {
			if k := strings.Index(l, header); k >= 0 {
				found = true
				writeWithoutSpaces(&b, l[:k])
				l = l[k+len(header):]
			}
		}
		writeWithoutSpaces(&b, l)
	}
	return b.String()
}

func writeWithoutSpaces(b *strings.Builder, s string) {
	for {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		s = s[i+1:]
	}
}

// headerOrganization reads the organization from a blog header's rest,
// where the normalizer has glued it to the title: of the prefixes of the
// leading run of name characters, the one that best ends a name (a legal
// form, a suffix, kagome's 組織 tag) and best starts a title (当社, 個人情報,
// 【), and that the body names again. A regulator's header yields the body
// its notice is about. compactBody is the text less the header and spaces.
func headerOrganization(rest, compactBody string) string {
	rest = strings.TrimSpace(rest)
	run := leadingRun(rest)
	if run == "" {
		return ""
	}
	for _, reg := range regulators {
		if strings.HasPrefix(rest, reg) {
			if about := regulated(rest[len(reg):]); about != "" {
				return about
			}
			if run == reg {
				return reg
			}
		}
	}
	// The name is a prefix of the run of at most maxNameRunes runes; a
	// longer run is no name as a whole, and its prefixes past the bound
	// are none either.
	within := run[:prefixBytes(run, maxNameRunes)]
	ends := tokenEnds(run[:prefixBytes(run, maxNameRunes+tokenLookahead)])
	best, bestScore := "", 2
	runes := 0
	for k := range within {
		runes++ // run[:k] holds runes-1 runes
		if runes-1 < 2 {
			continue
		}
		if sc := splitScore(rest, run, k, ends, compactBody); sc > bestScore || (sc == bestScore && best != "") {
			best, bestScore = run[:k], sc
		}
	}
	if len(within) < len(run) {
		if sc := splitScore(rest, run, len(within), ends, compactBody); sc > bestScore || (sc == bestScore && best != "") {
			best, bestScore = within, sc
		}
	} else if sc := splitScore(rest, run, len(run), ends, compactBody); sc >= bestScore {
		best = run
	}
	if best == "" || isGeneric(best) {
		return ""
	}
	return best
}

// maxNameRunes bounds an organization's name: a run of name characters
// longer than this is not one name (the longest name run of a header or a
// line in the seeds, dev and dev-b corpora has 31 runes). Scoring every
// cut of an unbounded run cost its length squared: a 300 KB header of
// kanji took 13 s.
const maxNameRunes = 64

// maxNameCandidates bounds the distinct names the text is searched for
// (each costs a pass over the whole text): a notice names a few bodies,
// not thousands. The most a notice of the seeds, dev and dev-b corpora
// names is 3.
const maxNameCandidates = 100

// tokenLookahead is how many runes past the longest name kagome reads, so
// that the tokens ending within the name are the ones it finds in the
// whole run.
const tokenLookahead = 16

// prefixBytes is the length in bytes of the first max runes of s (all of
// s when it is shorter).
func prefixBytes(s string, max int) int {
	n := 0
	for i := range s {
		if n == max {
			return i
		}
		n++
	}
	return len(s)
}

// splitScore rates cutting the header's name run at byte k.
func splitScore(rest, run string, k int, ends map[int]string, body string) int {
	name, remainder := run[:k], rest[k:]
	sc := 0
	evidence := k == len(run)
	if endsInLegalForm(name) || startsWithLegalForm(name) && scriptChange(run, k) {
		sc += 3
		evidence = true
	}
	for _, suf := range orgSuffixes {
		if strings.HasSuffix(name, suf) && !selfWord(name, suf) {
			sc += 3
			evidence = true
			break
		}
	}
	if tag, ok := ends[k]; ok {
		sc++
		if tag == "組織" {
			sc += 2
			evidence = true
		}
	}
	if !evidence {
		return 0
	}
	// A suffix right after the cut means the name goes on: 北海道大学|病院.
	for _, suf := range orgSuffixes {
		if utf8.RuneCountInString(suf) >= 2 && strings.HasPrefix(remainder, suf) {
			sc -= 3
			break
		}
	}
	for _, w := range titleStarts {
		if strings.HasPrefix(remainder, w) {
			sc += 3
			if utf8.RuneCountInString(w) == 1 && !strings.ContainsAny(w, "【「『(") {
				sc -= 2 // 当, 弊 alone are weaker
			}
			break
		}
	}
	if remainder == "" || strings.HasPrefix(remainder, " ") {
		sc += 2
	} else if r, _ := utf8.DecodeRuneInString(remainder); unicode.Is(unicode.Hiragana, r) {
		sc++
	}
	if key := stripLegal(name); utf8.RuneCountInString(key) >= 2 && strings.Contains(body, key) {
		sc += 2
	}
	return sc
}

// selfWord reports whether name ends in a word such as 当社 or 弊社 rather
// than in a name's suffix 社.
func selfWord(name, suf string) bool {
	for _, w := range []string{"当社", "弊社", "本社", "同社", "自社", "他社", "子会社", "本市", "当市", "本県"} {
		if strings.HasSuffix(name, w) && len(w) > len(suf)-1 {
			return true
		}
	}
	return false
}

// regulated is the body named at the start of a regulator's title:
// 「トヨタ自動車株式会社による個人データの漏えい…」.
func regulated(title string) string {
	for _, p := range []string{"による", "における", "に対する", "への", "に係る", "に関する"} {
		if i := strings.Index(title, p); i > 0 {
			if org := lastName(title[:i]); org != "" && strings.HasPrefix(title, org) {
				return org
			}
			break
		}
	}
	return ""
}

// leadingRun is the run of name characters at the start of s. Hiragana
// may be part of a name (さいたま市, 医療法人○○会みなと病院) when a run of
// them does not begin with a particle (の, における, について …).
func leadingRun(s string) string {
	end := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.Is(unicode.Hiragana, r) {
			j := i
			for j < len(s) {
				q, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.Is(unicode.Hiragana, q) {
					break
				}
				j += n
			}
			if j-i < 2*3 || j == len(s) || hasPrefixAny(s[i:], particles) {
				break
			}
			i = j
			continue
		}
		if !isNameRune(r) {
			break
		}
		i += size
		end = i
	}
	return s[:end]
}

// isNameRune reports whether r may be part of an organization's name.
func isNameRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '々' ||
		r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("&.-'", r)) ||
		strings.ContainsRune("・&", r)
}

// particles begin a run of hiragana that is grammar, not part of a name.
var particles = []string{"の", "が", "は", "を", "に", "で", "へ", "や", "と", "も", "から", "まで", "より", "など", "および",
	"ならびに", "または", "ます", "した", "する", "され", "して", "しま", "いた", "こと", "もの", "ため", "お知らせ", "お詫び",
	"おわび", "ご", "お", "について", "における", "による", "か", "よ", "ね", "な", "て", "た", "だ", "ま", "い", "う", "え", "し", "す", "せ", "そ", "ら", "り", "る", "れ", "ろ", "わ"}

// tokenEnds maps the byte offsets where kagome's tokens of s end to the
// third POS field of the token ending there (組織 for an organization).
func tokenEnds(s string) map[int]string {
	out := map[int]string{}
	at := 0
	for _, m := range morphs(s) {
		at += len(m.Surface)
		tag := ""
		if m.isOrgTag() {
			tag = "組織"
		}
		out[at] = tag
	}
	// 組織 followed by a legal form: the name ends after the form.
	for _, lf := range legalForms {
		for at, tag := range out {
			if tag == "組織" && strings.HasPrefix(s[at:], lf) {
				out[at+len(lf)] = "組織"
			}
		}
	}
	return out
}

// scriptChange reports whether s changes from Katakana or Latin to Kanji at
// byte k: 「株式会社ジャックス|不正アクセス」.
func scriptChange(s string, k int) bool {
	if k <= 0 || k >= len(s) {
		return k == len(s)
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:k])
	next, _ := utf8.DecodeRuneInString(s[k:])
	return (unicode.Is(unicode.Katakana, prev) || prev == 'ー' || prev < 0x80) && unicode.Is(unicode.Han, next)
}

func endsInLegalForm(s string) bool {
	for _, lf := range legalForms {
		if strings.HasSuffix(s, lf) && len(s) > len(lf) {
			return true
		}
	}
	return false
}

func startsWithLegalForm(s string) bool {
	for _, lf := range legalForms {
		if strings.HasPrefix(s, lf) && len(s) > len(lf) {
			return true
		}
	}
	return false
}

func stripLegal(s string) string {
	for _, lf := range legalForms {
		s = strings.ReplaceAll(s, lf, "")
	}
	return s
}

// cutTitle cuts a 「株式会社○○」 match where a title word follows the name:
// 「株式会社東玉弊社が…」 is 株式会社東玉.
func cutTitle(m string) string {
	for _, w := range []string{"当社", "弊社", "は", "が"} {
		if i := strings.Index(m, w); i > 0 {
			m = m[:i]
		}
	}
	return m
}

// lineName reads a line that is only a name (a signature, a dateline), a
// name followed by a person or a department (「常磐大学 学長 …」), a mayor's
// signature (「鹿嶋市長 田口伸一」), a department of a government
// (「神奈川県環境農政局…課」 gives 神奈川県), or a title line that ends in a
// name after a space.
func lineName(l string, top bool) string {
	l = strings.TrimSpace(strings.TrimLeft(l, "・-*○●■□◆◇ "))
	if l == "" || hasPrefixAny(l, lineLabels) || strings.Contains(orgFirstRunes(l, 40), "〒") {
		return ""
	}
	if m := mayorRE.FindStringSubmatch(l); m != nil && !isGeneric(m[1]) && utf8.RuneCountInString(l) <= 20 {
		return m[1]
	}
	// A section of a government, perhaps with hiragana in its name: the
	// government is the holder (「青葉県子ども家庭部こども支援課」).
	if strings.ContainsAny(lastRunes(l, 1), "課室係班") && !strings.ContainsAny(l, " 、。,") && utf8.RuneCountInString(l) <= 30 {
		if p := placeRE.FindString(l); p != "" && len(p) < len(l) && !isGeneric(p) &&
			strings.ContainsAny(l[len(p):], "部局") {
			return p
		}
	}
	toks := strings.Fields(l)
	if len(toks) <= 4 {
		if org := wholeName(toks[0]); org != "" {
			return org
		}
	}
	if len(toks) >= 2 && len(toks) <= 4 {
		for _, t := range toks[1:] {
			if org := wholeName(t); org != "" && !strings.ContainsAny(t, "0123456789") {
				return org
			}
		}
	}
	if !top {
		return ""
	}
	if org := breadcrumbName(l); org != "" {
		return org
	}
	// A title line that starts with the name (after a date), as a blog
	// header does: 「医療法人○○病院 患者の個人情報紛失か?」.
	rest := numberLeadRE.ReplaceAllString(dateLeadRE.ReplaceAllString(l, ""), "")
	if org := headerOrganization(rest, ""); org != "" && nameLike(org) &&
		!strings.ContainsAny(leadingRun(rest)[len(org):], "課局部室班係") {
		return org
	}
	// A title line that ends with the name: 「…の紛失について○○信用金庫」.
	if i := strings.LastIndexAny(l, "てびせ)」"); i > 0 {
		if _, size := utf8.DecodeRuneInString(l[i:]); hasPrefixAny(lastRunes(l[:i+size], 2), []string{"いて", "わび", "詫び", "らせ", ")", "」"}) {
			if org := wholeName(l[i+size:]); org != "" {
				return org
			}
		}
	}
	return ""
}

// lineLabels begin a line that labels a field, not one that names the
// holder: 「業種 病院」, 「担当 ○○課」.
var lineLabels = []string{"業種", "担当", "所属", "宛先", "送信者", "差出人", "件名", "発生", "場所", "住所", "所在地", "連絡先", "問い合わせ", "お問い合わせ"}

// wholeName returns t when it is one organization's whole name.
func wholeName(t string) string {
	t = strings.Trim(t, "|:")
	if t == "" || !nameOnlyRE.MatchString(t) || isGeneric(t) || isOutside(t) {
		return ""
	}
	for _, re := range []*regexp.Regexp{legalFirstRE, legalLastRE} {
		if m := re.FindString(t); m == t {
			return trimName(m)
		}
	}
	if strings.ContainsAny(t, "0123456789") {
		return ""
	}
	for _, suf := range lineSuffixes {
		if strings.HasSuffix(t, suf) && len(t) > len(suf) {
			return t
		}
	}
	// A department of a government: the government is the holder.
	for _, suf := range []string{"課", "局", "部", "室", "係", "班"} {
		if strings.HasSuffix(t, suf) {
			if p := placeRE.FindString(t); p != "" && len(p) < len(t) && !isGeneric(p) {
				return p
			}
		}
	}
	return ""
}

// nameLike reports whether org, which may hold hiragana, reads as one
// organization's name: a legal form, or a suffix of a name.
func nameLike(org string) bool {
	if isGeneric(org) || isOutside(org) {
		return false
	}
	if startsWithLegalForm(org) || endsInLegalForm(org) {
		return true
	}
	for _, suf := range lineSuffixes {
		if strings.HasSuffix(org, suf) && len(org) > len(suf) {
			return true
		}
	}
	return false
}

// subjectName is the body that begins a sentence as its subject or place:
// 「杵藤保健福祉事務所において…」, 「○○市立○○センター内の…」.
func subjectName(s string) string {
	run := leadingRun(s)
	if run == "" || len(run) == len(s) {
		return ""
	}
	next := s[len(run):]
	if !hasPrefixAny(next, []string{"は", "が", "において", "では", "における", "内の", "にて"}) {
		return ""
	}
	if org := wholeName(run); org != "" {
		return org
	}
	return ""
}

// lastName is the organization name that ends s: 「株式会社○○」 or 「○○株式会社」.
func lastName(s string) string {
	s = strings.TrimSpace(s)
	for _, re := range []*regexp.Regexp{legalFirstRE, legalLastRE, suffixRE} {
		ms := re.FindAllStringIndex(s, -1)
		if len(ms) > 0 && ms[len(ms)-1][1] >= len(s)-1 {
			if name := trimName(s[ms[len(ms)-1][0]:ms[len(ms)-1][1]]); name != "" && !isGeneric(name) {
				return name
			}
		}
	}
	return ""
}

func trimName(s string) string {
	return strings.Trim(strings.TrimSpace(s), "・.-&")
}

func isGeneric(s string) bool {
	for _, g := range genericNames {
		if s == g {
			return true
		}
	}
	// 「市内小学校」「県立高等学校」 name a kind of body, not one body.
	for _, p := range []string{"市内", "県内", "町内", "区内", "都内", "村内", "管内", "県立", "市立", "町立", "村立", "区立", "府立", "都立", "道立", "国立", "公立", "私立", "全国"} {
		if r, ok := strings.CutPrefix(s, p); ok && (r == "" || slices.Contains(orgSuffixes, r) ||
			slices.Contains([]string{"特別支援学校", "高等学校", "中学校", "小学校", "幼稚園", "保育所", "保育園", "病院", "施設"}, r)) {
			return true
		}
	}
	return strings.HasPrefix(s, "本") || strings.HasPrefix(s, "当") || strings.HasPrefix(s, "同") ||
		strings.HasPrefix(s, "弊") || strings.HasPrefix(s, "各") || strings.HasPrefix(s, "貴") || strings.HasPrefix(s, "副")
}

func isOutside(s string) bool {
	for _, o := range outsideBodies {
		if k := stripLegal(s); k == o || (o == "警察署" || o == "個人情報保護委員会") && strings.HasSuffix(k, o) {
			return true
		}
	}
	return false
}

func orgFirstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// breadcrumbName reads the site's name from the first item of a web
// page's breadcrumb trail, 「1. ○○銀行トップ」 or 「○○市トップページ > …」:
// the site is the organization's own.
func breadcrumbName(l string) string {
	if !strings.Contains(l, "トップ") {
		return ""
	}
	l = numberLeadRE.ReplaceAllString(l, "")
	if i := strings.Index(l, ">"); i > 0 {
		l = strings.TrimSpace(l[:i])
	}
	name, ok := strings.CutSuffix(l, "トップページ")
	if !ok {
		if name, ok = strings.CutSuffix(l, "トップ"); !ok {
			return ""
		}
	}
	for _, w := range []string{"ホームページ", "公式サイト", "サイト", "公式", "総合"} {
		name = strings.TrimSuffix(name, w)
	}
	name = strings.TrimRight(name, "!! ")
	if run := leadingRun(name); run != name || utf8.RuneCountInString(run) < 2 || runeCountTo(run, maxNameRunes+1) > maxNameRunes ||
		isGeneric(run) || isOutside(run) {
		return ""
	}
	return name
}
