package organization

import (
	"iter"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/runes"
	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The leads that a title line drops before its name: a date (an era's or
// a year's, lead.go) and an item number. Hand-written patterns, not word
// lists.
var numberLeadRE = regexp.MustCompile(`^(?:\d{1,2}[.)、.]?|\(\d{1,2}\)|[一二三四五六七八九十]+[、.])\s*`)

// Each trim below is its pattern's ReplaceAllString(s, ""), done only when
// s opens as a match must: the pattern is run on every line and sentence
// that is read for a name, and most open with neither a date nor a number.

// trimDateLead drops the date (dateLeadEnd) that s opens with.
func trimDateLead(s string) string {
	if !opensWithDate(s) {
		return s
	}
	if end := dateLeadEnd(s); end >= 0 {
		return s[end:]
	}
	return s
}

// trimOpenerDate drops the date and time (openerDateEnd) that s opens with.
func trimOpenerDate(s string) string {
	if !opensWithDate(s) {
		return s
	}
	if end := openerDateEnd(s); end >= 0 {
		return s[end:]
	}
	return s
}

// opensWithDate reports whether s opens as a date of dateLeadEnd and
// openerDateEnd must: with a digit or an era's name.
func opensWithDate(s string) bool {
	return s != "" && (text.IsDigitByte(s[0]) || text.HasPrefixAny(s, leadEras))
}

// leadEras are the eras dateLeadRE and openerDateRE name.
var leadEras = []string{"令和", "平成", "昭和"}

// trimNumberLead drops the item number (numberLeadRE) that s opens with;
// a match opens with a digit, "(" or one of 一…十.
func trimNumberLead(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; !text.IsDigitByte(c) && c != '(' {
		if r, _ := utf8.DecodeRuneInString(s); !text.IsKanjiDigit(r) {
			return s
		}
	}
	return text.TrimLead(numberLeadRE, s)
}

// Find finds the body that holds the data: the blog header's name
// (or the body a regulator's notice is about), a 「株式会社○○(以下「当社」)」
// sentence, a line that is only a name at the top or in the signature, a
// mayor's signature, the subject of the first sentences, or the body named
// most often.
func Find(w *text.Watch, header string, sents []text.Sentence, lines []string) (string, string) {
	org, evidence := find(w, header, sents, lines)
	if org != "" && header == "" && vendorInLines(lines, org) {
		// 「弊所が契約する株式会社○○に関して」: the writer's vendor, whatever
		// route read it; the notice is the client's. Read again without it.
		org, evidence = withoutVendor(w, org, sents, lines)
	}
	if body := placeLeadBody(org, evidence); body != "" {
		org = body // 「燕市佐渡、燕労災病院(…)で19日、…」: the town is where, the hospital who
	}
	if full := fullerLeadName(org, lines); full != "" {
		org = full // 年金機構 of a lead 「日本年金機構は1日、…発表した」
	}
	if full := governmentHead(org, lines); full != "" {
		org = full // 川市 of 「紀の川市から発表」: the name's run stopped at its の
	}
	org = withoutPrefecture(org) // 愛知県岡崎市 is 岡崎市, as news writes it
	if rest := withoutCountedHeads(org); rest != org && utf8.RuneCountInString(rest) >= nameMinRunes && wholeName(rest) == rest {
		// 「令和5年度第3回青葉県移住セミナー」: an event's year and ordinal,
		// glued before the name once spaces were dropped, are no part of it.
		org = rest
	}
	if rest := strings.TrimLeft(org, "0123456789"); rest != org && rest != "" && wholeName(rest) == rest {
		// 「3624 宮城県宮城第一高等学校」: a phone number's tail, wrapped
		// onto the name's line (PDF text), is no part of the name.
		org = rest
	}
	if half := len(org) / 2; half > 0 && org[:half] == org[half:] && !text.IsASCIIWord(org) {
		// 「東 京 労 働 局 東京労働局における…」: a letter-spaced letterhead
		// glued to the title that repeats it. (Not a Latin name that
		// doubles a word: PayPay.)
		org = org[:half]
	}
	if gov := officeGovernment(org); gov != "" {
		org = gov // 青葉県庁 is 青葉県, whichever route read it
	} else if gov := pluralFacilityGovernment(org); gov != "" {
		org = gov // 鎌倉市立保育園 names a kind of the city's facilities
	} else if bureau := bureauOfOffice(org); bureau != "" {
		org = bureau // 兵庫労働局西宮労働基準監督署: the bureau and its office
	}
	if body := signedName(org); body != "" && !text.HasSuffixAny(org, signatureTitles) {
		org = body // …九州医療センター院長森田茂樹: a signer's title and name run into it
	}
	if body, ok := strings.CutSuffix(org, "長"); ok && text.HasSuffixAny(body, bodyHeads) {
		org = body // 青葉大学長 is its head's title: 青葉大学
	}
	if city := gazetteerGovernments().wardCities[org]; city != "" {
		org = city // 大阪市生野区(役所) is an office of 大阪市, the body
	} else if city := wardCityNamed(org, lines); city != "" {
		org = city // 生野区役所では…, where 大阪市生野区役所 is written too
	}
	for _, m := range formerMarks {
		if rest, ok := strings.CutPrefix(org, m); ok && utf8.RuneCountInString(rest) >= nameLineMinRunes && !isGeneric(rest) {
			org = rest // 旧NTTレゾナント株式会社: the body, under an earlier name
			break
		}
	}
	for _, lf := range legalForms {
		if rest, ok := strings.CutPrefix(org, lf+"・"); ok && rest != "" {
			org = lf + rest // 一般財団法人・日本舶用品検定協会: the dot only sets the form off
			break
		}
	}
	if first, second, ok := strings.Cut(org, "・"); ok && first != "" && wholeName(first) == first && wholeName(second) == second &&
		(longestSuffix(first, orgSuffixes) != "" || endsInLegalForm(first)) {
		// 「九州女子大学・九州女子短期大学」: two bodies, the first named. Not
		// 国立研究開発法人国立精神・神経医療研究センター, whose first part
		// ends in no suffix: one name with a ・ in it.
		org = first
	}
	if head := hiraganaHead(org, lines); head != "" {
		org = head + org // がん of がんリンパ浮腫理学療法学会
	}
	if full := fullNameLine(org, lines); full != "" {
		org = full // 中央病院 of a signature 「国立がんセンター中央病院」
	}
	if facility := corporationFacility(org); facility != "" {
		org = facility // 地方独立行政法人神戸市民病院機構|神戸市立医療センター中央市民病院
	} else if facility := letterheadFacility(org, lines); facility != "" {
		org = facility // 「医療法人社団南淡千遙会 / 神戸平成病院」
	}
	if rest := afterHeads(org); rest != org && utf8.RuneCountInString(rest) >= nameMinRunes && wholeName(rest) == rest {
		org = rest // 和歌山市保健所 of a headline 「…を誤送信 和歌山市保健所」
	}
	if gov := governmentAfterKana(org); gov != "" {
		org = gov // 吉野町 of a lead's subject 「これを受けてきょう吉野町は、…と発表」
	}
	if onlyOutside(org, lines) {
		// 「…にむつ警察署へ遺失届を提出」: the name read was the police
		// station's, cut before its 署, wherever the text names it.
		return "", ""
	}
	return org, evidence
}

// onlyOutside reports whether each occurrence of org in lines runs on into
// an outside body's name (continuesAsOutside: むつ警察 of むつ警察署), and
// it occurs at least once.
func onlyOutside(org string, lines []string) bool {
	if org == "" {
		return false
	}
	seen := false
	for _, l := range lines {
		if countAsName(l, org) > 0 {
			return false
		}
		seen = seen || strings.Contains(l, org)
	}
	return seen
}

// wrapsOnto reports whether l, whose opening run lineName read as org, is
// the rest of a word that prev, the line right before it, broke off:
// prev has wrapped_line_min_runes characters or more, ends in a name
// character (no sentence end) and holds no date, and l goes on past org
// with a particle (「…3ヶ月以内に所 / 轄庁に事業報告書等を提出することに…」,
// PDF text broken at a width). A name on a line of its own is read
// whatever stands above it, and so is one under a dateline (「…2013年9月
// 27日(金)22時15分配信 / 相模原市緑区の市立小学校で…」); the caller keeps the
// title line for no wrap either.
func wrapsOnto(prev, l, org string) bool {
	prev = strings.TrimSpace(prev)
	last, _ := utf8.DecodeLastRuneInString(prev)
	if text.RuneCountTo(prev, wrappedLineMinRunes) < wrappedLineMinRunes || !isNameRune(last) || len(dates.Find(prev)) > 0 {
		return false
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(l), org)
	next, _ := utf8.DecodeRuneInString(rest)
	return ok && rest != "" && isHiragana(next)
}

// letterheadFacility is the facility a letterhead names on the line after
// its corporation, org, when org opens with a form of
// facility_corporations.tsv and is a line of its own: the next line with
// text, a whole name that is no department nor a person's line. "" for
// none.
func letterheadFacility(org string, lines []string) string {
	if !text.HasPrefixAny(org, facilityCorporations) {
		return ""
	}
	for i, l := range lines {
		if strings.TrimSpace(l) != org {
			continue
		}
		for _, next := range lines[i+1:] {
			next = strings.TrimSpace(next)
			if next == "" {
				continue
			}
			if text.RuneCountTo(next, nameLineMaxRunes+1) <= nameLineMaxRunes && wholeName(next) == next && !isDepartment(next) && !personLine(next) && !text.HasPrefixAny(next, facilityCorporations) {
				return next
			}
			return ""
		}
		return ""
	}
	return ""
}

// placeLeadBody is the body a news lead names right after org, a local
// government that opens the lead as the place of the story: after the
// government, a place within it and a comma (「燕市佐渡、燕労災病院(宮下薫院
// 長)で19日、…」), or 内にある or にある and the words of what the body is
// up to の (「千葉県松戸市内にある調剤薬局のからたち薬局において」); then a
// name ending in a suffix (hiragana in it namelike, as leadName reads it)
// and a bracket or a particle of a subject or a place. "" for none.
func placeLeadBody(org, evidence string) string {
	if g := withoutPrefecture(org); org == "" || localGovernmentPrefix(org) != org && localGovernmentPrefix(g) != g {
		return "" // (静岡県浜松市中区: a city's ward, the prefecture before it)
	}
	i := strings.Index(evidence, org)
	if i < 0 || strings.TrimSpace(withoutPrefectureLead(evidence[:i])) != "" {
		return ""
	}
	rest := evidence[i+len(org):]
	if k := strings.Index(rest, "、"); k >= 0 && text.RuneCountTo(rest[:k], placeLeadMaxRunes+1) <= placeLeadMaxRunes &&
		strings.IndexFunc(rest[:k], func(r rune) bool { return !isNameRune(r) }) < 0 {
		return placeLeadName(rest[k+len("、"):])
	}
	if k := strings.Index(rest, "の"); k >= 0 && text.RuneCountTo(rest[:k], placeLeadMaxRunes+1) <= placeLeadMaxRunes &&
		(strings.IndexFunc(rest[:k], func(r rune) bool { return !isNameRune(r) }) < 0 || localGovernmentPrefix(strings.TrimPrefix(rest[:k], "・")) != "") {
		// 「静岡県浜松市中区の浜松開誠館中学・高校で、…」: a place within the
		// city (or none) and の; a city named in kana after its
		// prefecture too (「福島県・いわき市のひまわり信用金庫が」).
		if name := placeLeadName(rest[k+len("の"):]); name != "" {
			return name
		}
		if name := quotedPlaceName(rest[k+len("の"):]); name != "" {
			return name // 「神奈川県伊勢原市の学校法人「向上学園」において」
		}
	}
	_, after, ok := strings.Cut(rest, "にある")
	if !ok || text.RuneCountTo(rest[:len(rest)-len(after)], placeLeadMaxRunes+4) > placeLeadMaxRunes+3 {
		return ""
	}
	if name := placeLeadName(after); name != "" {
		return name // 「京都府宇治市にある立命館宇治中学校・高校(…校長)は」
	}
	k := strings.Index(after, "の")
	if k < 0 || text.RuneCountTo(after[:k], placeLeadMaxRunes+1) > placeLeadMaxRunes {
		return ""
	}
	return placeLeadName(after[k+len("の"):])
}

// placeLeadName is the body's name that opens rest, after the place a
// news lead opens with (placeLeadBody): a run of name runes and hiragana
// (two joined by ・, 中学・高校) ending in a suffix, then the particle of a
// subject or a place, or a bracket. "" for none.
func placeLeadName(rest string) string {
	end := strings.IndexFunc(rest, func(r rune) bool { return !isNameRune(r) && !isHiragana(r) })
	for end > 0 && strings.HasPrefix(rest[end:], "・") {
		next := strings.IndexFunc(rest[end+len("・"):], func(r rune) bool { return !isNameRune(r) && !isHiragana(r) })
		if next == 0 {
			break
		}
		if next < 0 {
			end = len(rest)
			break
		}
		end += len("・") + next
	}
	if end <= 0 {
		return ""
	}
	// The run ends with the particle of a subject or a place, or at a
	// bracket (a run of name runes and hiragana stops at no particle).
	particle := false
	for _, p := range placeParticles["lead_end"] {
		if k := len(rest[:end]) - len(p); k > 0 && strings.HasSuffix(rest[:end], p) {
			end, particle = k, true
			break
		}
	}
	name := rest[:end]
	if !particle && !strings.HasPrefix(rest[end:], "(") {
		return ""
	}
	if suf := longestSuffix(name, orgSuffixes); suf == "" || suf == name || localGovernmentPrefix(name) != "" ||
		!(hiraganaRunsNamelike(withoutGovernmentNames(name)) || hiraganaHeadedName(name)) || isGeneric(name) || isOutside(name) {
		return ""
	}
	return name
}

// quotedPlaceName is the body's name in quotes that opens rest, after
// the place a news lead opens with and の (placeLeadBody): before the
// quotes nothing, a legal form (学校法人「向上学園」) or a few words of what
// the body is ending in である or の (地域医療機関である「関越病院」), none
// a contractor's title (市の委託先である「○○」 is the city's contractor);
// after them the particle of a subject or a place, or a bracket. The name
// is a whole name ending in a suffix, or any whole name after a legal
// form. "" for none.
func quotedPlaceName(rest string) string {
	open := strings.Index(rest, "「")
	if open < 0 {
		return ""
	}
	desc := rest[:open]
	if text.RuneCountTo(desc, quotedPlaceDescMax+1) > quotedPlaceDescMax || strings.ContainsAny(desc, "、。「」") ||
		text.ContainsAny(desc, contractorParts["title"]) {
		return ""
	}
	legal := slices.Contains(legalForms, desc)
	if desc != "" && !legal && !strings.HasSuffix(desc, "である") && !strings.HasSuffix(desc, "の") {
		return ""
	}
	inner := rest[open+len("「"):]
	end := strings.Index(inner, "」")
	if end <= 0 {
		return ""
	}
	name, after := inner[:end], inner[end+len("」"):]
	if !text.HasPrefixAny(after, placeParticles["lead_end"]) && !strings.HasPrefix(after, "(") {
		return ""
	}
	if wholeName(name) != name || localGovernmentPrefix(name) != "" || isGeneric(name) || isOutside(name) ||
		!legal && longestSuffix(name, orgSuffixes) == "" {
		return ""
	}
	return name
}

// corporationFacility is the facility that org, a corporation's name
// (its legal form first) run into the name of one of its facilities,
// names: 「地方独立行政法人神戸市民病院機構神戸市立医療センター中央市民病院」 is
// the hospital. The corporation's name ends in a word of corporate_ends
// (corporate_ends.tsv: 機構, 学園); the facility's, of at least
// nameLineMinRunes characters, in a suffix. "" when org is no such name.
func corporationFacility(org string) string {
	form := legalFormOpening(org)
	if form == "" || strings.HasPrefix(form, "(") {
		return ""
	}
	rest := org[len(form):]
	for _, end := range corporateEnds {
		i := strings.Index(rest, end)
		if i <= 0 {
			continue
		}
		facility := rest[i+len(end):]
		suf := longestSuffix(facility, orgSuffixes)
		if utf8.RuneCountInString(facility) < nameLineMinRunes || suf == "" || suf == facility || isGeneric(facility) {
			continue
		}
		return facility
	}
	return ""
}

// withoutPrefectureLead is "" when s is only a local government's name
// (千葉県 before 松戸市, the org withoutPrefecture gave), else s.
func withoutPrefectureLead(s string) string {
	if p := localGovernmentPrefix(s); p != "" && p == s {
		return ""
	}
	return s
}

// fullNameLine is a line of the signature block (the last signature_lines
// lines with text, weights.tsv) that is only a name and a longer one that
// ends in org, a name by its suffix: a sentence that writes 「中央病院の病
// 棟職員が」 names the body by the tail of the name its signature gives in
// full (「国立がんセンター中央病院」). Only a name: name characters and at
// most one run of hiragana_head_max hiragana (国立がんセンター; a title's
// particles make several), no digit, mark or space. "" for none.
func fullNameLine(org string, lines []string) string {
	if org == "" {
		return ""
	}
	if longestSuffix(org, orgSuffixes) == "" {
		return ""
	}
	seen := 0
	for i := len(lines) - 1; i >= 0 && seen < signatureLines; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		seen++
		l = trimName(strings.TrimLeft(l, text.NameTrimMarks)) // 「・大仙市」: a list mark
		if text.HasPrefixAny(l, lineLabels) {
			continue // 「- 発生場所 都立駒込病院」: a field of the report, no signature
		}
		if withoutPrefecture(l) == org {
			continue // 「滋賀県甲賀市」: the city, as news names it, with its prefecture
		}
		if len(l) > len(org) && strings.HasSuffix(l, org) && text.RuneCountTo(l, nameLineMaxRunes+1) <= nameLineMaxRunes &&
			strings.IndexFunc(l, func(r rune) bool { return !isNameRune(r) && !isHiragana(r) || r >= '0' && r <= '9' }) < 0 &&
			oneHiraganaRun(l) && nameLike(l) && !isOutside(l) && !isGeneric(l) {
			return l
		}
	}
	return ""
}

// fullerLeadName is the longer name that ends in org and opens one of the
// first head_lines lines: news names a body in full in its title or lead
// and shortens it after (「日本年金機構は1日、…と発表した。年金機構による
// と、…」), where the reading of a later sentence finds the short form.
// The longer name is org after at most fuller_head_max kanji, katakana or
// Latin letters that begin the line and are a proper name to the
// tokenizer, and no name's rune follows it; "" for none.
func fullerLeadName(org string, lines []string) string {
	if org == "" || longestSuffix(org, orgSuffixes) == "" {
		return ""
	}
	seen := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if seen++; seen > headLines {
			break
		}
		l = strings.TrimLeft(l, text.NameTrimMarks)
		at := strings.Index(l, org)
		if at <= 0 {
			continue
		}
		head := l[:at]
		if strings.IndexFunc(head, func(r rune) bool { return !isNameRune(r) || unicode.IsDigit(r) }) >= 0 ||
			utf8.RuneCountInString(head) > fullerHeadMax {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(l[at+len(org):]); at+len(org) < len(l) && isNameRune(next) {
			continue
		}
		// The head is a proper name (日本, a place; a coined word), not a
		// page's label glued to the name (報道発表資料, 業種), and the
		// longer name ends as names do. A body the notice may name as an
		// outside one (日本年金機構) is still the one that org shortens.
		ms := text.Morphs(head)
		if len(ms) == 0 || slices.ContainsFunc(ms, func(m text.Morph) bool { return !m.ProperPOS && !m.Unknown }) {
			continue
		}
		full := head + org
		if !isGeneric(full) && (startsWithLegalForm(full) || endsInLegalForm(full) || endsInSuffix(full, lineSuffixes)) {
			return full
		}
	}
	return ""
}

// hiraganaHead is the hiragana that opens org's name where the text first
// writes it, which the name rules (kanji, katakana and Latin) stop before:
// 「がんリンパ浮腫理学療法学会」 read as リンパ浮腫理学療法学会. The run has
// hiragana_head_min to hiragana_head_max runes (weights.tsv), stands
// after the start of its line or a rune that is neither a name's nor
// hiragana (a space, a bracket, a colon), and is nouns only to the
// tokenizer (がん, まちづくり; not また or について); "" for none.
func hiraganaHead(org string, lines []string) string {
	if org == "" {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(org); isHiragana(r) {
		return ""
	}
	for _, l := range lines {
		at := strings.Index(l, org)
		if at < 0 {
			continue
		}
		head := runBefore(l[:at], isHiragana)
		if n := utf8.RuneCountInString(head); n < hiraganaHeadMin || n > hiraganaHeadMax {
			return ""
		}
		start := at - len(head)
		if prev, _ := utf8.DecodeLastRuneInString(l[:start]); start > 0 && isNameRune(prev) {
			return ""
		}
		ms := text.Morphs(head)
		if len(ms) == 0 || slices.ContainsFunc(ms, func(m text.Morph) bool { return !m.Noun }) {
			return ""
		}
		return head
	}
	return ""
}

// PageGovernment is the organization of a notice read again with the
// whole page it was cut from (pageSents): the government the page calls
// itself by its kind and names alone (selfReferredGovernment over the page,
// whose breadcrumb may be the only place that names it), when the
// notice's own reading found no body (org "") or a national one
// (national_suffixes.tsv: 厚生労働省 of 「厚生労働省の人口動態調査」 on 神奈川県's
// page that writes 「県が行う厚生統計の業務」); for a ward's bare name, the
// one designated city of that ward the page names (wardCityNamed); else
// org and evidence as they are, or, for no body, the page's reading by
// Find.
func PageGovernment(w *text.Watch, header, org, evidence string, pageSents []text.Sentence, pageLines []string) (string, string) {
	if !NeedsPage(org) {
		return org, evidence
	}
	if wardNames()[org] {
		// A ward's bare name: the page may name its city (wardCityNamed).
		if city := wardCityNamed(org, pageLines); city != "" {
			return city, evidence
		}
		return org, evidence
	}
	national := org != ""
	if gov, ev := selfReferredGovernment(pageSents); gov != "" {
		return gov, ev
	}
	if national {
		return org, evidence
	}
	return Find(w, header, pageSents, pageLines)
}

// NeedsPage reports whether org, the organization a notice's own text
// gave, is read again with the page (PageGovernment): none, a national
// body's, or a ward's bare name, whose city the page's banner may name.
func NeedsPage(org string) bool {
	return org == "" || text.HasSuffixAny(org, nationalSuffixes) || wardNames()[org]
}

// pluralFacilityGovernment is the local government of a name that is
// the government, a facility_links word (立, 内) and a kind of facility it
// runs many of (plural_facilities.tsv: 鎌倉市立保育園 and 広陵町内小学校
// are 鎌倉市 and 広陵町), or "".
func pluralFacilityGovernment(org string) string {
	org = firstOfFacilityList(org)
	for _, f := range pluralFacilities {
		rest, ok := strings.CutSuffix(org, f)
		if !ok {
			continue
		}
		for _, link := range facilityLinks {
			if gov, ok := strings.CutSuffix(rest, link); ok && localGovernments()[gov] {
				return gov
			}
		}
	}
	return ""
}

// bureauOfOffice is the regional bureau (regional_bureaus.tsv) a name
// opens with when a body of its own (a suffix of suffixes.tsv) follows it:
// 兵庫労働局西宮労働基準監督署 is 兵庫労働局's. "" otherwise.
func bureauOfOffice(org string) string {
	for _, b := range regionalBureaus {
		i := strings.Index(org, b)
		if i <= 0 {
			continue
		}
		end := i + len(b)
		if rest := org[end:]; rest != "" && text.HasSuffixAny(rest, orgSuffixes) {
			return org[:end]
		}
	}
	return ""
}

// firstOfFacilityList is org less the kinds of facility joined after a
// first one (播磨町立小学校・中学校 is 播磨町立小学校, which
// pluralFacilityGovernment reads), or org when it ends in no such list.
func firstOfFacilityList(org string) string {
cut:
	for {
		for _, f := range pluralFacilities {
			rest, ok := strings.CutSuffix(org, f)
			if !ok {
				continue
			}
			for _, j := range facilityJoins {
				if head, ok := strings.CutSuffix(rest, j); ok && text.HasSuffixAny(head, pluralFacilities) {
					org = head
					continue cut
				}
			}
		}
		return org
	}
}

// wardCityNamed is the designated city of ward, a ward's bare name
// (生野区), when the text writes the ward with the name of one city that
// has such a ward (大阪市生野区) and of no other: the body is the city, as
// when the ward is named in full. Failing that, when it names one such
// city alone and no other (a page's banner 「熊本市公式サイトトップへ」 over
// 「中央区保護第一課において…」): a designated city's ward is an office of
// the city, not a body of its own (Tokyo's special wards, whose names
// some of those wards share, are no designated city's). "" for any other
// name, or none.
func wardCityNamed(ward string, lines []string) string {
	if !wardNames()[ward] {
		return ""
	}
	cities := gazetteerGovernments().citiesOfWard[ward]
	if city, several := soleCity(cities, lines, func(l, city string) bool { return strings.Contains(l, city+ward) }); city != "" || several {
		return city // "" for two cities' wards of one name: which is not said
	}
	city, _ := soleCity(cities, lines, namesAlone)
	return city
}

// soleCity is the one city of cities that a line of lines names as
// names says, "" for none or several; several tells which.
func soleCity(cities, lines []string, names func(l, city string) bool) (city string, several bool) {
	for _, c := range cities {
		if slices.ContainsFunc(lines, func(l string) bool { return names(l, c) }) {
			if city != "" {
				return "", true
			}
			city = c
		}
	}
	return city, false
}

// namesAlone reports whether l writes name where no name character stands
// before it: 「熊本市公式サイト」 names 熊本市, 「東大阪市」 does not name 大阪市.
func namesAlone(l, name string) bool {
	for at := range text.Occurrences(l, name) {
		if prev, _ := utf8.DecodeLastRuneInString(l[:at]); at == 0 || !isNameRune(prev) {
			return true
		}
	}
	return false
}

// find is Find before a government's office is read as the government.
func find(w *text.Watch, header string, sents []text.Sentence, lines []string) (string, string) {
	if header != "" {
		if org := headerOrganization(header, compactBody(lines, header)); org != "" {
			return org, header
		}
	}
	for _, s := range sents {
		w.Check()
		if loc := selfRefRE.FindStringIndex(s.Text); loc != nil {
			before := strings.TrimSpace(s.Text[:loc[0]])
			if hs := hiraganaCompanies(before); len(hs) > 0 && hs[len(hs)-1].end == len(before) {
				return hs[len(hs)-1].name, s.Text // くら寿司株式会社(以下「当社」)
			}
			if org := lastName(s.Text[:loc[0]]); org != "" {
				// 「福岡大学筑紫病院(以下「当院」)」: the whole name that the
				// last suffixed one (筑紫病院) ends.
				if run := trailingRun(before); len(run) > len(org) && strings.HasSuffix(run, org) &&
					text.RuneCountTo(run, nameLineMaxRunes+1) <= nameLineMaxRunes && wholeName(run) == run {
					return run, s.Text
				}
				return org, s.Text
			}
			// A name with neither a legal form nor a suffix that defines
			// itself as 当社: 「日本赤十字社(以下「当社」)への寄付…」.
			// Not a run that opens or closes on a mark: 「sotosotodays
			// -ソトソトデイズ-(以下、当店)」 is cut inside its name.
			if run := trailingRun(before); text.RuneCountTo(run, nameLineMaxRunes+1) <= nameLineMaxRunes &&
				utf8.RuneCountInString(run) >= nameMinRunes && !isGeneric(run) && !isOutside(run) && !strings.ContainsAny(run, "0123456789") &&
				!opensOrClosesOnMark(run) {
				return run, s.Text
			}
		}
	}
	// A body that defines the tail of its own name as its short name:
	// 「全国健康保険協会石川支部(以下「石川支部」という。)」,
	// 「東京都教育委員会(以下「教育委員会」という。)」.
	for _, s := range sents {
		if org := tailDefinedName(s.Text); org != "" {
			return org, s.Text
		}
	}
	// A body that gives itself a short name and goes on by it:
	// 「NTTコミュニケーションズ(略称:NTT Com)が提供する…」, 「NTT Comでは、…」.
	// Only the first sentence that gives a short name is read: a body
	// names itself once, and each reading scans the whole text.
	for _, s := range sents {
		if text.ContainsAny(s.Text, shortNameParts["mark"]) {
			if org := shortNamedSelf(s.Text, lines); org != "" {
				return org, s.Text
			}
			break
		}
	}
	// The body that names itself in brackets after its own reference:
	// 「当社(関西電力送配電)と託送契約を…」.
	for _, s := range sents {
		if org := bracketedSelfName(s.Text); org != "" {
			return org, s.Text
		}
	}
	if org, ev := announcedSubject(sents); org != "" {
		return org, ev
	}
	if org, ev := attributedSource(sents); org != "" {
		return org, ev
	}
	// A line that is only a name, near the top or in the signature block.
	var idx []int
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			idx = append(idx, i)
		}
	}
	for k, i := range idx {
		w.Check()
		// A contact block's first line (「【問い合わせ先】 / 大阪国際がんセンター」)
		// is read wherever it stands: a page's menus may follow it.
		underContact := k > 0 && contactLabelLine(lines[idx[k-1]])
		if k >= topLines && k < len(idx)-signatureLines && !underContact {
			continue
		}
		l := lines[i]
		if k >= headLines && text.RuneCountTo(l, lineMaxRunes+1) > lineMaxRunes {
			continue
		}
		if org := lineName(l, k < headLines); org != "" && !(k > 1 && idx[k-1] == i-1 && wrapsOnto(lines[i-1], l, org)) {
			if k == 0 && localGovernmentPrefix(org) == org && len(l) > len(org) {
				// 「福島県双葉町の…調査事業における…流出の可能性について」
				// over a company's letterhead: the town is what the work
				// was for, the company who tells of it.
				if co, line := signedLetterhead(lines, idx); co != "" {
					return co, line
				}
			}
			return org, l
		}
		if underContact {
			if org := contactName(l); org != "" {
				return org, l
			}
		}
	}
	// The body named at the start of the first sentences: 「○○市において」.
	// Past this loop these sentences have no subject, which the local
	// governments' turn below relies on.
	// A page's lines before its first sentences (a title, a date, a page
	// number, a contact line, 「…14時発表」) are read but not counted: only
	// a sentence that ends as one does.
	counted := 0
	for _, s := range sents {
		if counted >= subjectSentences {
			break
		}
		if org := subjectName(s.Text); org != "" {
			if own, ev := ownKindOverGovernment(org, sents); own != "" {
				return own, ev
			}
			return org, s.Text
		}
		if strings.HasSuffix(s.Text, "。") {
			counted++
		}
	}
	// The body that calls itself by its name: 「当○○クラブの会員…」.
	for _, s := range sents {
		w.Check()
		if org := selfPrefixedName(s.Text); org != "" {
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
	// Each sentence's mask, which the routes below read too, to pass over
	// a sentence without the words they look for.
	var maskBuf [16]text.RuneMask
	masks := maskBuf[:0]
	for _, s := range sents {
		w.Check()
		sm := text.MaskOf(s.Text)
		masks = append(masks, sm)
		// An address names a place, not the holder: 〒100-0001 東京都….
		if addressCueList.InMask(s.Text, sm) {
			continue
		}
		var spans *text.TokenSpans // the sentence's tokens, read on first need
		var hiraganaNames []nameSpan
		if nameCues[0].InMask(s.Text, sm) || nameCues[1].InMask(s.Text, sm) {
			hiraganaNames = hiraganaCompanies(s.Text) // 株式会社しまむら, named in full
		}
		if nameCues[0].InMask(s.Text, sm) || nameCues[2].InMask(s.Text, sm) {
			// ひまわり信用金庫, 有限会社なごみ: by their shape.
			for _, h := range hiraganaPatternNames(s.Text) {
				if !within(hiraganaNames, h.at, h.end) {
					hiraganaNames = append(hiraganaNames, h)
				}
			}
		}
		for r, re := range []*regexp.Regexp{legalFirstRE, legalLastRE, suffixLongRE} {
			if !nameCues[r].InMask(s.Text, sm) {
				continue // no legal form or suffix: the pattern cannot match
			}
			for _, loc := range re.FindAllStringIndex(s.Text, -1) {
				if within(hiraganaNames, loc[0], loc[1]) {
					continue // the tail of a hiragana name: 寿司株式会社 of くら寿司株式会社
				}
				m := s.Text[loc[0]:loc[1]]
				if r == 0 && branchAfterForm(s.Text[:loc[0]], m) {
					continue // 津支店 of 名鉄観光サービス株式会社津支店: the form ends the name before it
				}
				if r == 0 && conjunctionAfterForm(s.Text[loc[0]:]) {
					continue // 株式会社及 of …コンサルティング株式会社及び監査法人TSK: the form ends the name before it
				}
				if definedAsOther(s.Text[loc[1]:]) && !aliasSignsTitle(s.Text[loc[1]:], lines) {
					continue // 株式会社○○ペイメント(以下「MP社」): a third party the notice names
				}
				if r == 2 {
					if suf := longestSuffix(m, patternSuffixes); suf != "" {
						if spans == nil {
							sp := text.SpansOf(s.Text)
							spans = &sp
						}
						if !spans.SuffixOnBoundary(loc[1], len(suf)) {
							continue // 市民税, 下水道, 大学院: a word, not a name
						}
					}
				}
				if r == 0 {
					// A Latin name goes on after its spaces: 株式会社Example Technology.
					words := latinWordsAfter(m, s.Text[loc[1]:])
					m = cutTitle(trimName(m + words + suffixedNameAfter(m+words, s.Text[loc[1]+len(words):])))
				} else if r == 1 {
					// and begins before them: AOBA Digital株式会社.
					m = trimName(afterHeads(latinWordsBefore(m, s.Text[:loc[0]]) + m))
				} else {
					m = trimName(m)
				}
				m = trimLineLabel(m) // 「発生場所 市立小学校」 glued by a dropped space
				if m == "" || countAfterForm(m) || countedBodies(m) || isGeneric(m) || isOutside(m) || strings.HasPrefix(m, "ー") || slices.Contains(orgSuffixes, m) {
					continue
				}
				if text.HasSuffixAny(s.Text[:loc[0]], quantifiers) {
					continue // 「一部の登録動物病院」: some of a kind of body
				}
				if r == 2 && strings.HasSuffix(s.Text[:loc[0]], "(") && strings.HasPrefix(s.Text[loc[1]:], ")") && localGovernmentPrefix(m) == m {
					continue // 「廃棄処分場(大阪府豊中市)へ」: a place in brackets, where something is
				}
				if r == 2 && twoMunicipalities(m) {
					continue // 四條畷市交野市 of 四條畷市交野市清掃施設組合: two cities' joint body
				}
				if r == 2 && localGovernments()[m] && strings.HasSuffix(s.Text[:loc[1]], m) && inGovernmentList(s.Text, loc[1]-len(m), loc[1]) {
					continue // 「参加申込を行った堺市、東大阪市、岸和田市の…」: participants, not the holder
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
					counts[m] = countAsName(body, m)
				}
				if r < 2 {
					legal[m] = true
				}
			}
		}
		for _, h := range hiraganaNames {
			if _, ok := counts[h.name]; !ok {
				if len(order) == maxNameCandidates {
					continue
				}
				order = append(order, h.name)
				first[h.name] = s.Text
				if !joined {
					body, joined = strings.Join(lines, "\n"), true
					if header != "" {
						body = strings.Replace(body, header, "", 1)
					}
				}
				counts[h.name] = countAsName(body, h.name)
			}
			legal[h.name] = true
		}
	}
	best := ""
	for _, o := range order {
		if !legal[o] && counts[o] < minRecurrence {
			continue
		}
		if namedAsAuthority(body, o) {
			continue // 「奈良県による立入調査」: who inspected the holder
		}
		if namedAsContractor(body, o) || namedAsVendor(body, o) {
			continue // 「委託先である株式会社○○の担当者が誤って」: who handled the data
		}
		if otherLevelDepartment(sents, o) {
			continue // 「県障がい福祉課において…」 and 新富町 named as the papers' route
		}
		if counts[o] > counts[best] || (legal[o] && !legal[best] && counts[o] == counts[best]) {
			best = o
		}
	}
	if best != "" {
		if own, ev := ownKindOverGovernment(best, sents); own != "" {
			return own, ev
		}
		return best, first[best]
	}
	// No name by its form: the gazetteers. A local government that is the
	// subject of a sentence (「○○町では、…」) and recurs; then a listed
	// company the text names more than once.
	if !joined {
		body = strings.Join(lines, "\n")
		if header != "" {
			body = strings.Replace(body, header, "", 1)
		}
	}
	for k, s := range sents {
		w.Check()
		if k < subjectSentences {
			continue // no subject (subjectName is pure): the loop above read it
		}
		if gov := subjectName(s.Text); gov != "" && localGovernments()[gov] && strings.Count(body, gov) >= minRecurrence {
			return gov, s.Text
		}
	}
	if gov, ev := selfReferredGovernment(sents); gov != "" {
		return gov, ev
	}
	if org, ev := selfReferredBody(sents); org != "" {
		return org, ev
	}
	if org := gazetteerCompany(body); org != "" && !namedAsThirdParty(body, org) {
		for _, s := range sents {
			if strings.Contains(s.Text, org) {
				return org, s.Text
			}
		}
		return org, ""
	}
	// No body named at all (fallback.go): a quoted name, the notice's own
	// site or shop by its name (in the text, then opening the title), the client of an unnamed contractor, a
	// board named without its place (県教育委員会), then the department
	// that reports the notice (department.go).
	// Called one by one, not through a list of funcs, which would move
	// masks to the heap.
	if org, ev := quotedName(sents, masks); org != "" {
		return org, ev
	}
	if org, ev := serviceName(sents, masks); org != "" {
		return org, ev
	}
	if org, ev := titleServiceName(lines); org != "" {
		return org, ev
	}
	if org, ev := greetingName(sents); org != "" {
		return org, ev
	}
	if org, ev := recurringGovernment(sents); org != "" && !otherLevelDepartment(sents, org) {
		return org, ev
	}
	if org, ev := clientName(sents, masks); org != "" {
		return org, ev
	}
	if org, ev := unnamedBody(header, sents, masks); org != "" {
		return org, ev
	}
	return departmentName(sents, lines)
}

// gazetteerCompany is the company of the gazetteer (EDINET) that the text
// names most often, at least minRecurrence times, by its name without its
// legal form (「富士通パーソナル製品…」 names 富士通): a name of three
// characters or more, not Latin (short Latin names such as BASE or RPA are
// words too), not one dictionary word (a company named as a common noun),
// and starting and ending on a boundary of its script (ウィル is not named
// in ウィルス; 富士通 is in 富士通パーソナル). The name is given as the text
// writes it, with its legal form when the text has one.
func gazetteerCompany(body string) string {
	companies := gazetteerCompanies()
	// One walk of the text finds every company key (wordscan), where a
	// strings.Index per company walked it ~4,000 times.
	var count, next map[int]int // per company: boundary occurrences; where its next may start
	gazetteerCompanyIndex().Each(body, func(at, w int) {
		key := companies[w].key
		if at < next[w] {
			return // overlaps the occurrence before, as strings.Index from its end would skip it
		}
		if next == nil {
			count, next = map[int]int{}, map[int]int{}
		}
		end := at + len(key)
		next[w] = end
		prev, _ := utf8.DecodeLastRuneInString(body[:at])
		after, _ := utf8.DecodeRuneInString(body[end:])
		first, _ := utf8.DecodeRuneInString(key)
		last, _ := utf8.DecodeLastRuneInString(key)
		if (at == 0 || scriptOf(prev) != scriptOf(first)) && (end == len(body) || scriptOf(after) != scriptOf(last)) {
			count[w]++
		}
	})
	if len(count) == 0 {
		return ""
	}
	found := make([]int, 0, len(count))
	for w := range count {
		found = append(found, w)
	}
	slices.Sort(found) // the gazetteer's order decides ties, as before
	best, bestCount := "", 0
	for _, w := range found {
		c, n := companies[w], count[w]
		if n >= minRecurrence && n > bestCount && !isOutside(c.key) && !isGeneric(c.key) {
			best, bestCount = c.key, n
			if strings.Contains(body, c.name) {
				best = c.name
			}
		}
	}
	return best
}

// scriptOf is the script class of r for name boundaries: kanji, katakana
// (with ー), Latin letters and digits, or other.
func scriptOf(r rune) int {
	switch {
	case unicode.Is(unicode.Han, r) || r == '々':
		return 1
	case unicode.Is(unicode.Katakana, r) || r == 'ー':
		return 2
	case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
		return 3
	}
	return 0
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
	if name := hiraganaCompanyOpening(rest); name != "" {
		return name // 株式会社しまむら 個人情報…
	}
	if name := nameAfterTitle(rest); name != "" {
		return name // 個人情報漏洩に関するご報告とお詫び 株式会社小学館 2023年4月25日
	}
	run := cutOfficer(leadingRun(rest))
	if i := digitAfterKanji(run); i > 0 {
		run = run[:i] // 「鳥取県西部総合事務所3号館・米子市役所…」: a building's number ends the name
	}
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
	// The name is a prefix of the run of at most MaxNameRunes runes; a
	// longer run is no name as a whole, and its prefixes past the bound
	// are none either.
	within := run[:text.PrefixBytes(run, MaxNameRunes)]
	ends, spans := tokenEnds(run[:text.PrefixBytes(run, MaxNameRunes+tokenLookahead)])
	best, bestScore := "", headerMinScore
	count := 0
	for k := range within {
		count++ // run[:k] holds count-1 runes
		if count-1 < nameMinRunes {
			continue
		}
		if sc := splitScore(rest, run, k, ends, spans, compactBody); sc > bestScore || (sc == bestScore && best != "") {
			best, bestScore = run[:k], sc
		}
	}
	if len(within) < len(run) {
		if sc := splitScore(rest, run, len(within), ends, spans, compactBody); sc > bestScore || (sc == bestScore && best != "") {
			best, bestScore = within, sc
		}
	} else if sc := splitScore(rest, run, len(run), ends, spans, compactBody); sc >= bestScore {
		best = run
	}
	if best == "" || isGeneric(best) || allKanji(best) && gluedToGovernment(best) {
		return "" // 報道発表資料生野区: a label glued to the ward's name
	}
	// A local government of the gazetteer that the cut falls inside:
	// 四日市|市, 十日町|市, 野々市|市 (a place and its suffix again).
	if gov := localGovernmentPrefix(run); len(gov) > len(best) && strings.HasPrefix(gov, best) {
		return gov
	}
	return best + latinWordsAfter(best, rest[len(best):])
}

// nameAfterTitle is the name of a header that puts the title first: the
// header begins as a title does (title_starts.tsv), and what follows the
// title's end (title_ends.tsv, as a title line's: 「…ご報告とお詫び」), up
// to the date, is a whole name. The normalizer may have removed the
// spaces between them. "" otherwise.
func nameAfterTitle(rest string) string {
	if !text.HasPrefixAny(rest, titleStarts) {
		return ""
	}
	if d := strings.IndexAny(rest, "0123456789"); d >= 0 {
		rest = rest[:d] // 「株式会社小学館 2023年4月25日」: the date ends the name
	}
	rest = strings.TrimSpace(rest)
	i := titleEndSet.LastIndex(rest)
	if i <= 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(rest[i:])
	if !text.HasPrefixAny(text.LastRunes(rest[:i+size], 2), titleEnds) {
		return ""
	}
	tail := strings.TrimSpace(rest[i+size:])
	if text.RuneCountTo(tail, nameLineMaxRunes+1) > nameLineMaxRunes {
		return "" // longer than a name: no name, and not read as one
	}
	if name := wholeName(tail); name != "" && name == tail {
		return name
	}
	return ""
}

// digitAfterKanji is the byte offset of the first run of ASCII digits in
// s that follows a character that is not ASCII and is followed by one
// (「事務所3号館」, 「本館2階」: a building's or a floor's number, an
// address), 0 when none is. A Latin name keeps its digits (ABC2, 3M), and
// so does a name that ends in a number (テスト商事1).
func digitAfterKanji(s string) int {
	for i := 1; i < len(s); i++ {
		if !text.IsDigitByte(s[i]) || s[i-1] < utf8.RuneSelf {
			continue
		}
		j := i
		for j < len(s) && text.IsDigitByte(s[j]) {
			j++
		}
		if j < len(s) && s[j] >= utf8.RuneSelf {
			return i // 3号館, 2階: a counter follows the number
		}
	}
	return 0
}

// latinWordsAfter is the rest of a Latin name that the space between its
// words cut off: 「株式会社Example Technology 採用…」 goes on with
// " Technology". A word goes on the name when it is all Latin name
// characters and begins with a capital letter; the last word may be glued
// to what follows the name (「株式会社Aoba Digital Solutionsは、…」).
func latinWordsAfter(name, after string) string {
	last, _ := utf8.DecodeLastRuneInString(name)
	if last >= 0x80 || !unicode.IsLetter(last) && !unicode.IsDigit(last) {
		return ""
	}
	out := ""
	for words := 0; words < latinWordsMax && strings.HasPrefix(after, " "); words++ {
		word := latinNamePrefix(after[1:])
		first, _ := utf8.DecodeRuneInString(word)
		if word == "" || !unicode.IsUpper(first) || utf8.RuneCountInString(name+out+word) >= MaxNameRunes {
			break
		}
		out += " " + word
		after = after[1+len(word):]
		if !strings.HasPrefix(after, " ") {
			break // the name ends glued to a particle or at the end
		}
	}
	return out
}

// suffixedNameAfter is the name in kanji or katakana that goes on, after
// a space, a name that ends in a Latin word (「医療法人DIC 宇都宮セントラル
// クリニック」): a run of name characters that is a whole name of its own
// by its suffix; "" for none.
func suffixedNameAfter(name, after string) string {
	last, _ := utf8.DecodeLastRuneInString(name)
	if last >= 0x80 || !unicode.IsLetter(last) || !strings.HasPrefix(after, " ") {
		return ""
	}
	run := leadingRun(after[1:])
	if run == "" || wholeName(run) != run || startsWithLegalForm(run) {
		return ""
	}
	return run
}

// latinNamePrefix is the run of Latin name characters that begins s; ""
// when it is followed by another letter or digit of a name (a word of
// kanji or katakana glued to it is not part of a Latin name: 「Aoba電機」).
func latinNamePrefix(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= 0x80 || !isNameRune(r) })
	if i < 0 {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[i:]); isNameRune(next) {
		return ""
	}
	return s[:i]
}

// latinWordsBefore is the start of a Latin name that a space cut off before
// the word a pattern matched: 「AOBA Digital株式会社」 begins with "AOBA ".
// A word goes on the name when it is all Latin name characters and
// begins with a capital letter; one glued to kanji or katakana brings them
// and ends the name's start there.
func latinWordsBefore(name, before string) string {
	first, _ := utf8.DecodeRuneInString(name)
	if first >= 0x80 || !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return ""
	}
	out := ""
	for words := 0; words < latinWordsMax && strings.HasSuffix(before, " "); words++ {
		before = before[:len(before)-1]
		start := 0
		if i := strings.LastIndexFunc(before, func(r rune) bool { return r >= 0x80 || !isNameRune(r) }); i >= 0 {
			prev, size := utf8.DecodeRuneInString(before[i:])
			if isNameRune(prev) {
				// Glued to kanji or katakana: the name begins with them
				// (青葉ABC Digital株式会社).
				if w := trailingRun(before); w != "" && utf8.RuneCountInString(w+out+name) < MaxNameRunes {
					out = w + " " + out
				}
				break
			}
			start = i + size
		}
		word := before[start:]
		if r, _ := utf8.DecodeRuneInString(word); word == "" || !unicode.IsUpper(r) || utf8.RuneCountInString(word+out+name) >= MaxNameRunes {
			break
		}
		out = word + " " + out
		before = before[:len(before)-len(word)]
	}
	return out
}

// latinWordsMax bounds the Latin words added to a name after a space.
const latinWordsMax = 4

// MaxNameRunes bounds an organization's name: a run of name characters
// longer than this is not one name (the longest name run of a header or a
// line in the seeds, dev and dev-b corpora has 31 runes). Scoring every
// cut of an unbounded run cost its length squared: a 300 KB header of
// kanji took 13 s.
const MaxNameRunes = 64

// maxNameCandidates bounds the distinct names the text is searched for
// (each costs a pass over the whole text): a notice names a few bodies,
// not thousands. The most a notice of the seeds, dev and dev-b corpora
// names is 3.
const maxNameCandidates = 100

// tokenLookahead is how many runes past the longest name kagome reads, so
// that the tokens ending within the name are the ones it finds in the
// whole run.
const tokenLookahead = 16

// splitScore rates cutting the header's name run at byte k.
func splitScore(rest, run string, k int, ends map[int]string, spans text.TokenSpans, body string) int {
	name, remainder := run[:k], rest[k:]
	sc := 0
	evidence := k == len(run)
	if endsInLegalForm(name) || startsWithLegalForm(name) && scriptChange(run, k) {
		sc += legalFormScore
		evidence = true
	}
	// The longest suffix the cut ends in; one of one character (市, 道)
	// counts only on a token boundary: 下水道, 市民税 are words.
	if suf := longestSuffix(name, orgSuffixes); suf != "" && !selfWord(name, suf) &&
		(utf8.RuneCountInString(suf) > 1 || spans.SuffixOnBoundary(k, len(suf))) {
		sc += suffixScore
		evidence = true
	}
	if tag, ok := ends[k]; ok {
		sc += tokenEndScore
		if tag == "組織" {
			sc += orgTagScore
			evidence = true
		}
	}
	if !evidence {
		return 0
	}
	// A suffix right after the cut means the name goes on: 北海道大学|病院.
	for _, suf := range orgSuffixes {
		if utf8.RuneCountInString(suf) >= suffixFollowsMinRunes && strings.HasPrefix(remainder, suf) {
			sc += suffixFollowsScore
			break
		}
	}
	for _, w := range titleStarts {
		if strings.HasPrefix(remainder, w) {
			sc += titleStartScore
			if utf8.RuneCountInString(w) == 1 && !strings.ContainsAny(w, "【「『(") {
				sc += titleStartOneRune // 当, 弊 alone are weaker
			}
			break
		}
	}
	if remainder == "" || strings.HasPrefix(remainder, " ") {
		sc += spaceFollowsScore
	} else if r, _ := utf8.DecodeRuneInString(remainder); unicode.Is(unicode.Hiragana, r) {
		sc += hiraganaFollowsScore
	}
	if key := stripLegal(name); utf8.RuneCountInString(key) >= bodyRepeatsMinRunes && strings.Contains(body, key) {
		sc += bodyRepeatsScore
	}
	return sc
}

// selfWord reports whether name ends in a word such as 当社 or 弊社 rather
// than in a name's suffix 社.
func selfWord(name, suf string) bool {
	for _, w := range notSuffixWords {
		if strings.HasSuffix(name, w) && len(w) > len(suf)-1 {
			return true
		}
	}
	return false
}

// regulated is the body named at the start of a regulator's title:
// 「トヨタ自動車株式会社による個人データの漏えい…」.
func regulated(title string) string {
	for _, p := range regulatedLinks {
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
	// A local government whose name begins with hiragana that reads as a
	// particle (いちき串木野市, かすみがうら市): the gazetteer knows it. Their
	// list is only read for s that opens with hiragana, as they all do.
	if r, _ := utf8.DecodeRuneInString(s); unicode.Is(unicode.Hiragana, r) {
		end = hiraganaGovernmentOpening(s)
	}
	return nameRunFrom(s, end)
}

// hiraganaGovernmentOpening is the length of the longest hiragana-named
// local government s opens with, 0 for none.
func hiraganaGovernmentOpening(s string) int {
	end := 0
	for _, gov := range hiraganaGovernments() {
		if strings.HasPrefix(s, gov) && len(gov) > end {
			end = len(gov)
		}
	}
	return end
}

// nameRunFrom is s up to the end of the run of name characters that goes
// on from byte end, or s[:end] when none does.
func nameRunFrom(s string, end int) string {
	for i := end; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.Is(unicode.Hiragana, r) {
			j := hiraganaRunEnd(s, i)
			if j == len(s) || !namelikeHiraganaRun(s, i, j) && !slices.Contains(nameKana, s[i:j]) {
				break // (but 愛知県がんセンター: name_kana.tsv)
			}
			i = j
			continue
		}
		if !isNameRune(r) || r >= 0x4e00 && text.HasPrefixAny(s[i:], conjunctions) {
			break // 「センター及び…」: a conjunction ends the name
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

// tokenEnds maps the byte offsets where kagome's tokens of s end to the
// third POS field of the token ending there (組織 for an organization).
func tokenEnds(s string) (map[int]string, text.TokenSpans) {
	out := map[int]string{}
	spans := text.TokenSpans{Starts: map[int]bool{}, Ends: map[int]bool{}, ProperEnds: map[int]bool{}}
	at := 0
	for _, m := range text.Morphs(s) {
		spans.Starts[at] = true
		at += len(m.Surface)
		spans.Ends[at] = true
		if m.ProperPOS {
			spans.ProperEnds[at] = true
		}
		tag := ""
		if m.IsOrgTag() {
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
	return out, spans
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

// withoutCountedHeads is name after the heads of counted_heads.tsv it
// opens with, one after another: an opener or none, ASCII digits, and a
// counter (令和5年度, then 第3回), or a bare counter alone (年度). name
// itself when it opens with none.
func withoutCountedHeads(name string) string {
	for {
		rest := name[text.LongestPrefix(name, countedHeads["opener"]):]
		digits := strings.TrimLeft(rest, "0123456789")
		counters := countedHeads["counter"]
		if len(digits) == len(rest) {
			// No number: only a counter that opens no name alone
			// (年度 of 「2023年度大阪公立大学…」 whose run began after its
			// digits), not 年 of 年金機構.
			counters = countedHeads["bare"]
		}
		n := text.LongestPrefix(digits, counters) // 年度 before 年
		if n == 0 {
			return name
		}
		name = digits[n:]
	}
}

// afterHeads is m after the last word of name_heads.tsv in it: 「お客様
// 各位日販アイ・ピー・エス株式会社」, lines run together, is 日販アイ・ピー・エ
// ス株式会社.
func afterHeads(m string) string {
	for _, w := range nameHeads {
		if i := strings.LastIndex(m, w); i >= 0 {
			m = m[i+len(w):]
		}
	}
	return m
}

// cutTitle cuts a 「株式会社○○」 match where a title word follows the name:
// 「株式会社東玉弊社が…」 is 株式会社東玉.
func cutTitle(m string) string {
	if isOutside(m) {
		return m // 一般社団法人○○個人情報保護委員会: outside whole, not cut to a holder
	}
	for _, w := range nameCuts {
		if i := strings.Index(m, w); i > 0 {
			m = m[:i]
		}
	}
	return cutOfficer(m)
}

// nameOnlyCut is cutOfficer(t) when that is nameRun's characters only,
// nameLineMinRunes to nameLineMaxRunes of them, and "" otherwise. The cut
// must then end within the run of name characters that t opens with, and
// the titles being name characters, the title it ends at lies inside that
// run too: the rest of t, often a whole sentence, is never searched.
func nameOnlyCut(t string) string {
	run := nameRunPrefix(t)
	cut := cutOfficer(t[:run])
	if len(cut) == run && run < len(t) {
		return "" // no title within the run: the cut keeps what follows it
	}
	if n := text.RuneCountTo(cut, nameLineMaxRunes+1); n < nameLineMinRunes || n > nameLineMaxRunes {
		return ""
	}
	return cut
}

// cutOfficer cuts a run of name characters before an officer's title:
// 「株式会社○○代表取締役社長…」 is 株式会社○○.
func cutOfficer(run string) string {
	for _, w := range officerTitles {
		// A cut needs a name before the title: no shorter run holds one.
		if len(run) <= len(w) {
			continue
		}
		if i := strings.Index(run, w); i > 0 {
			run = run[:i]
		}
	}
	return run
}

// lineTokens appends to toks the tokens of l between white space
// (strings.Fields), or returns nil when l has more than lineMaxTokens:
// lineName reads the tokens of a short line only, and most lines are
// sentences, whose tokens were a slice made for nothing.
//
// It reads bytes, not runes: strings.Fields decoded every kana and kanji
// of every line to learn that it is no space, a third of lineName's time.
// A rune of white space begins with an ASCII space or with a lead byte
// and a second byte of spaceSeconds; none begins with a continuation
// byte, and each other byte decodes, in a range loop, as a rune of its
// own or is part of one, so no space starts inside what is passed over.
func lineTokens(toks []string, l string) []string {
	start := -1 // where the token being read began, -1 between tokens
	for i := 0; i < len(l); {
		n := 0
		if b := l[i]; b < utf8.RuneSelf {
			if asciiSpace[b] {
				n = 1
			}
		} else if k := spaceLead[b]; k != 0 && i+1 < len(l) && spaceSeconds[k-1].has(l[i+1]) {
			if r, size := utf8.DecodeRuneInString(l[i:]); unicode.IsSpace(r) {
				n = size
			}
		}
		if n == 0 {
			if start < 0 {
				start = i
			}
			i++
			continue
		}
		if start >= 0 {
			if len(toks) == lineMaxTokens {
				return nil
			}
			toks = append(toks, l[start:i])
			start = -1
		}
		i += n
	}
	if start >= 0 {
		if len(toks) == lineMaxTokens {
			return nil
		}
		toks = append(toks, l[start:])
	}
	return toks
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }

// The runes of unicode.White_Space, which unicode.IsSpace holds, by their
// bytes: asciiSpace are the ASCII ones; the others (U+0085, U+00A0,
// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) begin
// with a byte b whose spaceLead[b] is k > 0, then a byte of
// spaceSeconds[k-1]. Kana and most punctuation begin with E3, as U+3000
// does; their second byte tells them apart.
var (
	asciiSpace   [utf8.RuneSelf]bool
	spaceLead    [256]uint8
	spaceSeconds []byteSet
)

func init() {
	add := func(r rune) {
		if r < utf8.RuneSelf {
			asciiSpace[r] = true
			return
		}
		p := utf8.AppendRune(nil, r)
		if spaceLead[p[0]] == 0 {
			spaceSeconds = append(spaceSeconds, byteSet{})
			spaceLead[p[0]] = uint8(len(spaceSeconds))
		}
		set := &spaceSeconds[spaceLead[p[0]]-1]
		set[p[1]>>6] |= 1 << (p[1] & 63)
	}
	for _, rg := range unicode.White_Space.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			add(r)
		}
	}
	for _, rg := range unicode.White_Space.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			add(r)
		}
	}
}

// sectionBreakSet are the runes that a line naming only a government's
// section holds none of: a space or a comma ends the name.
var sectionBreakSet = text.NewRuneSet(" 、。,")

// afterQuotedTitle is l after a quote in 「」 that opens it (and the white
// space after the quote, which normalization mostly removes), or l when no
// quote opens it or nothing follows the quote.
func afterQuotedTitle(l string) string {
	rest, ok := strings.CutPrefix(l, "「")
	if !ok {
		return l
	}
	i := strings.Index(rest, "」")
	if i < 0 {
		return l
	}
	if after := strings.TrimSpace(rest[i+len("」"):]); after != "" {
		return after
	}
	return l
}

// contactLabelLine reports whether line l is a holder's label alone
// (line_labels.tsv value yes), maybe in brackets or before a colon:
// 「【問い合わせ先】」, 「お問い合わせ先:」. The line under it names who answers.
func contactLabelLine(l string) bool {
	t := strings.Trim(strings.TrimSpace(l), "【】[]〔〕<>()■◆●・: ")
	return t != "" && slices.Contains(holderLabels, t)
}

// contactName is the name that line l, the first of a contact block, is
// wholly: a name with hiragana in it too (大阪国際がんセンター), ending in
// any suffix of a name (header's too: the label above marks the line as a
// name, not a heading), "" for none.
func contactName(l string) string {
	l = strings.TrimSpace(l)
	if text.RuneCountTo(l, nameLineMaxRunes+1) > nameLineMaxRunes || strings.ContainsAny(l, "0123456789 ") ||
		!(nameLike(l) || endsInSuffix(l, orgSuffixes)) || isGeneric(l) || isOutside(l) {
		return ""
	}
	for _, r := range l {
		if !isNameRune(r) && !unicode.Is(unicode.Hiragana, r) {
			return ""
		}
	}
	return l
}

// endsInSuffix reports whether name ends in one of suffixes, after a
// character of its own.
func endsInSuffix(name string, suffixes []string) bool {
	for _, suf := range suffixes {
		if strings.HasSuffix(name, suf) && len(name) > len(suf) {
			return true
		}
	}
	return false
}

// conjunctionAfterForm reports whether the legal form that opens s is
// followed by a conjunction (conjunctions.tsv): 「…株式会社及び監査法人」
// ends a name with the form, and no name follows it.
func conjunctionAfterForm(s string) bool {
	f := legalFormOpening(s)
	return f != "" && text.HasPrefixAny(s[len(f):], conjunctions)
}

// withoutPrefecture is org less a prefecture that opens it before one of
// that prefecture's municipalities (the gazetteer's): news writes
// 「愛知県岡崎市は28日…」, 「千葉県松戸市教育委員会は」 and, in a headline,
// 「愛媛・愛南町」, and the body is 岡崎市, 松戸市教育委員会, 愛南町. Any
// other org is returned as it is.
func withoutPrefecture(org string) string {
	g := gazetteerGovernments()
	if i := strings.Index(org, "・"); i > 0 {
		// 「愛媛・愛南町」: a headline's short prefecture and a dot.
		head, rest := org[:i], org[i+len("・"):]
		for _, suffix := range [...]string{"県", "府", "都"} {
			for _, m := range g.municipalities[head+suffix] {
				if rest != "" && strings.HasPrefix(rest, m) {
					return rest
				}
			}
		}
	}
	for pref, names := range g.municipalities {
		rest, ok := strings.CutPrefix(org, pref)
		if !ok || rest == "" {
			continue
		}
		rest = strings.TrimPrefix(rest, "・") // 福島県・郡山市, as TV news writes it
		for _, m := range names {
			if strings.HasPrefix(rest, m) {
				return rest
			}
		}
		return org
	}
	return org
}

// announcer reports whether run, a name that opens sentence s followed
// by は or by が and a day (next), is a body that only ever stands outside a notice (a
// prefecture's police, outside_bodies.tsv) announcing this one, as a news
// report puts it: 「大分県警は1日、…誤送信したと発表した」 (the sentence ends
// with one of timeline/announce.tsv's endings). Read as the police's
// everywhere else, 県警 here is the holder.
func announcer(run, next, s string) bool {
	topic := strings.HasPrefix(next, "は") ||
		strings.HasPrefix(next, "が") && len(next) > len("が") && text.IsDigitByte(next[len("が")]) // 「香川県警が12日、…発表しました」
	if !topic || !isOutside(run) || text.RuneCountTo(run, nameLineMaxRunes+1) > nameLineMaxRunes {
		return false
	}
	return announces(s)
}

// announces reports whether sentence s ends with an announcing verb
// (timeline/announce.tsv endings: と発表した), as a news report's lead does.
func announces(s string) bool {
	t := strings.TrimRight(strings.TrimSpace(s), "。")
	if text.HasSuffixAny(t, announceEndings) {
		return true
	}
	// 「…漏えいした可能性があると12日、明らかにしました」: the day stands
	// between the と and the verb (lateDatedLeadAt).
	if !strings.Contains(t, "日、") && !strings.Contains(t, "きょう、") {
		return false
	}
	if ms := lateLeadDayRE.FindAllStringIndex(t, -1); len(ms) > 0 {
		last := ms[len(ms)-1]
		return text.HasSuffixAny(t[:last[0]]+"と"+t[last[1]:], announceEndings)
	}
	return false
}

// newsSubject reports whether run, a name that opens a sentence, is a news
// report's subject: after it a bracket that gives its seat (a local
// government, maybe after a seat label of seat_labels.tsv: 本社:), then
// は (next, the text after the bracket), or の after a labelled seat
// (「三菱UFJ証券(本社:東京都千代田区)の顧客…」). 「中国電力ネットワーク(広島市
// 中区)は16日、…」, 「日本テレコム(本社:東京都港区)は24日、…」. The name is no
// local government (「大阪市(…)は」 is read as one elsewhere), no generic
// or outside body's, and of a name's length without digits.
func newsSubject(run, rest, next string) bool {
	if !strings.HasPrefix(rest, "(") || !strings.HasPrefix(next, "は") && !strings.HasPrefix(next, "の") {
		return false
	}
	inside, _, ok := strings.Cut(rest[len("("):], ")")
	if !ok {
		return false
	}
	labelled := false
	for _, l := range seatLabels {
		if after, ok := strings.CutPrefix(inside, l); ok {
			inside, labelled = after, true
		}
	}
	if localGovernmentPrefix(strings.TrimSpace(inside)) == "" {
		return false
	}
	if strings.HasPrefix(next, "の") && !labelled {
		return false // 「○○(青葉市)の…」 is as often a place's body; 「○○(本社:…)の顧客」 is the firm's
	}
	n := text.RuneCountTo(run, nameLineMaxRunes+1)
	return n >= nameMinRunes && n <= nameLineMaxRunes && !strings.ContainsAny(run, "0123456789") &&
		!localGovernments()[run] && !isGeneric(run) && !isOutside(run)
}

// seatOf reports whether name, which opens a line tok, is followed by a
// seat cue (seat_cues.tsv): 「岩手県一関市に本店のある一関信用金庫で…」
// names where the body sits, not the body; so does a local government
// followed by の and a name by its suffix or one that opens with a local
// government (news: 「宮城県の石巻地区広域行政事務組合の…」, 「京都府の城陽
// 市立寺田小で」).
func seatOf(tok, name string) bool {
	rest, ok := strings.CutPrefix(tok, name)
	if !ok {
		return false
	}
	if text.HasPrefixAny(rest, seatCues) {
		return true
	}
	if after, ok := strings.CutPrefix(rest, "の"); ok && localGovernments()[name] {
		run := leadingRun(after)
		suf := longestSuffix(run, orgSuffixes)
		return suf != "" && len(run) > len(suf) && !isGeneric(run) || localGovernmentPrefix(run) != ""
	}
	return false
}

// lineName reads a line that is only a name (a signature, a dateline), a
// name followed by a person or a department (「常磐大学 学長 …」), a mayor's
// signature (「鹿嶋市長 田口伸一」), a department of a government
// (「神奈川県環境農政局…課」 gives 神奈川県), or a title line that ends in a
// name after a space.
func lineName(l string, top bool) string {
	if label, rest := openingLabel(strings.TrimSpace(l)); label != "" {
		if org := wholeName(label); org != "" {
			return org // 【青葉市】個人情報の誤送付について
		}
		l = rest
	}
	// A bracketed abbreviation of a legal form that opens the line goes
	// before the marks are trimmed, which would leave half of it (一社)…):
	// (一社)青葉県作業療法士会 is read as 青葉県作業療法士会.
	t := strings.TrimSpace(l)
	if f := legalFormOpening(t); strings.HasPrefix(f, "(") {
		l = t[len(f):]
	}
	l = strings.TrimSpace(strings.TrimLeft(l, text.NameTrimMarks))
	l = trimSelfPronoun(l) // 私ども日本消費者連盟でも、…
	if sig := longestSuffix(l, groupSignatures); sig != "" && len(sig) < len(l) {
		l = strings.TrimSpace(strings.TrimSuffix(l, sig)) // 日本消費者連盟一同: signed for all its people
	}
	l = trimLabelledDate(l) // a dateline before the name: 2024年5月1日 青葉電機株式会社, 更新日 2025-12-25 …
	if i := strings.Index(l, "〒"); i > 0 {
		l = strings.TrimSpace(l[:i]) // a letterhead's name, its address after it: 「○○病院 〒306-0433 …」
	}
	if l == "" || postcodeOpens(l) || streetAddress(l) {
		return ""
	}
	if t := trimNumberLead(l); text.HasPrefixAny(t, lineLabels) {
		return labelledName(t) // 「2 発生場所 市立小学校」: an item's label
	}
	if org := hiraganaLegalLine(l); org != "" {
		return org
	}
	if name := hiraganaNameOpening(l); name != "" {
		return name // 「生活協同組合コープおきなわ(浦添市)の…センターで」: a name with hiragana opens the line
	}
	// The line's length first: most lines are longer than a mayor's. A
	// letter's quoted title may stand before the signature on its line
	// (「市民の皆様へ」 堺市長 竹山修身).
	if ml := afterQuotedTitle(l); text.RuneCountTo(ml, mayorLineMaxRunes+1) <= mayorLineMaxRunes {
		if m := mayorRE.FindStringSubmatch(ml); m != nil && !isGeneric(m[1]) {
			if slices.Contains(headTitleRoles["enterprise"], m[2]) {
				return "" // 青葉市病院事業管理者: the hospital is named elsewhere
			}
			return m[1]
		}
	}
	// A section of a government, perhaps with hiragana in its name: the
	// government is the holder (「青葉県子ども家庭部こども支援課」).
	if text.HasSuffixAny(l, sectionWords) && !sectionBreakSet.In(l) && utf8.RuneCountInString(l) <= sectionLineMaxRunes {
		if p := placeRE.FindString(l); p != "" && len(p) < len(l) && !isGeneric(p) &&
			text.ContainsAny(l[len(p):], divisionWords) {
			return p
		}
	}
	if org := bodySection(l); org != "" {
		return org
	}
	if personLine(l) {
		return "" // 「課長 奥村 伸人」: a person's line, 奥村 no village
	}
	var buf [8]string
	toks := lineTokens(buf[:0], l)
	if len(toks) > 0 {
		if org := wholeName(toks[0]); org != "" && !seatOf(toks[0], org) {
			if org == toks[0] {
				// 「株式会社Aoba Digital Solutionsは、…」: the Latin name goes on.
				rest := strings.TrimPrefix(l, toks[0])
				words := latinWordsAfter(org, rest)
				org += words + suffixedNameAfter(org+words, rest[len(words):])
			}
			return org
		}
	}
	if len(toks) >= 2 {
		for _, t := range toks[1:] {
			if org := wholeName(t); org != "" && !strings.ContainsAny(t, "0123456789") {
				if org == t && endsInLegalForm(t) {
					// 「H&F BELX NET株式会社」: the Latin name begins before
					// its spaces.
					if at := strings.Index(l, t); at > 0 {
						org = trimName(latinWordsBefore(t, l[:at]) + t)
					}
				}
				return org
			}
		}
	}
	if org := signedName(l); org != "" || !top {
		return org // a signature, or a letterhead 「日本航空 社長 / 植木 義晴」
	}
	if org := breadcrumbName(l); org != "" {
		return org
	}
	// A title line that starts with the name (after a date), as a blog
	// header does: 「医療法人○○病院 患者の個人情報紛失か?」.
	rest := trimNumberLead(trimDateLead(l))
	if org := headerOrganization(rest, ""); org != "" && nameLike(org) && !(strings.HasPrefix(rest, org) && (definedAsOther(rest[len(org):]) || placeWithin(org, rest[len(org):]))) && !seatOf(rest, org) {
		// The run goes on past the name into a department: 「○○市総務課」
		// and 「教育庁高校教育課」 are left to the government's section
		// rules; 「朝日新聞社広報部」, a company's department, is the
		// company's.
		if run := leadingRun(rest); len(org) >= len(run) || !departmentSet.In(run[len(org):]) || companyDepartment(org, run[len(org):]) {
			return org
		}
	}
	// A title line that ends with its body in brackets: 「…の紛失について
	// (青葉市教育委員会)」. A company in brackets is as often the
	// contractor the title is about (「…委託先の被害について(株式会社○○)」).
	if before, inner, ok := text.CutTrailingBracket(l); ok && before != "" {
		if org := wholeName(inner); org != "" && !startsWithLegalForm(org) && !endsInLegalForm(org) {
			return org
		}
	}
	// A title line that ends with the name: 「…の紛失について○○信用金庫」.
	if i := titleEndSet.LastIndex(l); i > 0 {
		if _, size := utf8.DecodeRuneInString(l[i:]); text.HasPrefixAny(text.LastRunes(l[:i+size], 2), titleEnds) {
			if org := wholeName(l[i+size:]); org != "" {
				return org
			}
		}
	}
	// A title line whose tail after a particle or a space is a name:
	// 「…の漏えい事故に○○大学病院」.
	if tail := trailingRun(l); tail != "" && len(tail) < len(l) {
		prev, _ := utf8.DecodeLastRuneInString(l[:len(l)-len(tail)])
		// A legal form inside the tail means the normalizer glued words
		// to the name (「…紛失 国立研究開発法人○○」): where the name
		// starts is for the other rules to say.
		glued := false
		if loc := legalFirstRE.FindStringIndex(tail); loc != nil && loc[0] > 0 {
			glued = true
		}
		if !glued && (prev == ' ' || unicode.Is(unicode.Hiragana, prev)) {
			if org := wholeName(tail); org != "" {
				if whole := lineNameWithNo(l, tail); whole != "" {
					return whole
				}
				if gov := governmentEndingAt(org); gov != "" && gov != org && localGovernments()[gov] && !localGovernmentPrefixOf(org) {
					return gov // 「…の結果200人分を誤送付大和町」: the title's last word glued to the town
				}
				return org
			}
		}
	}
	return ""
}

// opensOrClosesOnMark reports whether name's first or last rune is a mark
// a name holds only inside it (-, &, ., ', ・).
func opensOrClosesOnMark(name string) bool {
	first, _ := utf8.DecodeRuneInString(name)
	last, _ := utf8.DecodeLastRuneInString(name)
	return strings.ContainsRune("-&.'・", first) || strings.ContainsRune("-&.'・", last)
}

// localGovernmentPrefixOf reports whether org opens with a local
// government (青葉県青葉市 opens with 青葉県), so that the government it
// ends with is part of a longer name, not glued to a word before it.
func localGovernmentPrefixOf(org string) bool {
	gov := localGovernmentPrefix(org)
	return gov != "" && gov != org
}

// companyDepartment reports whether org, a name a line opens with, and
// dept, the run after it, are a company and a whole department of its
// (朝日新聞社 and 広報部): org is no government's, opens with no place
// (placeRE: 青葉県…), holds no national suffix (省, 庁: 教育庁高校教育課),
// no outside body (県警察本部生活安全課) and is no generic word, and dept
// is a department's name of three characters or more ending in a word of
// departments.tsv, not the tail of the org's own word (保育こども園課).
func companyDepartment(org, dept string) bool {
	return !localGovernments()[org] && !placeRE.MatchString(org) && !text.ContainsAny(org, nationalSuffixes) &&
		!text.ContainsAny(org, outsideBodies) && !isGeneric(org) &&
		utf8.RuneCountInString(dept) >= 3 && (text.HasSuffixAny(dept, sectionWords) || text.HasSuffixAny(dept, divisionWords))
}

// signedName is the body of a signature line that is its name, its
// signer's title (signature_titles.tsv) and the signer's name, with the
// spaces between them dropped: 「小山記念病院院長田中直見」 is 小山記念病院.
// The words before the title must be a whole name or a listed company's
// name without its legal form (「日本航空 社長」, the gazetteer), those
// after it a person's name (signer_max_runes kanji or kana at most, not
// ending in a body's suffix: 株式会社阿部長商店 is no signature of 長) or
// nothing; the first title of the list that fits, at its first place that
// fits, wins.
func signedName(l string) string {
	if text.RuneCountTo(l, nameLineMaxRunes+signerMaxRunes+1) > nameLineMaxRunes+signerMaxRunes {
		return ""
	}
	for _, title := range signatureTitles {
		for i := range text.Occurrences(l, title) {
			name, signer := l[:i], l[i+len(title):]
			if name != "" && signerName(signer) && longestSuffix(signer, orgSuffixes) == "" && (wholeName(name) == name || gazetteerKeys()[name]) {
				// 「九州大学病院長」: the head (長) of 九州大学病院, not the
				// 病院長 of 九州大学, when the title's body word makes a
				// whole name with the words before it. Not a body word of
				// one rune: 「…センター院長」 is the センター's 院長.
				if body, ok := strings.CutSuffix(title, "長"); ok && utf8.RuneCountInString(body) >= 2 && wholeName(name+body) == name+body {
					return name + body
				}
				return name
			}
		}
	}
	return ""
}

// signedLetterhead is the company of a letterhead among the notice's
// first head_lines non-blank lines (idx, their indexes in lines), after
// its title: a line that is a name with a legal form, on a line of its
// own, over a line that opens with an officer's title (「日本エヌ・ユー・
// エス株式会社 / 代表取締役社長 近本 一彦」); "" for none.
func signedLetterhead(lines []string, idx []int) (string, string) {
	for k := 1; k+1 < len(idx) && k <= headLines; k++ {
		l := lines[idx[k]]
		next := strings.TrimSpace(strings.TrimLeft(lines[idx[k+1]], text.NameTrimMarks))
		if !text.HasPrefixAny(next, officerTitles) {
			continue
		}
		if co := lineName(l, true); co != "" && (endsInLegalForm(co) || startsWithLegalForm(co)) {
			return co, l
		}
	}
	return "", ""
}

// personLine reports whether l is a person's line: a person's title
// (person_titles.tsv) and a person's name after it (signerName), spaces
// or none between: 「課長 奥村 伸人」, 「課長奥村伸人」.
func personLine(l string) bool {
	for _, t := range personTitles {
		if rest, ok := strings.CutPrefix(l, t); ok {
			rest = strings.Join(strings.Fields(rest), "")
			if rest != "" && signerName(rest) {
				return true
			}
		}
	}
	return false
}

// signerName reports whether s is a person's name as a signature gives
// it, or nothing: a few kanji or kana, no digit nor mark, and not one
// character alone, which a family and a given name never are (会 of
// 社会医療法人生長会 is no signer after a title 長).
func signerName(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !unicode.Is(unicode.Hiragana, r) && !unicode.Is(unicode.Katakana, r) {
			return false
		}
		n++
	}
	return n != 1 && n <= signerMaxRunes
}

// lineNameWithNo is the line l when it is one name with の inside, the name
// tail after it: 「日の丸自動車学校」, 「森の里病院」, not 「丸自動車学校」.
// The words before の are a run of name characters that is no generic
// word (本市の病院 names no one), and the line is no longer than a name.
func lineNameWithNo(l, tail string) string {
	head, ok := strings.CutSuffix(l[:len(l)-len(tail)], "の")
	if !ok || head == "" || trailingRun(head) != head || isGeneric(head) ||
		text.RuneCountTo(l, nameLineMaxRunes+1) > nameLineMaxRunes {
		return ""
	}
	return l
}

// hiraganaLegalLine is l when the line is only a legal form and a name
// with hiragana in it, as a dateline or a signature gives one:
// 「株式会社ほくせん」, 「ほくせん株式会社」. In a sentence hiragana after a
// legal form is as often a particle as a name; a line of its own holds
// nothing else. A run of hiragana that opens with a particle is none:
// 「株式会社について」.
func hiraganaLegalLine(l string) string {
	if text.RuneCountTo(l, nameLineMaxRunes+1) > nameLineMaxRunes || strings.IndexFunc(l, isHiragana) < 0 {
		return ""
	}
	for _, lf := range legalForms {
		name, first := strings.CutPrefix(l, lf)
		if !first {
			var last bool
			if name, last = strings.CutSuffix(l, lf); !last {
				continue
			}
		}
		if utf8.RuneCountInString(name) < nameMinRunes || !(hiraganaRunsNamelike(name) || hiraganaHeadedName(name)) ||
			strings.IndexFunc(name, func(r rune) bool { return !isNameRune(r) && !isHiragana(r) }) >= 0 {
			continue
		}
		if isGeneric(l) || isOutside(l) {
			return ""
		}
		return l
	}
	return ""
}

// hiraganaHeadedName reports whether name, a line's name beside its legal
// form, opens with a run of hiragana that is a name's head, though it
// opens with a particle's kana (た of たつの, い of いわき): the head of a
// local government of the gazetteer (「地方独立行政法人たつの市民病院機構」,
// whose たつの市 runs into 市民) or nouns only to the tokenizer
// (「社会福祉法人いわき福音協会」), and every later run namelike. A line
// that is only a legal form and a name leaves a particle no sentence to
// be part of; 「株式会社について」 is still none (について is no noun).
func hiraganaHeadedName(name string) bool {
	head := name[:hiraganaRunEnd(name, 0)]
	rest := name[len(head):]
	if head == "" || rest == "" || !hiraganaRunsNamelike(rest) {
		return false
	}
	for end := range governmentPrefixes(name) {
		if end > len(head) {
			return true
		}
	}
	ms := text.Morphs(head)
	return len(ms) > 0 && !slices.ContainsFunc(ms, func(m text.Morph) bool { return !m.Noun })
}

// hiraganaRunsNamelike reports whether every run of hiragana in name
// reads as part of a name, as nameRunFrom reads one: at least
// name_hiragana_min_runes long and opening with no particle (the お of
// 「…機器お客様相談窓口」 is a word of its own).
func hiraganaRunsNamelike(name string) bool {
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		if !isHiragana(r) {
			i += size
			continue
		}
		j := hiraganaRunEnd(name, i)
		if !namelikeHiraganaRun(name, i, j) {
			return false
		}
		i = j
	}
	return true
}

// hiraganaRunEnd is the end of the run of hiragana that starts at byte i
// of s.
func hiraganaRunEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isHiragana(r) {
			break
		}
		i += n
	}
	return i
}

// namelikeHiraganaRun reports whether the run of hiragana s[i:j] may be
// part of a name: name_hiragana_min_runes long at least (a hiragana is
// three bytes) and opening with no particle.
func namelikeHiraganaRun(s string, i, j int) bool {
	return j-i >= nameHiraganaMinRunes*3 && !text.HasPrefixAny(s[i:], particles)
}

// blockNumberRE is a street address's block numbers: 1-1-20, 3丁目,
// 12番地. A hand-written pattern, not a word list.
var blockNumberRE = regexp.MustCompile(`\d+(?:[-‐−ー]\d+)+|\d+丁目|\d+番地`)

// streetAddress reports whether l is a street address, a letterhead's
// line above the name (「東京都江東区青海1-1-20」): it opens with a local
// government and holds block numbers. The government is the address's,
// not the holder. The government is looked for first: it reads a few
// characters of the line, the pattern all of it, and most lines open
// with no government.
func streetAddress(l string) bool {
	return localGovernmentPrefix(l) != "" && blockNumberRE.MatchString(l)
}

// openingLabel splits the bracketed label that opens a title line from
// the rest: 「【お詫び】青葉信用金庫における…」, 【重要】, 【青葉市】. A label
// has at most label_max_runes characters (weights.tsv); a longer bracket
// is a title of its own.
func openingLabel(l string) (label, rest string) {
	in, ok := strings.CutPrefix(l, "【")
	if !ok {
		return "", l
	}
	label, rest, ok = strings.Cut(in, "】")
	if !ok || label == "" || rest == "" || text.RuneCountTo(label, labelMaxRunes+1) > labelMaxRunes {
		return "", l
	}
	return label, rest
}

// labelledName is the holder that a labelled line's value names: the
// government whose department follows 担当 or 所属 (line_labels.tsv, value
// yes), 「担当:青葉市総務課」 giving 青葉市; "" for another label's value.
func labelledName(l string) string {
	label := ""
	for _, lb := range lineLabels {
		if strings.HasPrefix(l, lb) && len(lb) > len(label) {
			label = lb // the longest: 担当課 before 担当
		}
	}
	if !slices.Contains(holderLabels, label) {
		return ""
	}
	// 「重要なお知らせ 2019年07月19日 九州大学病院長」: the page's date may
	// stand between the label and the name, and the head's title after it.
	if f := strings.Fields(trimDateLead(strings.TrimLeft(l[len(label):], ": "))); len(f) > 0 {
		if org := wholeName(f[0]); org != "" {
			return org
		}
		if org := signedName(f[0]); org != "" {
			return org
		}
		return hiraganaCompanyTail(f[0])
	}
	return ""
}

// bodySection is the body of a line that is only a section of a body
// other than a government, its space dropped by normalization:
// 「東邦大学医療センター大森病院総務課」 gives the hospital. The body ends in a
// line suffix (suffixes.tsv, not a government's place) and is a whole
// name; the section after it is short and ends in a section word
// (departments.tsv).
func bodySection(l string) string {
	if !text.HasSuffixAny(l, sectionWords) || utf8.RuneCountInString(l) > sectionLineMaxRunes {
		return ""
	}
	best := ""
	for _, suf := range lineSuffixes {
		if slices.Contains(placeSuffixes, suf) {
			continue // a government's section: the rule above
		}
		i := strings.LastIndex(l, suf)
		if i <= 0 || i+len(suf) <= len(best) {
			continue // the longest body: 大森病院, not 医療センター before it
		}
		head, rest := l[:i+len(suf)], l[i+len(suf):]
		if rest == "" || utf8.RuneCountInString(rest) > bodySectionMaxRunes || !allKanji(rest) {
			continue
		}
		if org := wholeName(head); org == head {
			best = org
		}
	}
	return best
}

// bodySectionMaxRunes bounds the section after a body's name (総務課,
// 医療安全管理室): a longer tail is no one section.
const bodySectionMaxRunes = 8

// hiraganaCompanyTail is t when t is a whole name that ends in a
// gazetteer's hiragana-named company (hiraganaCompanies) after name
// characters: a dealer or subsidiary named after it, 「東北海道いすゞ自動車株式
// 会社」, which the name patterns (no hiragana) cannot read and the
// gazetteer would cut to the listed company. Only for a field that holds
// a name alone (a labelled line's value).
func hiraganaCompanyTail(t string) string {
	hs := hiraganaCompanies(t)
	if len(hs) == 0 || hs[len(hs)-1].end != len(t) {
		return ""
	}
	head := t[:hs[len(hs)-1].at]
	if strings.IndexFunc(head, func(r rune) bool { return !isNameRune(r) }) >= 0 {
		return ""
	}
	return t
}

// trailingRun is the run of name characters at the end of s.
func trailingRun(s string) string { return runBefore(s, isNameRune) }

// runBefore is the run of runes that in accepts ending s.
func runBefore(s string, in func(rune) bool) string {
	start := len(s)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !in(r) {
			break
		}
		start -= size
	}
	return s[start:]
}

// wholeName returns t when it is one organization's whole name.
func wholeName(t string) string {
	t = nameOnlyCut(strings.Trim(t, "|:")) // 株式会社青葉代表取締役社長山田太郎
	if t == "" || isGeneric(t) || isOutside(t) {
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
	if gov := officeGovernment(t); gov != "" {
		return gov
	}
	if org := withoutBranch(t); org != "" {
		return org
	}
	if org := withoutFaculty(t); org != "" {
		return org
	}
	for _, suf := range lineSuffixes {
		if strings.HasSuffix(t, suf) && len(t) > len(suf) {
			return t
		}
	}
	// A department of a government: the government is the holder.
	if text.HasSuffixAny(t, sectionWords) || text.HasSuffixAny(t, divisionWords) {
		if gov := localGovernmentPrefix(t); gov != "" && len(gov) < len(t) {
			return gov
		}
		if p := placeRE.FindString(t); p != "" && len(p) < len(t) && !isGeneric(p) {
			return p
		}
	}
	return ""
}

// officeGovernment is the government whose office t names: 青葉市役所,
// 青葉県庁 (government_offices.tsv) give 青葉市, 青葉県; 消費者庁 nothing;
// a branch named after its government, 青葉県西部総合事務所
// (government_branches.tsv), gives 青葉県.
func officeGovernment(t string) string {
	if text.HasSuffixAny(t, governmentBranches) {
		// 「鳥取県西部総合事務所」: a branch office named after its government.
		if gov := localGovernmentPrefix(t); gov != "" && len(gov) < len(t) {
			return gov
		}
	}
	for _, o := range governmentOffices {
		gov, ok := strings.CutSuffix(t, o)
		if !ok || gov == "" || isGeneric(gov) {
			continue
		}
		if localGovernments()[gov] || placeRE.FindString(gov) == gov && !gluedToGovernment(gov) {
			return gov
		}
	}
	return ""
}

// allKanji reports whether s is kanji only.
func allKanji(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) < 0
}

// gluedToGovernment reports whether place, read as a place's name, is a
// known local government with other words glued before it:
// 「報道発表資料 生野区役所における…」 with its space dropped reads
// 報道発表資料生野区 (生野区 a ward of wardNames). A known government
// before it is its city (大阪市生野区), no glue.
func gluedToGovernment(place string) bool {
	govs, wards := localGovernments(), wardNames()
	for i := range place {
		if i > 0 && (govs[place[i:]] || wards[place[i:]]) {
			return !govs[place[:i]]
		}
	}
	return false
}

// branchAfterForm reports whether m, a name that opens with a legal form,
// is the branch office of a company whose name ends in that form:
// 「名鉄観光サービス株式会社津支店」 read from its 株式会社 gives 株式会社津支店,
// which is no company. The name runs right up to the form (before ends in
// a name character) and m ends in a branch word (link/contractor.tsv).
func branchAfterForm(before, m string) bool {
	prev, _ := utf8.DecodeLastRuneInString(before)
	if before == "" || !isNameRune(prev) || !text.HasSuffixAny(m, branchWords) {
		return false
	}
	return legalLastRE.MatchString(before + legalFormOpening(m))
}

// countedBodies reports whether m is a number and a name suffix alone, a
// count of bodies of a kind: 「委託元病院(当法人外の4病院、当法人内の4病
// 院)」 reads 4病院 three times, which names none.
func countedBodies(m string) bool {
	if m == "" || !text.IsDigitByte(m[0]) {
		return false
	}
	rest := strings.TrimLeft(m, "0123456789")
	return rest != "" && (slices.Contains(orgSuffixes, rest) || isGeneric(rest))
}

// countAfterForm reports whether m is a legal form and a count of bodies
// of that form: 「医療法人1者の昨年度の申請内容」 reads 医療法人1者, which
// names none.
func countAfterForm(m string) bool {
	rest := strings.TrimPrefix(m, legalFormOpening(m))
	if rest == m || rest == "" || !text.IsDigitByte(rest[0]) {
		return false
	}
	return utf8.RuneCountInString(strings.TrimLeft(rest, "0123456789")) <= 2
}

// trimLineLabel drops the longest line label (line_labels.tsv) that m
// opens with, when a name follows it: normalization drops the space
// between Japanese words, so 「発生場所 市立小学校」 reads as one run.
func trimLineLabel(m string) string {
	label := ""
	for _, lb := range lineLabels {
		if strings.HasPrefix(m, lb) && len(lb) > len(label) && len(lb) < len(m) {
			label = lb
		}
	}
	return m[len(label):]
}

// namedAsThirdParty reports whether every time body names org, it names
// it as a third party, a body the notice defines by another short name
// (definedAsOther): 「東京海上日動火災保険株式会社(以下、「東京海上日動社」)か
// らの出向者」.
func namedAsThirdParty(body, org string) bool {
	if definesAlias(body, org) || definesAlias(body, stripLegal(org)) {
		return true // 「株式会社メタップスペイメント(以下「メタップス」)」: the short name of another body
	}
	for i := range text.Occurrences(body, org) {
		end := i + len(org)
		end += len(legalFormOpening(body[end:])) // the gazetteer's key is the name less its form
		if !definedAsOther(body[end:]) {
			return false
		}
	}
	return true
}

// namedAsAuthority reports whether body names org, every time, as an
// authority acting on the holder (authority.tsv): right after it a
// particle (による, より), in its sentence an action (立入調査, 行政指導).
// Linear in body: the occurrences are read in order, each sentence's
// bounds and action found once.
func namedAsAuthority(body, org string) bool {
	seen := false
	from, to := 0, -1 // the sentence of the last occurrence, to < 0: none yet
	acts := false     // whether that sentence holds an action
	for i := range text.Occurrences(body, org) {
		end := i + len(org)
		if !text.HasPrefixAny(body[end:], authorityParts["particle"]) {
			return false
		}
		if i >= to {
			// A sentence after the last one: its bounds, reading only
			// the text since then.
			if j := strings.LastIndex(body[max(to, 0):i], "。"); j >= 0 {
				from = max(to, 0) + j + len("。")
			} else if to >= 0 {
				from = to
			}
			to = len(body)
			if j := strings.Index(body[end:], "。"); j >= 0 {
				to = end + j
			}
			acts = text.ContainsAny(body[from:to], authorityParts["action"])
		}
		if !acts {
			return false
		}
		seen = true
	}
	return seen
}

// namedAsContractor reports whether every occurrence of org in body follows
// a contractor's title word and at most two links (委託先である, 委託事業者(,
// 委託先である「), in a notice that tells of no attack (contractors.tsv).
func namedAsContractor(body, org string) bool {
	if text.ContainsAny(body, contractorParts["attack"]) {
		return false
	}
	seen := false
	for i := range text.Occurrences(body, org) {
		before := body[:i]
		for range 2 { // 委託先である「○○」: である, then a bracket
			cut := false
			for _, l := range contractorParts["link"] {
				if b, ok := strings.CutSuffix(before, l); ok {
					before, cut = b, true
					break
				}
			}
			if !cut {
				break
			}
		}
		if !text.HasSuffixAny(before, contractorParts["title"]) {
			return false
		}
		seen = true
	}
	return seen
}

// withoutVendor is find over the text less every mention of vendor: the
// body the notice names besides its vendor, "" when none or when that one
// too is named as a vendor.
func withoutVendor(w *text.Watch, vendor string, sents []text.Sentence, lines []string) (string, string) {
	masked := make([]text.Sentence, len(sents))
	for i, s := range sents {
		s.Text = strings.ReplaceAll(s.Text, vendor, "")
		masked[i] = s
	}
	maskedLines := make([]string, len(lines))
	for i, l := range lines {
		maskedLines[i] = strings.ReplaceAll(l, vendor, "")
	}
	org, evidence := find(w, "", masked, maskedLines)
	if org == "" || vendorInLines(maskedLines, org) {
		return "", ""
	}
	return org, evidence
}

// vendorInLines is namedAsVendor over the first line of lines that names
// org: the text's lines, not joined (a vendor's cue stands on the line of
// its first mention).
func vendorInLines(lines []string, org string) bool {
	for _, l := range lines {
		if strings.Contains(l, org) {
			return namedAsVendor(l, org)
		}
	}
	return false
}

// namedAsVendor reports whether the body's first mention of org names it
// as the writer's vendor (contractors.tsv vendor_before, vendor_after):
// 「弊所が契約する株式会社○○に関して」, 「「社労夢」(株式会社○○)を導入し」.
// The notice is the client's, attacked vendor or not.
func namedAsVendor(body, org string) bool {
	i := strings.Index(body, org)
	if i < 0 {
		return false
	}
	before := body[:i]
	for _, l := range contractorParts["link"] {
		if b, ok := strings.CutSuffix(before, l); ok {
			before = b
			break
		}
	}
	if text.HasSuffixAny(before, contractorParts["vendor_before"]) {
		return true
	}
	after := body[i+len(org):]
	if strings.HasPrefix(after, definitionLead) {
		after = skipParenthetical(after) // 「株式会社○○(以下「○○」)提供製品」
	}
	return text.HasPrefixAny(strings.TrimLeft(after, ")」』"), contractorParts["vendor_after"])
}

// definesAlias reports whether body defines alias as the short name of a
// body it names, quoted: 「…(以下「メタップス」)」.
func definesAlias(body, alias string) bool {
	for i := range text.Occurrences(body, definitionLead) {
		if a, quoted, ok := definitionAfter(body[i:]); ok && quoted && a != "" && a == alias {
			return true
		}
	}
	return false
}

// definedAsOther reports whether the text right after a name gives it a
// short name that is not the notifier's own: 「株式会社○○(以下「MP社」と
// いいます)」 names a third party (a payment processor, a contractor) the
// notice goes on to call MP社; 「(以下「当社」)」 (selfRefRE) is the
// notifier's.
func definedAsOther(after string) bool {
	alias, quoted, ok := definitionAfter(after)
	if !ok || selfRefRE.MatchString(text.FirstRunes(after, 12)) {
		return false
	}
	// Unquoted, not the statute's 「(以下同じ)」, which names nothing.
	return quoted || !strings.HasPrefix(alias, "同")
}

// aliasSignsTitle reports whether the short name that after defines
// (definitionAfter) signs the notice's first lines as its sender, followed
// by a word of title_senders.tsv: 「ドコモからのお知らせ」 above 「株式会社NTTドコモ(以下ドコモ)が提供している…」
// is NTT Docomo's own notice, not a third party's.
func aliasSignsTitle(after string, lines []string) bool {
	alias, _, ok := definitionAfter(after)
	if !ok || alias == "" {
		return false
	}
	seen := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(l, alias); ok && text.HasPrefixAny(rest, titleSenders) {
			return true
		}
		if seen++; seen == headLines {
			break
		}
	}
	return false
}

// definitionLead opens a definition of a short name after a name:
// 「(以下「MP社」)」.
const definitionLead = "(以下"

// definitionAfter reads the definition that after opens with, when it
// does: the short name, and whether it is quoted (「(以下、「MP社」と
// いいます)」; "" when the quote does not close) or written up to the
// bracket's end within defined_name_max_runes characters, all of them a
// name's (「(以下JTB社)」).
func definitionAfter(after string) (alias string, quoted, ok bool) {
	rest, found := strings.CutPrefix(after, definitionLead)
	if !found {
		return "", false, false
	}
	rest = strings.TrimLeft(rest, "、, ")
	for _, q := range [][2]string{{"「", "」"}, {"『", "』"}} {
		if in, open := strings.CutPrefix(rest, q[0]); open {
			// A quote opened is a definition, cut off or not; its name is
			// read only when the quote closes.
			if alias, _, closed := strings.Cut(in, q[1]); closed {
				return alias, true, true
			}
			return "", true, true
		}
	}
	alias, _, closed := strings.Cut(text.FirstRunes(rest, definedNameMaxRunes+1), ")")
	if !closed || alias == "" || strings.IndexFunc(alias, func(r rune) bool { return !isNameRune(r) }) >= 0 {
		return "", false, false // 「(以下同じ。)」, 「(以下、詳細は別紙のとおり)」: no name
	}
	return alias, false, true
}

// legalFormOpening is the longest legal form that name opens with.
func legalFormOpening(name string) string {
	best := ""
	for _, lf := range legalForms {
		if strings.HasPrefix(name, lf) && len(lf) > len(best) {
			best = lf
		}
	}
	return best
}

// withoutBranch is the body whose branch office t names: 青葉銀行青葉台支店
// is 青葉銀行, the longest whole name ending in a suffix of a line that a
// place's name and a branch word (link/contractor.tsv, branch) follow.
func withoutBranch(t string) string {
	for _, b := range branchWords {
		rest, ok := strings.CutSuffix(t, b)
		if !ok || rest == "" {
			continue
		}
		best := ""
		for _, suf := range lineSuffixes {
			if i := strings.LastIndex(rest, suf); i > 0 && i+len(suf) < len(rest) && i+len(suf) > len(best) {
				best = rest[:i+len(suf)]
			}
		}
		if best != "" {
			return wholeName(best)
		}
	}
	return ""
}

// withoutFaculty is the university whose faculty t names:
// 「東京医科歯科大学医学部」 is 東京医科歯科大学, 「青葉大学大学院医学研究科」 青葉
// 大学 (faculties.tsv).
func withoutFaculty(t string) string {
	const university = "大学"
	i := strings.Index(t, university)
	if i <= 0 {
		return ""
	}
	uni, tail := t[:i+len(university)], t[i+len(university):]
	if tail == "" || !text.HasSuffixAny(tail, faculties) || text.RuneCountTo(tail, facultyMaxRunes+1) > facultyMaxRunes {
		return ""
	}
	return wholeName(uni)
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
	return endsInSuffix(org, lineSuffixes)
}

// subjectName is the body that begins a sentence as its subject or place:
// 「杵藤保健福祉事務所において…」, 「○○市立○○センター内の…」, after an
// opener (この度、, a date and time) and before a parenthetical
// (「○○局(局長 …)では」); or the body of a person whose role is glued to
// it or follows it after の (「○○社元社員の…」, 「○○市消防局の職員が…」).
func subjectName(s string) string {
	s = dropOpeners(s)
	run := leadingRun(s)
	if run == "" || len(run) == len(s) {
		return ""
	}
	next := skipParenthetical(s[len(run):])
	if inner, ok := strings.CutPrefix(next, "「"); ok {
		// 「鳥取市公式インターネットショップ「とっとり市(いち)」が…」: the
		// quoted name of what the body runs, after its own.
		if end := strings.Index(inner, "」"); end > 0 && text.RuneCountTo(inner[:end], nameLineMaxRunes+1) <= nameLineMaxRunes &&
			text.HasPrefixAny(inner[end+len("」"):], subjectMarkers) {
			next = inner[end+len("」"):]
		}
	}
	// A page's label glued to the name by a dropped space: 「報道発表資料
	// 大阪市立小学校において」. Not a bare ward's office after it
	// (報道発表資料中央区役所における): which city's ward is not said.
	if t := trimLineLabel(run); t != run && text.HasPrefixAny(next, subjectMarkers) {
		if org := wholeName(t); org != "" && !wardNames()[org] {
			return org
		}
	}
	// A reference glued to the name: 「株式会社○○弊社が…」.
	for _, w := range notSuffixWords {
		if strings.HasSuffix(run, w) && len(run) > len(w) {
			run = strings.TrimSuffix(run, w)
			break
		}
	}
	if strings.HasSuffix(run, "内") && text.HasPrefixAny("内"+next, subjectMarkers) {
		run, next = strings.TrimSuffix(run, "内"), "内"+next
		if placeWithin(run, next) {
			return "" // 「札幌市内の業者が」: a place, not the body
		}
	}
	if text.HasPrefixAny(next, subjectMarkers) {
		if announcer(run, next, s) {
			return run // 「大分県警は1日、…と発表した」: the police's own report
		}
		if org := wholeName(run); org != "" {
			return org
		}
		// A name with hiragana in it: 「○○市立ひかり中学校において」.
		if nameLike(run) && text.RuneCountTo(run, nameLineMaxRunes+1) <= nameLineMaxRunes && !strings.ContainsAny(run, "0123456789") {
			return run
		}
		// A local government that begins the subject: 「○○市安全安心
		// ステーション事務室内の…」.
		if gov := localGovernmentPrefix(run); gov != "" {
			return gov
		}
		// A ministry's bureau: 「○○省○○局(局長 …)では」 (a division word
		// ends it, a ministry or agency of the regulators begins it).
		if text.HasSuffixAny(run, divisionWords) || text.HasSuffixAny(run, sectionWords) {
			for _, reg := range regulators {
				if !strings.HasPrefix(run, reg) || len(run) <= len(reg)+len("局") || !text.HasSuffixAny(reg, orgSuffixes) {
					continue
				}
				if text.HasSuffixAny(run, divisionWords) && text.RuneCountTo(run, nameLineMaxRunes+1) <= nameLineMaxRunes {
					return run
				}
				// 「厚生労働省人材開発統括官付海外人材育成担当参事官室で
				// 発生した」: a section (室, 課) of the ministry, or a
				// bureau too long for a name, is the ministry's.
				return reg
			}
		}
		// A listed company named without its legal form as the subject:
		// 「この度、トヨタ自動車において…」 (the gazetteer's name less its form).
		if gazetteerKeys()[run] && !isOutside(run) && !isGeneric(run) {
			return run
		}
		// A news report's subject, its seat in brackets: 「中国電力ネットワ
		// ーク(広島市中区)は16日、…と発表した」.
		if newsSubject(run, s[len(run):], next) {
			return run
		}
		return ""
	}
	// 「三菱UFJ証券(本社:東京都千代田区)の顧客…」: a news report's subject,
	// its seat labelled in brackets, whose customers or servers the
	// sentence goes on about.
	if strings.HasPrefix(next, "の") && newsSubject(run, s[len(run):], next) {
		return run
	}
	if gov := senderGovernment(run, next); gov != "" {
		return gov
	}
	if r, _ := utf8.DecodeRuneInString(next); !unicode.Is(unicode.Hiragana, r) {
		return ""
	}
	body := ""
	if role := longestSuffix(run, roleNouns); role != "" {
		body = run[:len(run)-len(role)] // 「○○社元社員の…」
	} else if after, ok := strings.CutPrefix(next, "の"); ok && text.HasPrefixAny(after, roleNouns) {
		body = run // 「○○市消防局の職員が…」
	} else {
		return ""
	}
	if org := wholeName(body); org != "" {
		return org
	}
	if suf := longestSuffix(body, orgSuffixes); suf != "" && len(body) > len(suf) && !selfWord(body, suf) &&
		utf8.RuneCountInString(body) >= nameMinRunes+1 && !isGeneric(body) && !isOutside(body) {
		return body
	}
	if gov := localGovernmentPrefix(body); gov != "" {
		return gov
	}
	if latinLedName(body) && !isGeneric(body) && !isOutside(body) {
		return body // 「NTT西日本の社員の自宅にある…」: a firm's short name, its staff
	}
	return ""
}

// latinLedName reports whether run, the name before a role noun, opens
// with two capital Latin letters or more and holds a name's length
// (NTT西日本, JR東日本, KDDI): a firm's short name, which no legal form or
// suffix marks. A Latin run of one letter is a hidden name (A社).
func latinLedName(run string) bool {
	caps := 0
	for caps < len(run) && run[caps] >= 'A' && run[caps] <= 'Z' {
		caps++
	}
	n := utf8.RuneCountInString(run)
	return caps >= 2 && n >= nameMinRunes+1 && n <= nameLineMaxRunes
}

// tailDefinedName is the body of the first name in s that a definition
// after it shortens to its own tail: a local government's board
// (東京都教育委員会(以下「教育委員会」)), else the government
// (神戸市行政事務センター(以下「行政事務センター」) gives 神戸市), or the
// body whose branch it is (全国健康保険協会石川支部(以下「石川支部」) gives
// 全国健康保険協会; board_words.tsv, link/contractor.tsv's branch words).
// A body shortens its own name so (its branch, its board); a third party
// is shortened to a name of its own (株式会社○○ペイメント(以下「MP社」))
// or its name less its legal form (株式会社イセトー(以下「イセトー」)),
// which the legal form rule leaves another's.
func tailDefinedName(s string) string {
	for i := range text.Occurrences(s, definitionLead) {
		alias, quoted, ok := definitionAfter(s[i:])
		if !ok || !quoted || alias == "" {
			continue
		}
		name := trailingRun(s[:i])
		if kana := longestSuffix(s[:i-len(name)], kanaNames); kana != "" {
			name = kana + name // 協会けんぽ東京支部: the run stops at the kana
		}
		head, isTail := strings.CutSuffix(name, alias)
		if !isTail || stripLegal(head) == "" || isGeneric(name) || isOutside(name) || isGeneric(alias) && !text.HasSuffixAny(alias, orgSuffixes) {
			continue
		}
		if slices.Contains(kanaNames, head) && text.HasSuffixAny(alias, branchWords) {
			return head // 協会けんぽ東京支部(以下「東京支部」)
		}
		government := localGovernments()[head] || placeRE.FindString(head) == head && !gluedToGovernment(head)
		switch {
		case government && text.HasSuffixAny(alias, boardWords):
			return name // 東京都教育委員会(以下「教育委員会」): the board, a body of its own
		case government:
			return head // 神戸市行政事務センター(以下「行政事務センター」): the city's
		case text.HasSuffixAny(alias, branchWords) && wholeName(head) == head:
			return head // 全国健康保険協会石川支部(以下「石川支部」): the association's branch
		case alias == longestSuffix(name, orgSuffixes) && wholeName(name) == name && (nameStartsAfter(s[:i-len(name)]) || startsWithLegalForm(name)):
			// 東京都立病院機構(以下「機構」): a body called by its kind; a
			// legal form opens its name whatever stands before it
			// (「…である公益財団法人○○下水道公社(以下「公社」)」).
			return name
		}
	}
	return ""
}

// nameStartsAfter reports whether a name run may start right after
// before: at the text's start, after a character that is no name's, or
// after the particle of a subject, a topic or an object (place_particles.tsv,
// phrase_end: 「…文書が東京都立病院機構」). Not after other hiragana, where
// the run is a name's tail: 者自立センター of 障がい者自立センター.
func nameStartsAfter(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return before == "" || !isHiragana(r) && !isNameRune(r) || text.HasSuffixAny(before, placeParticles["phrase_end"])
}

// bracketedSelfName is the name a body gives itself in brackets right
// after a reference to itself (references.tsv, alias): 「当社(関西電力
// 送配電)」 gives 関西電力送配電. The brackets hold a name and nothing else:
// no address, date, officer or definition (「当社(以下…)」,
// 「当社(本社:東京都…)」).
func bracketedSelfName(s string) string {
	if !strings.Contains(s, "(") {
		return ""
	}
	for _, m := range selfNameRE.FindAllStringSubmatch(s, -1) {
		name := m[1]
		if org := wholeName(name); org == name {
			return org
		}
		n := utf8.RuneCountInString(name)
		if n >= nameMinRunes && n <= nameLineMaxRunes && !isGeneric(name) && !isOutside(name) && localGovernmentPrefix(name) == "" &&
			cutOfficer(name) == name && !text.HasSuffixAny(name, sectionWords) && !text.HasSuffixAny(name, divisionWords) {
			return name
		}
	}
	return ""
}

// placeWithin reports whether name, followed by after, names a place the
// text is within, not a body: a local government's or a ward's name
// before 内 (「札幌市内の業者」, 「宮城野区内の市立小学校において」).
func placeWithin(name, after string) bool {
	return strings.HasPrefix(after, "内") && (localGovernments()[name] || wardNames()[name])
}

// senderGovernment is the government of the section run when next says
// the section sent something: 「青葉町税務課からメールを送信する際」 gives
// 青葉町 (sender_cues.tsv). A company is not read so: 「株式会社○○から連絡
// があり」 is as often a third party's report as the holder's act.
func senderGovernment(run, next string) string {
	if !text.HasSuffixAny(run, sectionWords) && !text.HasSuffixAny(run, divisionWords) {
		return ""
	}
	for _, m := range senderCues["marker"] {
		rest, ok := strings.CutPrefix(next, m)
		if !ok || !text.ContainsAny(text.FirstRunes(rest, senderVerbRunes), senderCues["verb"]) {
			continue
		}
		if gov := wholeName(run); gov != "" && len(gov) < len(run) && !startsWithLegalForm(gov) && !endsInLegalForm(gov) {
			return gov
		}
	}
	return ""
}

// trimSelfPronoun drops a self pronoun (self_pronouns.tsv) that opens s
// before a name: 「私ども日本消費者連盟」 is 日本消費者連盟.
func trimSelfPronoun(s string) string {
	for _, p := range selfPronouns {
		if rest, ok := strings.CutPrefix(s, p); ok {
			if r, _ := utf8.DecodeRuneInString(rest); isNameRune(r) {
				return rest
			}
			return s
		}
	}
	return s
}

// dropOpeners removes the openers and the date and time that begin s.
func dropOpeners(s string) string {
	for {
		t := strings.TrimSpace(s)
		for _, o := range openers {
			t = strings.TrimPrefix(t, o)
		}
		t = trimSelfPronoun(t)
		t = trimCitingClause(t)
		if d := trimLabelledDate(trimOpenerDate(t)); d != t {
			// 「令和6年5月19日に青葉医療センターが…」: the date's に with no
			// comma after it, before a name.
			if rest, ok := strings.CutPrefix(d, "に"); ok {
				if r, _ := utf8.DecodeRuneInString(rest); isNameRune(r) {
					d = rest
				}
			}
			t = d
		}
		if t == s {
			return s
		}
		s = t
	}
}

// trimCitingClause drops the clause that opens s, to its first comma
// within citingClauseRunes characters, when it ends with a
// citing_clauses.tsv phrase: a follow-up report's reference to the first
// (「11月10日にお知らせした、神奈川県立総合療育相談センターにおける…」),
// before the subject it goes on with.
func trimCitingClause(s string) string {
	i := strings.Index(s, "、")
	if i < 0 || text.RuneCountTo(s[:i], citingClauseRunes+1) > citingClauseRunes || !text.HasSuffixAny(s[:i], citingClauses) {
		return s
	}
	return s[i+len("、"):]
}

// citingClauseRunes bounds the clause trimCitingClause drops.
const citingClauseRunes = 30

// skipParenthetical drops a parenthetical (nested ones included) that
// begins s: 「(局長 ○○(○○))では」 is 「では」.
func skipParenthetical(s string) string {
	if !strings.HasPrefix(s, "(") {
		return s
	}
	depth := 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return strings.TrimSpace(s[i+1:])
			}
		}
		if i > parentheticalMaxBytes {
			break
		}
	}
	return s
}

// parentheticalMaxBytes bounds the parenthetical skipped after a subject.
const parentheticalMaxBytes = 200

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
	if genericNameSet[s] {
		return true
	}
	// 「市内小学校」「県立高等学校」 name a kind of body, not one body.
	for _, p := range genericQualifiers {
		if r, ok := strings.CutPrefix(s, p); ok && (r == "" || slices.Contains(orgSuffixes, r) ||
			slices.Contains(genericFacilities, r)) {
			return true
		}
	}
	return text.HasPrefixAny(s, genericPrefixes)
}

// countAsName counts name's occurrences in body that are that body, not
// the start of an outside body's name: 「福井県警で調査中」 names the
// prefecture's police, not 福井県, whose count would otherwise rise over
// the town that wrote the notice.
func countAsName(body, name string) int {
	n := 0
	for i := range text.Occurrences(body, name) {
		if !continuesAsOutside(name, body[i+len(name):]) {
			n++
		}
	}
	return n
}

// continuesAsOutside reports whether name, followed by rest, runs into an
// outside body's name: one that begins with a tail of name (県警 after
// 福井県) or right after it (警察 after 福井県).
func continuesAsOutside(name, rest string) bool {
	if r, _ := utf8.DecodeRuneInString(rest); !outsideRunes[r] {
		return false // no outside body's name goes on with it: most occurrences
	}
	for _, o := range outsideBodies {
		for k := 0; k <= len(name) && k < len(o); k++ {
			if k > 0 && !utf8.RuneStart(name[len(name)-k]) {
				continue
			}
			if strings.HasPrefix(o, name[len(name)-k:]) && strings.HasPrefix(rest, o[k:]) {
				return true
			}
		}
	}
	return false
}

// outsideRunes are the runes of the outside bodies' names: a name's
// occurrence followed by none of them runs into none.
var outsideRunes = func() map[rune]bool {
	m := map[rune]bool{}
	for _, o := range outsideBodies {
		for _, r := range o {
			m[r] = true
		}
	}
	return m
}()

func isOutside(s string) bool {
	for _, o := range outsideBodies {
		if k := stripLegal(s); k == o || slices.Contains(outsideEndings, o) && strings.HasSuffix(k, o) {
			return true
		}
	}
	return false
}

// postcodeOpens reports whether 〒 stands within the first
// postcodeWindowRunes runes of l: an address line. Most lines hold no 〒,
// which one byte search tells without counting their runes.
func postcodeOpens(l string) bool {
	return text.ContainsWord(l, "〒") && text.ContainsWord(runes.Prefix(l, postcodeWindowRunes), "〒")
}

// breadcrumbName reads the site's name from the first item of a web
// page's breadcrumb trail, 「1. ○○銀行トップ」 or 「○○市トップページ > …」:
// the site is the organization's own.
func breadcrumbName(l string) string {
	if !text.ContainsAny(l, breadcrumbHomes) {
		return ""
	}
	l = trimNumberLead(l)
	if i := strings.Index(l, ">"); i > 0 {
		l = strings.TrimSpace(l[:i])
	}
	name, ok := "", false
	for _, h := range breadcrumbHomes {
		if name, ok = strings.CutSuffix(l, h); ok {
			break
		}
	}
	if !ok {
		return ""
	}
	for _, w := range breadcrumbSiteWords {
		name = strings.TrimSuffix(name, w)
	}
	for _, w := range breadcrumbLabels {
		name = strings.TrimLeft(strings.TrimPrefix(name, w), ": ")
	}
	name = strings.TrimRight(name, "! ")
	if run := leadingRun(name); run != name || utf8.RuneCountInString(run) < nameMinRunes || text.RuneCountTo(run, MaxNameRunes+1) > MaxNameRunes ||
		isGeneric(run) || isOutside(run) {
		return ""
	}
	return name
}

// longestSuffix is the longest of suffixes that s ends in ("" for none).
func longestSuffix(s string, suffixes []string) string {
	suf := ""
	for _, p := range suffixes {
		if strings.HasSuffix(s, p) && len(p) > len(suf) {
			suf = p
		}
	}
	return suf
}

// localGovernmentPrefix is the local government whose name begins run on
// a token boundary (「四街道市安全安心ステーション」 gives 四街道市; 「市民
// 税」 nothing), the longest first (札幌市中央区 before 札幌市).
func localGovernmentPrefix(run string) string {
	var spans *text.TokenSpans
	best := ""
	for end, size := range governmentPrefixes(run) {
		name := run[:end]
		if isGeneric(name) {
			continue
		}
		if end < len(run) {
			if spans == nil {
				sp := text.SpansOf(run[:text.PrefixBytes(run, localGovernmentMaxRunes+tokenLookahead)])
				spans = &sp
			}
			if !spans.SuffixOnBoundary(end, size) {
				continue
			}
		}
		best = name
	}
	if names, ok := gazetteerGovernments().municipalities[best]; ok {
		// 「静岡県伊豆市役所で」: the prefecture opens the name of one of its
		// municipalities, which is the government (withoutPrefecture
		// then drops the prefecture).
		rest, longest := run[len(best):], ""
		for _, m := range names {
			if len(m) > len(longest) && strings.HasPrefix(rest, m) {
				longest = m
			}
		}
		if longest != "" {
			return best + longest
		}
	}
	return best
}

// governmentHead is org with the characters before it on a line that
// make its opening a local government of the gazetteer, the government
// running on into org (紀の川市 from 紀の before 川市, 南あわじ市 from 南あわ
// before じ市): a name's run stops at hiragana a government's name holds.
// "" when org opens with a government already, or no line gives one.
func governmentHead(org string, lines []string) string {
	if org == "" {
		return ""
	}
	for range governmentPrefixes(org) {
		return ""
	}
	for _, l := range lines {
		at := strings.Index(l, org)
		if at <= 0 {
			continue
		}
		for k := 1; k <= governmentHeadMaxRunes; k++ {
			head := text.LastRunes(l[:at], k)
			if utf8.RuneCountInString(head) < k {
				break
			}
			for end := range governmentPrefixes(head + org) {
				if end > len(head) {
					return head + org
				}
			}
		}
		return ""
	}
	return ""
}

// governmentAfterKana is the local government of the gazetteer that ends
// org right after hiragana (「これを受けてきょう吉野町」: a lead's words
// before its subject, which no name holds before a government's); ""
// when none does.
func governmentAfterKana(org string) string {
	if text.RuneCountTo(org, nameLineMaxRunes+1) > nameLineMaxRunes {
		return "" // longer than a name: and each tail is hashed
	}
	for i := range org {
		if i == 0 {
			continue
		}
		if prev, _ := utf8.DecodeLastRuneInString(org[:i]); isHiragana(prev) && localGovernments()[org[i:]] {
			return org[i:]
		}
	}
	return ""
}

// governmentHeadMaxRunes bounds the characters governmentHead reads
// before a name: the part of a government's name before its hiragana.
const governmentHeadMaxRunes = 3

// governmentPrefixes yields the end of every prefix of run, at most
// localGovernmentMaxRunes runes, that is a local government's name of the
// gazetteer, shortest first, with the size of its last rune.
func governmentPrefixes(run string) iter.Seq2[int, int] {
	return func(yield func(end, size int) bool) {
		govs := localGovernments()
		n := 0
		for i := range run {
			if n++; n > localGovernmentMaxRunes {
				return
			}
			_, size := utf8.DecodeRuneInString(run[i:]) // 1 for an invalid byte, where RuneLen(RuneError) says 3
			if govs[run[:i+size]] && !yield(i+size, size) {
				return
			}
		}
	}
}

// shortNamedSelf is the name run right before a bracket that gives its
// short name (short_names.tsv mark: 「X(略称:Y)」) when the text's lines
// use the short name as a subject elsewhere (Yでは, Yは); "" when none.
func shortNamedSelf(s string, lines []string) string {
	for _, mark := range shortNameParts["mark"] {
		i := strings.Index(s, "("+mark)
		if i <= 0 {
			continue
		}
		name := strings.TrimSpace(trailingRun(s[:i]))
		rest := strings.TrimLeft(s[i+len("("+mark):], ": ")
		j := strings.Index(rest, ")")
		if j <= 0 || text.RuneCountTo(name, nameLineMaxRunes+1) > nameLineMaxRunes ||
			utf8.RuneCountInString(name) < nameMinRunes || isGeneric(name) || isOutside(name) {
			continue
		}
		// The definition itself (「略称:Y)が」) has a bracket after Y.
		short := strings.TrimSpace(rest[:j])
		for _, l := range lines {
			for _, p := range shortNameParts["subject"] {
				if strings.Contains(l, short+p) {
					return name
				}
			}
		}
	}
	return ""
}

// selfReferredGovernment is the one local government that a text calling
// itself by a government's kind alone (self_government_refs.tsv: 区では,
// 本市, after no name character) names with that kind's suffix, outside
// address lines and not as a place (namesPlace), with the first sentence
// naming it; "" when the text names none or several.
func selfReferredGovernment(sents []text.Sentence) (string, string) {
	for _, g := range selfGovernmentRefs {
		suf := g.suffix
		if !bareReference(sents, g) {
			continue
		}
		nameAt := func(s string, at int) string { return governmentAt(s, at, suf) }
		// 青葉県 and 青葉県青葉市 named: two governments, which is its own
		// is not said; 青葉市 twice, or 市 of 青葉市 read alone, one.
		oneGovernment := func(a, b string) bool { return strings.HasSuffix(a, b) || strings.HasSuffix(b, a) }
		if gov, ev := soleName(sents, suf, nameAt, oneGovernment); gov != "" {
			return gov, ev
		}
	}
	return "", ""
}

// ownKindOverGovernment is the body a text refers to itself as, by its
// kind (selfReferredGovernment, then selfReferredBody), when org, the name
// a route found, is a local government of a kind the text never calls
// itself: a city's page that writes 市職員 and 堺市長 once and 大阪府知事選挙
// twice is 堺市's; a union's that writes 組合としましては and 「奈良県広域消防
// 組合宇陀消防署において」 is the union's. "" when org is no local
// government, when the text calls itself org's kind, or when it names no
// body of its own kind alone.
func ownKindOverGovernment(org string, sents []text.Sentence) (string, string) {
	if !localGovernments()[org] {
		return "", ""
	}
	for _, g := range selfGovernmentRefs {
		if strings.HasSuffix(org, g.suffix) && bareReference(sents, g) {
			return "", "" // 大阪府 on a page that writes 府では is its own
		}
	}
	if gov, ev := selfReferredGovernment(sents); gov != "" && !strings.HasSuffix(gov, org) && !strings.HasSuffix(org, gov) {
		return gov, ev
	}
	if body, ev := selfReferredBody(sents); body != "" && !strings.HasPrefix(body, org+"立") {
		return body, ev
	}
	return "", ""
}

// recurringGovernment is the local government the text names most often,
// at least government_recurrence times (weights.tsv) and more often than
// any other, outside address lines and not as a place in it (namesPlace),
// with the first sentence that names it: a page that names no body by its
// form and calls itself by no reference, but writes 「中野区と委託契約を…」,
// 「中野区の事業担当者が…」, 「…から中野区へ」, is 中野区's. A naming that a
// receiver_cues.tsv word follows (「…から中野区に報告があり」) counts
// government_received. "" for none.
func recurringGovernment(sents []text.Sentence) (string, string) {
	counts := map[string]int{}
	first := map[string]string{}
	for _, s := range sents {
		if addressCueList.In(s.Text) {
			continue
		}
		for _, g := range selfGovernmentRefs {
			for at := range text.Occurrences(s.Text, g.suffix) {
				n := governmentAt(s.Text, at, g.suffix)
				if n == "" || continuesAsOutside(n, s.Text[at+len(g.suffix):]) {
					continue // 「石川県警は」: the prefecture's police, not 石川県
				}
				if end := at + len(g.suffix); end >= len(n) && inGovernmentList(s.Text, end-len(n), end) {
					continue // 「参加申込を行った堺市、東大阪市、岸和田市の…」: participants, not the holder
				}
				if counts[n] == 0 {
					first[n] = s.Text
				}
				if text.HasPrefixAny(s.Text[at+len(g.suffix):], receiverCues) {
					counts[n] += governmentReceived // 「…から青葉市に報告があり」
				} else {
					counts[n]++
				}
			}
		}
	}
	best, bestCount, tie := "", 0, false
	for n, c := range counts {
		switch {
		case c > bestCount:
			best, bestCount, tie = n, c, false
		case c == bestCount:
			tie = true
		}
	}
	if tie || bestCount < governmentRecurrence {
		return "", ""
	}
	return best, first[best]
}

// otherLevelDepartment reports whether a sentence opens with a department
// of another level of government than gov as its subject: 「県障がい福祉課
// において、…事案が発生しました」 is the prefecture's, whatever town (新富町)
// its papers came through, however often it is named.
func otherLevelDepartment(sents []text.Sentence, gov string) bool {
	level, _ := utf8.DecodeLastRuneInString(gov)
	if !isGovernmentLevel(level) {
		return false // no government's name
	}
	for _, s := range sents {
		if !text.ContainsAny(s.Text, departmentParts["end"]) {
			continue
		}
		t := dropOpeners(s.Text)
		if subjectDepartment(t) == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t) // 県 of 県障がい福祉課, which withoutSelf drops from the department
		return isGovernmentLevel(r) && r != level
	}
	return false
}

// isGovernmentLevel reports whether r is a place suffix of one rune
// (suffixes.tsv place: 県, 市, 町 …), which a department's name opens with
// to say whose it is (県障がい福祉課; 市民課 is no 市's, but it is read only
// when another level's government is the candidate).
func isGovernmentLevel(r rune) bool {
	return slices.Contains(placeSuffixes, string(r))
}

// inGovernmentList reports whether the government named at s[start:end]
// is an item of a list of governments: a comma or ・ and another local
// government right after it, or a local government and a comma or ・
// right before it (「堺市、東大阪市、岸和田市の市立高校」).
func inGovernmentList(s string, start, end int) bool {
	for _, sep := range [...]string{"、", "・"} {
		if rest, ok := strings.CutPrefix(s[end:], sep); ok && localGovernmentPrefix(leadingRun(rest)) != "" {
			return true
		}
		if before, ok := strings.CutSuffix(s[:start], sep); ok {
			if prev := trailingRun(before); prev != "" && localGovernments()[governmentEndingAt(prev)] {
				return true
			}
		}
	}
	return false
}

// governmentAt is the local government whose name ends in suffix at s[at:]
// (governmentEndingAt), "" for none or where the phrase after it names a
// place in it (namesPlace: 「青葉市の東部クリーンセンターへ」).
func governmentAt(s string, at int, suffix string) string {
	end := at + len(suffix)
	if namesPlace(s[end:]) {
		return ""
	}
	return governmentEndingAt(s[:end])
}

// soleName is the one name that nameAt reads at the occurrences of
// suffix in sents (outside address lines), with the first sentence that
// names it; "" when they name none, or two that same does not tell alike.
func soleName(sents []text.Sentence, suffix string, nameAt func(s string, at int) string, same func(a, b string) bool) (string, string) {
	name, ev := "", ""
	for _, s := range sents {
		if addressCueList.In(s.Text) {
			continue
		}
		for at := range text.Occurrences(s.Text, suffix) {
			switch n := nameAt(s.Text, at); {
			case n == "":
			case name == "":
				name, ev = n, s.Text
			case !same(name, n):
				return "", ""
			}
		}
	}
	return name, ev
}

// namesPlace reports whether the phrase after a government's name, rest,
// is a thing in it (の first) and ends within place_phrase_runes characters
// in a place particle (place_particles.tsv) before any subject, topic or
// object particle: 「の東部知多クリーンセンターへ」 names a place in it, 「の
// 調査員1名が」 its staff; 「へ」 alone (「ようこそ栃木県上三川町へ」, a
// site's greeting) and 「公式アプリへの」 name none.
func namesPlace(rest string) bool {
	if !strings.HasPrefix(rest, "の") {
		return false
	}
	w := text.FirstRunes(rest, placePhraseRunes)
	end, place := len(w), false
	for _, p := range placeParticles["phrase_end"] {
		if i := strings.Index(w, p); i >= 0 && i < end {
			end = i
		}
	}
	for _, p := range placeParticles["place"] {
		if i := strings.Index(w, p); i >= 0 && i < end && !strings.HasPrefix(w[i+len(p):], "の") {
			end, place = i, true
		}
	}
	return place
}

// bareReference reports whether a sentence holds one of words after no
// name character: 「区では」, 「本市」, not 「前橋市が」 or 「日本市場」.
func bareReference(sents []text.Sentence, ref selfRef) bool {
	for _, s := range sents {
		if ref.common != "" && !strings.Contains(s.Text, ref.common) || !text.ContainsAny(s.Text, ref.words) {
			continue
		}
		if slices.ContainsFunc(ref.words, func(w string) bool { return namesAlone(s.Text, w) }) {
			return true
		}
	}
	return false
}

// governmentEndingAt is the longest local government of the gazetteer
// that ends s, within localGovernmentMaxRunes characters, and is no
// generic word; "".
func governmentEndingAt(s string) string {
	govs := localGovernments()
	best := ""
	n := 0
	for i := len(s); i > 0 && n < localGovernmentMaxRunes; {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		n++
		if name := s[i:]; govs[name] && !isGeneric(name) {
			best = name
		}
	}
	return best
}

// twoMunicipalities reports whether name is two municipalities of the
// gazetteer written one after the other (四條畷市交野市), as a joint body
// of theirs begins (…清掃施設組合): no one body. A prefecture before its
// city (大阪府大阪市) is one city's full name.
func twoMunicipalities(name string) bool {
	first := localGovernmentPrefix(name)
	if first == "" || len(first) == len(name) || strings.HasSuffix(first, "府") || strings.HasSuffix(first, "県") ||
		strings.HasSuffix(first, "都") || strings.HasSuffix(first, "道") {
		return false
	}
	return localGovernments()[name[len(first):]]
}

// localGovernmentMaxRunes is the longest local government's full name
// read (the longest in the gazetteer has 10 characters).
const localGovernmentMaxRunes = 12

// selfPrefixedName is a name that a self prefix (当, self_prefixes.tsv)
// puts on the body itself: 「当ソウェルクラブの会員…」. The prefix stands
// after no kanji (担当, 該当 are words), and the name is katakana or Latin
// with a coined or proper word in it, so that 当サイト, 当ホームページ and
// 当センター (dictionary words) name no one.
func selfPrefixedName(s string) string {
	for _, p := range selfPrefixes {
		for i := range text.Occurrences(s, p) {
			at := i + len(p)
			if prev, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && (unicode.Is(unicode.Han, prev) || unicode.Is(unicode.Katakana, prev)) {
				continue
			}
			run := leadingRun(s[at:])
			first, _ := utf8.DecodeRuneInString(run)
			if run == "" || len(run) == len(s[at:]) || !(unicode.Is(unicode.Katakana, first) || first < 0x80 && unicode.IsLetter(first)) {
				continue
			}
			// The body's name is a subject or a possessor: 「当○○クラブの会員」,
			// 「当○○クラブでは」; not 「当オフィスメールマガジンアドレスに
			// なりすました」, a thing of it (self_name_particles.tsv).
			if !text.HasPrefixAny(s[at+len(run):], selfNameParticles) {
				continue
			}
			if text.RuneCountTo(run, nameLineMaxRunes+1) > nameLineMaxRunes || utf8.RuneCountInString(run) < selfNameMinRunes ||
				isGeneric(run) || isOutside(run) {
				continue
			}
			if slices.ContainsFunc(text.Morphs(run), func(m text.Morph) bool { return m.Unknown || m.ProperPOS }) {
				return run
			}
		}
	}
	return ""
}

// selfReferredBody is the body a text calls itself by its kind (本学) and
// names once, maybe only inside the name of a thing of its own (名古屋大学
// 統合サーバサービス): the only name of that kind in the text (a run of
// kanji and katakana ending in the kind, holding no self word (…21日当協会
// is none), not followed by 院). Two different names: "", which is its
// own is not said.
func selfReferredBody(sents []text.Sentence) (string, string) {
	for _, ref := range selfBodyRefs {
		kind := ref.suffix
		if !bareReference(sents, ref) {
			continue
		}
		nameAt := func(s string, at int) string {
			end := at + len(kind)
			if strings.HasPrefix(s[end:], "院") {
				return "" // 大学院: a school of the body
			}
			run := runBefore(s[:at], kanjiOrKatakana)
			n := s[at-len(run) : end]
			if run == "" || text.ContainsAny(n, ref.words) || isGeneric(n) || isOutside(n) {
				return ""
			}
			return n
		}
		sameName := func(a, b string) bool { return a == b }
		if name, ev := soleName(sents, kind, nameAt, sameName); name != "" {
			return name, ev
		}
	}
	return "", ""
}

// kanjiOrKatakana reports whether r is a kanji, a katakana or ー: the runes
// of a name run before a kind (名古屋大学), not a Latin word.
func kanjiOrKatakana(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r) || r == 'ー'
}

// oneHiraganaRun reports whether s holds at most one run of hiragana, of
// at most hiragana_head_max runes.
func oneHiraganaRun(s string) bool {
	runs, n, in := 0, 0, false
	for _, r := range s {
		h := isHiragana(r)
		if h {
			n++
			if !in {
				runs++
			}
		}
		in = h
	}
	return runs <= 1 && n <= hiraganaHeadMax
}
