package segment

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/runes"
	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/rules"
)

// FileIncident holds the rules that tell, of a text the classifier reads as
// a notice, whether it tells of an incident of its own organization.
const FileIncident = "segment/incident.tsv"

// incidentRules are the parts of FileIncident (see the file for each).
type incidentRules struct {
	warning, titled, titledLine, evidence, own      []string
	ownEvidence                                     []string
	conditional, negated, affirmed, hypothetical    []string
	loss, cash, media, anyData, personal, whole     []string
	noData                                          []string
	hasData                                         []string
	outage, keep, security, contact, viewer, astray []string
	disease, unsent, unsentNotIf, misconduct        []string
	content                                         []string
}

var incident = mustIncidentRules(rules.Table(FileIncident, 2))

func mustIncidentRules(rows []rules.Row) incidentRules {
	r, err := parseIncidentRules(rows)
	if err != nil {
		panic(err)
	}
	return r
}

// parseIncidentRules reads the lines "part<TAB>word|word|…" of FileIncident
// (rules.Parts) into their fields.
func parseIncidentRules(rows []rules.Row) (incidentRules, error) {
	var r incidentRules
	parts := []struct {
		name  string
		words *[]string
	}{
		{"warning", &r.warning}, {"titled", &r.titled}, {"titled_line", &r.titledLine}, {"evidence", &r.evidence},
		{"own_evidence", &r.ownEvidence}, {"own", &r.own},
		{"conditional", &r.conditional}, {"negated", &r.negated}, {"affirmed", &r.affirmed}, {"hypothetical", &r.hypothetical},
		{"loss", &r.loss}, {"cash", &r.cash}, {"media", &r.media}, {"any_data", &r.anyData}, {"personal", &r.personal}, {"whole", &r.whole},
		{"no_data", &r.noData}, {"has_data", &r.hasData},
		{"outage", &r.outage}, {"keep", &r.keep}, {"security", &r.security},
		{"contact", &r.contact}, {"viewer", &r.viewer}, {"astray", &r.astray},
		{"disease", &r.disease}, {"unsent", &r.unsent}, {"unsent_not_if", &r.unsentNotIf},
		{"misconduct", &r.misconduct}, {"content", &r.content},
	}
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = p.name
	}
	words, err := rules.Parts(rows, names)
	if err != nil {
		return r, err
	}
	for _, p := range parts {
		*p.words = words[p.name]
	}
	return r, nil
}

// diseaseNames blanks out the disease names of incident.tsv (disease).
var diseaseNames = func() *strings.Replacer {
	var pairs []string
	for _, w := range incident.disease {
		pairs = append(pairs, w, "病名")
	}
	return strings.NewReplacer(pairs...)
}()

// evidenceIndex indexes the evidence words, for one pass over each
// sentence of a gated notice where a strings.Index per word walked it once
// a word (the gate words are in classifierTerms, read in the classifier's
// own walk).
var (
	evidenceIndex = wordscan.New(incident.evidence)
	// evidenceOfLoss marks the evidence words that tell a loss (紛失し,
	// 盗難被害): no evidence that data was in what was lost.
	evidenceOfLoss = holding(incident.evidence, incident.loss)
)

// astrayWords are incident.tsv's personal, keep, loss and astray words:
// those of data that went astray, or could, or of an attack. The
// classifier's word set has no room for them (wordscan's 256 words).
var astrayWords = wordscan.New(slices.Concat(incident.personal, incident.keep, incident.loss, incident.astray))

// holdsAny reports whether text holds a word of x, in one walk.
func holdsAny(x *wordscan.Index, text string) bool {
	held := false
	x.Each(text, func(int, int) { held = true })
	return held
}

// holding marks the words that hold one of parts.
func holding(words, parts []string) []bool {
	out := make([]bool, len(words))
	for i, w := range words {
		out[i] = containsAny(w, parts)
	}
	return out
}

// gatePresent reports whether a word of gateParts[part] is in found, the
// set classifierTerms.Present gave.
func gatePresent(found *wordscan.Set, part int) bool {
	from := len(noticeTerms) + len(articleTerms)
	for _, p := range gateParts[:part] {
		from += len(p)
	}
	for i := range gateParts[part] {
		if found.Has(from + i) {
			return true
		}
	}
	return false
}

// The parts of gateParts, by index.
const (
	gateWarning = iota
	gateLoss
	gateNoData
	gateTitled
	gateOutage
)

// ownIncident reports whether a notice's normalized text tells of an
// incident of the organization itself; found is classifierTerms.Present of
// the text, which holds the gate words. Some pages read as notices but
// tell of none (GUIDE.md): a warning about sites or calls that pose as the
// organization (偽サイト, フィッシング) or a page whose title names a
// policy (titled: 個人情報保護方針), each an incident only when the text
// says its own systems were compromised (evidence, in a sentence that does
// not put it as a risk or deny it); a loss or theft whose text says
// no personal data was in it; and an outage that names no personal data,
// attack or leak.
func ownIncident(normalized string, found *wordscan.Set) bool {
	// A disease's name (新型コロナウイルス) holds a word of malware
	// (ウイルス): without it, a notice of staff who fell ill and an office
	// closed names nothing of security.
	if containsAny(normalized, incident.disease) {
		normalized = diseaseNames.Replace(normalized)
	}
	// A notice that names no data, no system and no way data goes astray
	// (security) tells of no security incident: a medical accident, a
	// price error, a delayed service.
	if !securityOutsideFurniture(normalized) {
		return false
	}
	// Nor does one that names no personal data, no attack or leak, no loss
	// and no way data went astray (astrayWords): a tax notice misprinted, a
	// benefit paid short, a reminder sent to those who had paid, whose
	// words of documents sent (送付, 通知書) the security words hold.
	if !holdsAny(astrayWords, normalized) {
		return false
	}
	// A titled word in the first lines, and a no_data sentence, need one
	// of their words somewhere in the text: rare, so the lines and the
	// sentences are read only then.
	titled := gatePresent(found, gateTitled) && containsAny(headLines(normalized), incident.titled) ||
		titledWhole(normalized)
	if titled && !compromisedUnconditionally(normalized) {
		return false
	}
	if gatePresent(found, gateWarning) && !compromised(normalized, false) {
		return false
	}
	if gatePresent(found, gateLoss) && gatePresent(found, gateNoData) && noDataLost(normalized) && !compromised(normalized, true) {
		return false
	}
	// Nor does a theft of money that names no personal data at all
	// (「食堂内に置いてあった現金約2,000円を盗難される事件」), a break-in's
	// 侵入した形跡 notwithstanding, nor a loss or theft of anything that
	// names no data, nothing that holds data (media) and no compromise but
	// the theft itself (a city's car stolen, copper cable 盗まれた; not a
	// password 盗まれた and leaked).
	if gatePresent(found, gateLoss) && !containsAny(normalized, incident.personal) && !containsAny(normalized, incident.whole) &&
		!containsAny(normalized, incident.anyData) &&
		(containsAny(normalized, incident.cash) || !containsAny(normalized, incident.media) && !compromised(normalized, true)) {
		return false
	}
	// An outage that names no personal data, no attack and no leak (a
	// cable cut, a vendor's bug) is no security incident; one by an attack
	// is (GUIDE), and so is one that showed a user another's data.
	if gatePresent(found, gateOutage) && !containsAny(normalized, incident.personal) &&
		!containsAny(normalized, incident.keep) && !compromised(normalized, false) {
		return false
	}
	// So is a notice of money misused (架空請求, 横領) that names no
	// personal data and no compromise: its 不正 is a fraud's, not an
	// attack's.
	if containsAny(normalized, incident.misconduct) && !containsAny(normalized, incident.personal) &&
		!containsAny(normalized, incident.whole) && !compromised(normalized, false) {
		return false
	}
	// So is a notice of letters that were not sent (送付漏れ) that names no
	// personal data, attack or leak, and none sent to the wrong person.
	if containsAny(normalized, incident.unsent) && !containsAny(normalized, incident.personal) &&
		!containsAny(normalized, incident.keep) && !containsAny(normalized, incident.unsentNotIf) && !compromised(normalized, false) {
		return false
	}
	return true
}

// securityOutsideFurniture reports whether a security word stands in a
// line of text that is no page furniture (furnitureLine): the contact
// block under nearly every page (「お問い合わせ / 上下水道課 / 電話:… /
// メールでのお問い合わせ」) names the ways to reach the office, and the
// PDF viewer's notice (「PDF形式のファイルをご覧いただく場合には、Adobe
// Reader…」) the software to read it with, not data that went astray. The
// lines are read only when a security word is in the text at all.
func securityOutsideFurniture(text string) bool {
	if !containsAny(text, incident.security) {
		return false
	}
	for l := range strings.Lines(text) {
		if containsAny(l, incident.security) && !furnitureLine(l) {
			return true
		}
	}
	return false
}

// furnitureLine reports whether l is a line of page furniture: one that
// names the PDF viewer (incident.tsv viewer), or a contact line (contact)
// that is no sentence (no 。) and at most furniture_line_runes long.
// 「お客様からのお問い合わせにより判明しました。」 and 「患者情報を含むFAXを
// 誤送信しました。」 are the notice's own.
func furnitureLine(l string) bool {
	if containsAny(l, incident.viewer) {
		return true
	}
	return containsAny(l, incident.contact) && !strings.Contains(l, "。") &&
		utf8.RuneCountInString(strings.TrimSpace(l)) <= furnitureLineRunes
}

// furnitureLineRunes bounds a furniture line (classifier_settings.tsv).
var furnitureLineRunes = int(classifierSettings.Number("furniture_line_runes"))

// compromised reports whether a sentence of text states an evidence word
// as a fact: not inside 「」, others' words quoted (「個人情報が悪用された」
// といった被害が急増), nor told as what a message says (content:
// 「…情報が流出した旨が記載され」), not after a conditional (開封すると…感染し), nor denied in
// the clause after it (流出した事実はございません) unless the denial
// affirms (否定できません), nor put as a case there (hypothetical:
// 「パスワードを盗まれてしまった場合、」). With skipLoss, the evidence words that tell a
// loss are passed over: a theft told is no evidence that data was in it.
//
// It is linear in the text: one pass of evidenceIndex a sentence, whose
// first conditional is found once, and the clause read after a match is at
// most clauseRunes long, so a hostile line of a million matches costs a
// million short reads.
func compromised(text string, skipLoss bool) bool { return statesEvidence(text, skipLoss, false) }

// compromisedUnconditionally is compromised for a policy page (titled),
// which puts every incident as a case its rules cover: an evidence word in
// a sentence that holds a conditional anywhere is hypothetical
// (「不正に利用されることにより…おそれがある個人情報の漏えい等が発生した
// 場合」), not only one after it.
func compromisedUnconditionally(text string) bool { return statesEvidence(text, false, true) }

// statesEvidence is compromised, and with condAnywhere
// compromisedUnconditionally: one pass over the sentences either way.
func statesEvidence(text string, skipLoss, condAnywhere bool) bool {
	for _, s := range sentences(text) {
		cond := firstIndexAny(s, incident.conditional) // a match after it is hypothetical
		if condAnywhere && cond >= 0 {
			continue // so is every match of the sentence
		}
		stated := false
		// The depth of 「」 quotes at the match, read on as the matches
		// come in order, only in a sentence that opens one.
		quoted, scanned, depth := strings.Contains(s, "「"), 0, 0
		evidenceIndex.Each(s, func(at, w int) {
			if stated || skipLoss && evidenceOfLoss[w] || cond >= 0 && cond < at {
				return
			}
			if quoted {
				depth += quoteDepthChange(s[scanned:at])
				scanned = at
				if depth > 0 {
					return // 「個人情報が悪用された」といった被害: others' words, quoted
				}
			}
			after := runes.Prefix(s[at+len(incident.evidence[w]):], clauseRunes)
			clause, _, _ := strings.Cut(after, "、")
			if containsAny(clause, incident.negated) && !containsAny(clause, incident.affirmed) ||
				containsAny(clause, incident.hypothetical) {
				return
			}
			if containsAny(after, incident.content) {
				return // 「…個人情報が流出した旨が記載され」: what a scam mail says
			}
			stated = true
		})
		if stated {
			return true
		}
		if i := firstIndexAny(s, incident.ownEvidence); i >= 0 && (cond < 0 || cond > i) && containsAny(s, incident.own) {
			return true // 「当会職員が…遠隔操作ソフトをインストールさせられました」
		}
	}
	return false
}

// quoteDepthChange is how much deeper in 「」 quotes the end of s stands
// than its start: one for each 「, less one for each 」.
func quoteDepthChange(s string) int {
	return strings.Count(s, "「") - strings.Count(s, "」")
}

// clauseRunes bounds the clause after an evidence word that compromised
// reads for a denial (classifier_settings.tsv incident_clause_runes).
var clauseRunes = int(classifierSettings.Number("incident_clause_runes"))

// firstIndexAny is the smallest index in s of any of words, -1 for none.
func firstIndexAny(s string, words []string) int {
	first := -1
	for _, w := range words {
		if i := strings.Index(s, w); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

// noDataLost reports whether text says that what was lost or stolen held
// no personal data (個人情報…は含まれていません), and no other sentence
// says that some did (氏名が記載された名簿を紛失).
func noDataLost(text string) bool {
	none, some := false, false
	for _, s := range sentences(text) {
		if !containsAny(s, incident.personal) {
			continue
		}
		switch {
		case containsAny(s, incident.whole) && containsAny(s, incident.noData):
			none = true // 個人情報…は含まれていません; not 住所は含まれておりません, a field left out
		case containsAny(s, incident.hasData):
			some = true
		}
	}
	return none && !some
}

// headLines are the first lines of text that hold more than white space,
// up to titleLines of them: a page's title is among them, after any of
// the site's own lines (ページの先頭です).
func headLines(text string) string {
	var b strings.Builder
	n := 0
	for l := range strings.Lines(text) {
		if n == titleLines {
			break
		}
		if strings.TrimSpace(l) != "" {
			b.WriteString(l)
			n++
		}
	}
	return b.String()
}

// titledWhole reports whether one of the first lines of text is a
// titled_line phrase and nothing else: a policy page titled
// 「個人情報の取扱い」, a phrase that notices hold inside their sentences
// (「個人情報の取扱いにおいて、…ご迷惑を」) and their titles
// (「個人情報の取扱いに関する事案について」).
func titledWhole(text string) bool {
	n := 0
	for l := range strings.Lines(text) {
		if n == titleLines {
			return false
		}
		if l = strings.TrimSpace(l); l != "" {
			if slices.Contains(incident.titledLine, l) {
				return true
			}
			n++
		}
	}
	return false
}

// titleLines is how many first lines headLines reads
// (classifier_settings.tsv incident_title_lines).
var titleLines = int(classifierSettings.Number("incident_title_lines"))

// sentences cuts text at 。 and line breaks.
func sentences(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return r == '。' || r == '\n' })
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
