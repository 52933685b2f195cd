package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// legalForms are the words of a legal entity's name, before or after it.
var legalForms = []string{"株式会社", "有限会社", "合同会社", "合資会社", "学校法人", "国立大学法人", "公立大学法人",
	"地方独立行政法人", "独立行政法人", "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人",
	"医療法人社団", "医療法人財団", "医療法人", "社会福祉法人", "特定非営利活動法人", "NPO法人", "(株)", "(有)"}

// orgSuffixes end the names of bodies that have no legal-form word:
// universities, hospitals, governments, associations.
var orgSuffixes = []string{"大学病院", "附属病院", "医療センター", "病院", "クリニック", "医院", "診療所", "大学院", "大学",
	"高等専門学校", "高等学校", "中等教育学校", "中学校", "小学校", "学校", "高校", "学園", "学院", "教育委員会",
	"委員会", "協議会", "協会", "連合会", "組合", "機構", "財団", "研究所", "センター", "信用金庫", "信用組合",
	"銀行", "証券", "生命", "損保", "警察本部", "警察", "県警", "省", "庁", "都", "道", "府", "県", "市", "区", "町", "村",
	"株式会社", "ホールディングス", "グループ", "商会", "商店", "工業", "製作所", "機器", "システム", "社"}

var (
	nameRun      = `[\p{Han}\p{Katakana}ーA-Za-z0-9・&＆.\-]`
	legalFirstRE = regexp.MustCompile(`(?:株式会社|有限会社|合同会社|学校法人|国立大学法人|公立大学法人|地方独立行政法人|独立行政法人|一般社団法人|一般財団法人|公益社団法人|公益財団法人|医療法人(?:社団|財団)?|社会福祉法人|特定非営利活動法人)\s?` + nameRun + `{1,30}`)
	legalLastRE  = regexp.MustCompile(nameRun + `{1,30}(?:株式会社|有限会社|合同会社|\(株\))`)
	suffixRE     = regexp.MustCompile(nameRun + `{1,24}?(?:大学病院|附属病院|医療センター|病院|大学|高等学校|中等教育学校|中学校|小学校|学園|学院|教育委員会|協議会|協会|機構|信用金庫|信用組合|銀行|県警察|県警|都|道|府|県|市|町|村|省|庁)`)
	selfRefRE    = regexp.MustCompile(`[(]以下[、,]?\s?[「『]?(当社|弊社|当法人|本学|当院|本院|当機構|本機構|当協会|本会|当会|当金庫|当行|当組合|当財団|当センター|本センター)`)
	mayorRE      = regexp.MustCompile(`(` + nameRun + `{1,10}?[都道府県市区町村])(長|知事)\s`)
)

// genericNames are words that fit the name patterns but name no one.
var genericNames = []string{"本市", "当市", "本県", "当県", "本町", "当町", "本学", "当社", "弊社", "同社", "同市", "同県",
	"市", "県", "町", "村", "都", "府", "道", "区", "大学", "病院", "協会", "機構", "委託先", "子会社", "関連会社",
	"親会社", "各都道府県", "都道府県", "市区町村", "警察", "県警", "他社", "学校", "同大学", "都内", "県内", "市内",
	"国", "省", "庁", "全国", "個人情報保護委員会事務局"}

// organization finds the body that holds the data: the header's name, a
// 「株式会社○○(以下「当社」)」 sentence, a name alone on a line at the top
// or in the signature, the mayor's city, or the most named body.
func organization(header string, sents []sentence, lines []string) (string, string) {
	if header != "" {
		if org := headerOrganization(header); org != "" {
			return org, header
		}
	}
	for _, s := range sents {
		if loc := selfRefRE.FindStringIndex(s.Text); loc != nil {
			if org := lastName(s.Text[:loc[0]]); org != "" {
				return org, s.Text
			}
		}
	}
	// A line that is only a name, near the top or in the signature block.
	n := len(lines)
	for i, l := range lines {
		if (i < 8 || i >= n-12) && utf8.RuneCountInString(l) <= 40 {
			if org := wholeName(l); org != "" {
				return org, l
			}
		}
	}
	for _, s := range sents {
		if m := mayorRE.FindStringSubmatch(s.Text + " "); m != nil && !isGeneric(m[1]) {
			return m[1], s.Text
		}
	}
	// The body named most often, earliest first on ties.
	counts := map[string]int{}
	first := map[string]string{}
	var order []string
	for _, s := range sents {
		for _, re := range []*regexp.Regexp{legalFirstRE, legalLastRE} {
			for _, m := range re.FindAllString(s.Text, -1) {
				m = trimName(m)
				if m == "" || isGeneric(m) {
					continue
				}
				if counts[m] == 0 {
					order = append(order, m)
					first[m] = s.Text
				}
				counts[m]++
			}
		}
	}
	best := ""
	for _, o := range order {
		if counts[o] > counts[best] {
			best = o
		}
	}
	return best, first[best]
}

// headerOrganization reads the organization from a blog header's rest:
// the first word when a space follows it, else the longest name at the
// start that ends in an organization suffix.
func headerOrganization(rest string) string {
	if i := strings.IndexAny(rest, " "); i > 0 {
		first := rest[:i]
		if !strings.ContainsAny(first, "「」【】") && utf8.RuneCountInString(first) <= 40 && !isGeneric(first) {
			return first
		}
	}
	return namePrefix(rest)
}

// namePrefix is the longest run of name characters at the start of s, cut
// after the last organization suffix in it.
func namePrefix(s string) string {
	end := 0
	for i, r := range s {
		if r == ' ' || unicode.Is(unicode.Hiragana, r) || strings.ContainsRune("「」【】()、。", r) {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	run := s[:end]
	best := -1
	for _, suf := range orgSuffixes {
		if i := strings.LastIndex(run, suf); i >= 0 && i+len(suf) > best && i > 0 {
			best = i + len(suf)
		}
	}
	for _, lf := range legalForms {
		if strings.HasPrefix(run, lf) && best < len(run) {
			best = len(run)
		}
	}
	if best <= 0 || isGeneric(run[:best]) {
		return ""
	}
	return run[:best]
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

// wholeName returns l when the whole line is one organization's name,
// perhaps followed by a department (お客様相談窓口, カスタマーセンター).
func wholeName(l string) string {
	l = strings.TrimSpace(l)
	if l == "" {
		return ""
	}
	head := l
	if i := strings.Index(l, " "); i > 0 {
		head = l[:i]
	}
	for _, re := range []*regexp.Regexp{legalFirstRE, legalLastRE} {
		if m := re.FindString(head); m == head && !isGeneric(m) {
			return trimName(m)
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
	return strings.HasPrefix(s, "本") || strings.HasPrefix(s, "当") || strings.HasPrefix(s, "同") ||
		strings.HasPrefix(s, "弊") || strings.HasPrefix(s, "各")
}
