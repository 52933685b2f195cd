package cause

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

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
	hasListedIn   // a listedIn phrase
	hasDenial     // a denial phrase
	hasPatternNeed
)

// causeIndex finds in one pass over a text its cause cues (a hit's Word is
// the cue's index) and the words of the lists above (causeListBits gives
// the lists of the word of id len(causeCues)+k). Each need group of a
// patternCue is a list from bit hasPatternNeed on (a group written alike
// for several patterns, one list); patternNeeds are each pattern's groups.
var causeIndex, causeListBits, patternNeeds = func() (*wordscan.Index, []uint64, []uint64) {
	lists := [][]string{causeWords, causeStatements, speculative, consequenceWords, consequenceEnds, dataWords, physicalItems,
		lemmaStems, {"『"}, listedIn, causeDenials}
	if len(lists) != bits.TrailingZeros(hasPatternNeed) {
		panic("cause: the list bits and the lists differ")
	}
	need := make([]uint64, len(patternCues))
	groupBit := map[string]int{} // a group that several patterns need is one list
	for i, c := range patternCues {
		for _, g := range c.need {
			key := strings.Join(g, "|")
			b, ok := groupBit[key]
			if !ok {
				b = len(lists)
				groupBit[key] = b
				lists = append(lists, g)
			}
			need[i] |= 1 << b
		}
	}
	phrases := make([]string, len(causeCues))
	for i, c := range causeCues {
		phrases[i] = c.phrase
	}
	x, listBits := text.NewListIndex(phrases, lists...)
	return x, listBits, need
}()

// causeText is what causeIndex finds in a text.
type causeText struct {
	cues  []wordscan.Hit // the cues, by cue and each cue's by position
	lists uint64         // the lists that have a word in it
	items []theftItem    // the words of theft_items.tsv, by position
}

// theftItem is a word of theft_items.tsv found at a byte offset of a text.
type theftItem struct {
	at   int
	data bool // data, not a device or papers
}

// scan fills c with the words of s, reusing its memory.
func (c *causeText) scan(s string) {
	all := causeIndex.AppendHits(c.cues[:0], s)
	c.cues = all[:0] // filled in place below: at most as many as read
	c.read(all)
}

// read fills c with all, the hits of causeIndex in a text, as AppendHits
// gives them; all is left as it was unless it is c.cues' own memory.
func (c *causeText) read(all []wordscan.Hit) {
	c.cues, c.lists, c.items = c.cues[:0], 0, c.items[:0]
	for _, h := range all {
		if h.Word >= len(causeCues) {
			b := causeListBits[h.Word-len(causeCues)]
			c.lists |= b
			if b&(hasDataWord|hasPhysicalItem) != 0 {
				c.items = append(c.items, theftItem{at: h.At, data: b&hasPhysicalItem == 0})
			}
			continue
		}
		c.cues = append(c.cues, h)
	}
	text.ByWord(c.cues)
}

// ScanWords are the words Find looks for in each sentence, in the order
// of the hits FindScanned reads: a caller that scans the sentences for
// other words too can find these in the same pass.
func ScanWords() []string { return causeIndex.Words() }

// Find decides the notice's cause from the title and the sentences that
// state a cause. It returns "unknown" when no sentence states one.
func Find(w *text.Watch, title string, sents []text.Sentence) (string, string) {
	return FindScanned(w, title, sents, nil)
}

// FindScanned is Find with the hits of ScanWords in each sentence given:
// hits[i] are those in sents[i].Text, in the order wordscan's AppendHits
// gives them (it reads them, and leaves them as they are). nil hits: Find
// scans the sentences itself.
func FindScanned(w *text.Watch, title string, sents []text.Sentence, hits [][]wordscan.Hit) (string, string) {
	var t tally
	t.score(w, title, sents, hits)
	// Ransomware is an intrusion too: the specific cause wins outright
	// when its cues reach its wins_at (rules/cause/order.tsv), wherever
	// they stand.
	if c, ok := winsOutright(&t.scores); ok {
		return causeOrder[c], t.evidence[c]
	}
	// The body states what happened; the title sums it up in a word it
	// may use loosely (「個人情報を紛失」 over a body that says the bag was
	// stolen). When the title's best cause has no cue in the body and
	// the body alone decides another, scoring at least title_yield of
	// the title's, the body's cause wins (a news lead's 「…USBメモリを紛
	// 失したと発表」 stands over a rule broken on the way, 「持ち出す際
	// には…規則となっていましたが」).
	var body causeScoreSet
	titleBest, titleScore := -1, 0.0
	for c := range causeOrder {
		body[c] = t.scores[c] - t.titleScores[c]
		if t.titleScores[c] > titleScore {
			titleBest, titleScore = c, t.titleScores[c]
		}
	}
	if titleBest >= 0 && body[titleBest] == 0 && bestScore(&body) >= titleScore*causeWeights.titleYield {
		if c := decide(&body); c >= 0 {
			c = refine(c, &body)
			return causeOrder[c], t.evidence[c]
		}
	}
	if c := decide(&t.scores); c >= 0 {
		c = refine(c, &body)
		return causeOrder[c], t.evidence[c]
	}
	return "unknown", ""
}

// refine is the cause that tells how cause c came about
// (rules/cause/refines.tsv) when the body scores it enough, else c.
func refine(c int, body *causeScoreSet) int {
	for _, r := range causeRefinements {
		if r.general == c && body[r.specific] >= r.at {
			return r.specific
		}
	}
	return c
}

// bestScore is the highest score of scores.
func bestScore(scores *causeScoreSet) float64 {
	best := 0.0
	for _, v := range scores {
		best = max(best, v)
	}
	return best
}

// winsOutright returns the first cause of order.tsv whose score reaches
// its wins_at.
func winsOutright(scores *causeScoreSet) (int, bool) {
	for c, at := range causeWinsAtByID {
		if !math.IsNaN(at) && scores[c] >= at {
			return c, true
		}
	}
	return -1, false
}

// decide is the cause of scores, by its index in causeOrder: the first
// cause of order.tsv whose score reaches its wins_at (ransomware is an
// intrusion too: the specific cause wins outright), else the best score
// when it reaches min_score, else -1 (unknown).
func decide(scores *causeScoreSet) int {
	if c, ok := winsOutright(scores); ok {
		return c
	}
	best, bestScore := -1, 0.0
	for c := range causeOrder {
		if scores[c] > bestScore {
			best, bestScore = c, scores[c]
		}
	}
	if bestScore < causeWeights.minScore {
		return -1
	}
	return best
}

// causeScoreSet is a score for each cause, by its index in causeOrder.
type causeScoreSet [maxCauses]float64

// tally is what the cues of one notice add up to, by cause index: an
// array each, not maps, since a notice is scored once and each map cost
// allocations whatever the notice's length.
type tally struct {
	scores, titleScores causeScoreSet // the title's part of scores apart
	evScore             causeScoreSet // the weight of each cause's strongest cue
	evidence            [maxCauses]string
	noted, evidenced    uint64 // the causes a cue added to, and those with evidence (bit c)
}

// score adds up the cues of the title and the sentences, with the text
// that gave each cause its strongest cue.
func (t *tally) score(w *text.Watch, title string, sents []text.Sentence, hits [][]wordscan.Hit) {
	scoringTitle := false
	note := func(c int, w float64, txt string) {
		t.scores[c] += w
		t.noted |= 1 << c
		if scoringTitle {
			t.titleScores[c] += w
		}
		if w > t.evScore[c] {
			t.evScore[c], t.evidence[c] = w, txt
			t.evidenced |= 1 << c
		}
	}
	var found causeText // what text (then scan) holds, its memory reused
	var used []bool
	// bodyNamesPhysical reports whether a sentence names a thing a thief
	// carries away; read only for a title that names stolen data.
	var bodyPhysical *bool
	bodyNamesPhysical := func() bool {
		if bodyPhysical == nil {
			v := false
			for _, s := range sents {
				if text.ContainsAny(s.Text, physicalItems) {
					v = true
					break
				}
			}
			bodyPhysical = &v
		}
		return *bodyPhysical
	}
	// add scores text, whose words are in found.
	add := func(txt string, mult float64) {
		if mult == 0 {
			return
		}
		scan := txt
		if found.lists&hasTitleQuote != 0 {
			scan = maskTitles(scan)
			found.scan(scan)
		}
		if found.lists&hasListedIn != 0 {
			scan = maskListed(scan)
			found.scan(scan)
		}
		if found.lists&hasDenial != 0 {
			scan = maskDenied(scan)
			found.scan(scan)
		}
		if found.lists&hasConsequenceWord != 0 && found.lists&hasConsequenceEnd != 0 {
			scan = consequenceRE.ReplaceAllStringFunc(scan, func(m string) string { return strings.Repeat("_", len(m)) })
			found.scan(scan)
		}
		used = slices.Grow(used[:0], len(scan))[:len(scan)]
		clear(used)
		// Data or a password stolen is an intrusion, not a theft. What was
		// stolen is named in the theft word's clause, after the last 、:
		// a device or papers there is a theft (「鞄とパスワードが盗まれた」),
		// data alone an intrusion (「パソコンに保存し、…IDとパスワードを
		// 盗み取られ」 is of the password); with neither there, data with
		// no device or papers named in the sentence.
		dataTheft := found.lists&hasDataWord != 0 && found.lists&hasPhysicalItem == 0
		cueCause := func(c int, at int) int {
			if c != theftID {
				return c
			}
			start := clauseStart(scan, at)
			data, physical := false, false
			for _, it := range found.items {
				if it.at >= at {
					break
				}
				if it.at >= start {
					data, physical = data || it.data, physical || !it.data
				}
			}
			// A title sums the notice up: 「個人情報盗難のお詫び」 names the
			// data, and the body says what was carried away (書類, 鞄):
			// with a physical item there, the title's theft stays a theft.
			if !physical && (data || dataTheft) && !(scoringTitle && bodyNamesPhysical()) {
				return unauthorizedAccessID
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
				if text.AnyUsed(used[i:from]) && c.weight < causeWeights.overlapWeight {
					continue
				}
				for k := i; k < from; k++ {
					used[k] = true
				}
				note(cueCause(causeCueIDs[k], i), c.weight*mult, txt)
				break
			}
			cues = cues[n:]
		}
		for i, c := range patternCues {
			if found.lists&patternNeeds[i] == patternNeeds[i] && c.re.MatchString(scan) {
				note(patternCueIDs[i], c.weight*mult, txt)
			}
		}
		// Only cause sentences whose text holds a cue verb's stem are
		// tokenized: a few sentences a notice, never the whole text.
		if mult >= causeWeights.lemmaMinSentence && found.lists&hasLemmaStem != 0 {
			var seen uint64 // the lemma bases noted (bit lemmaBaseIDs[i])
			at := 0         // where m is in scan
			for _, m := range text.Morphs(scan) {
				if i := strings.Index(scan[at:], m.Surface); i >= 0 {
					at += i
				}
				for i, c := range lemmaCues {
					if m.Base == c.base && seen&(1<<lemmaBaseIDs[i]) == 0 {
						seen |= 1 << lemmaBaseIDs[i]
						note(cueCause(lemmaCueIDs[i], at), c.weight*mult, txt)
					}
				}
				if strings.HasPrefix(scan[at:], m.Surface) {
					at += len(m.Surface)
				}
			}
		}
	}
	if i := sentenceOf(title, sents); hits != nil && i >= 0 {
		found.read(hits[i])
	} else {
		found.scan(title)
	}
	scoringTitle = true
	add(title, causeWeights.title)
	scoringTitle = false
	titleSpaces := strings.IndexByte(title, ' ') >= 0 // read once: see sameLineAs
	var heading string
	var role headingRole
	for i, s := range sents {
		w.Check()
		if i == 0 || s.Heading != heading {
			heading, role = s.Heading, roleOf(s.Heading)
		}
		if hits != nil {
			found.read(hits[i])
		} else {
			found.scan(s.Text)
		}
		mult := causeWeights.sentence
		if found.lists&hasCauseWord != 0 || role.cause {
			mult = causeWeights.causeWord
		}
		if found.lists&hasCauseStatement != 0 || role.statement {
			mult = causeWeights.statement
		}
		if found.lists&hasSpeculative != 0 && speculativeWhereItStates(s.Text) || isGloss(s.Text) {
			mult = causeWeights.speculative
		}
		if role.response {
			mult = math.Min(mult, causeWeights.response)
		}
		// The title's line in the body is the title again, not the
		// body's word for what happened.
		scoringTitle = title != "" && sameLineAs(s.Text, title, titleSpaces)
		add(s.Text, mult)
		scoringTitle = false
	}
}

// speculativeWhereItStates reports whether a speculative word of s stands
// where the sentence states what happened: from its last finding opener
// on (sentence_words.tsv finding: 「…被害拡大防止、復旧作業等に当たって
// まいりましたが、調査の結果、…不正アクセスによるものであることが判明」
// speculates before the finding only), and before an announce tail that
// ends it (announce: 「…画面に共有するという不適切事案が発生しましたので、
// お知らせいたします。」 tells what happened, its いたします only announces
// it). A sentence with neither is read whole.
func speculativeWhereItStates(s string) bool {
	body := strings.TrimRight(s, "。 ")
	if text.ContainsAny(body, notSpeculative) {
		// 「…対策本部を立ち上げ、…ランサムウェアによる攻撃を受けたことを
		// 確認」: a task force set up, no measure to come.
		if body = notSpeculativeBlanker.Replace(body); !text.ContainsAny(body, speculative) {
			return false
		}
	}
	// What an inquiry found (「…防止、復旧作業等に当たってまいりましたが、
	// 調査の結果、…不正アクセスによるものであることが判明」) is read from
	// the last finding opener on: the search before it speculates.
	finding := false
	if i := text.LastEndAny(body, findingOpeners); i >= 0 {
		body, finding = body[i:], true
	}
	for _, t := range announceTails {
		if head, ok := strings.CutSuffix(body, t); ok {
			return text.ContainsAny(head, speculative)
		}
	}
	return !finding || text.ContainsAny(body, speculative)
}

// sentenceOf is the index of the first sentence whose text is s, -1 when
// none is: the title of a one-line notice (a JSON Lines record) is its
// only sentence, and a title line in the body is one too, so their words
// are read from that sentence's hits rather than scanned again.
func sentenceOf(s string, sents []text.Sentence) int {
	for i := range sents {
		if sents[i].Text == s {
			return i
		}
	}
	return -1
}

// sameLineAs reports whether a and b are one line, ASCII spaces aside,
// told whether b holds a space: the title is compared with every
// sentence, and a hostile title of a million bytes read for a space each
// time made the scoring quadratic.
func sameLineAs(a, b string, bSpaces bool) bool {
	// A one-line notice's sentence is its title: told at once, as are
	// two lines with no space, rather than a byte at a time.
	if a == b {
		return true
	}
	if !bSpaces && strings.IndexByte(a, ' ') < 0 {
		return false
	}
	return sameLineBytewise(a, b)
}

// sameLineBytewise is sameLineAs without its shortcuts, a byte at a time
// (and the oracle of them).
func sameLineBytewise(a, b string) bool {
	for {
		a, b = strings.TrimLeft(a, " "), strings.TrimLeft(b, " ")
		if a == "" || b == "" {
			return a == b
		}
		if a[0] != b[0] {
			return false
		}
		a, b = a[1:], b[1:]
	}
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
		cause:     text.ContainsAny(h, causeHeadingRoles["cause"]),
		statement: text.ContainsAny(h, causeHeadingRoles["statement"]),
		response:  text.ContainsAny(h, responseHeadings) && !text.ContainsAny(h, causeHeadingRoles["not_response"]),
	}
}

// maskTitles blanks what stands between 『 and 』: the name of a work, a
// mail's subject or a page quoted inside a quote states no cause
// (「『輸出転売の最終形態』などの件名」 is no resale of media).
func maskTitles(s string) string {
	b := []byte(s)
	for from := 0; ; {
		i := text.IndexWord(s[from:], "『")
		if i < 0 {
			return string(b)
		}
		i += from + len("『")
		j := text.IndexWord(s[i:], "』")
		if j < 0 {
			return string(b)
		}
		for k := i; k < i+j; k++ {
			b[k] = '_'
		}
		from = i + j + len("』")
	}
}

// maskListed blanks the listedIn phrases of s.
func maskListed(s string) string {
	for _, w := range listedIn {
		if strings.Contains(s, w) {
			s = strings.ReplaceAll(s, w, strings.Repeat("_", len(w)))
		}
	}
	return s
}

// clauseStart is where the clause of the word at offset at of s begins:
// after the last 、 or , before it, or at 0.
func clauseStart(s string, at int) int {
	i := text.Commas.LastIndex(s[:at])
	if i < 0 {
		return 0
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return i + n
}

// maskDenied blanks each clause that a denial ends, from the 、 or , before
// it (or the start) to the denial's end: in 「不正アクセスによるものでは
// なく、誤送信によるもの」 the intrusion is denied, the misdelivery stated.
// A denial inside a phrase of causeNotDenials (だけではなく: "not only")
// denies nothing.
func maskDenied(s string) string {
	b := []byte(s)
	for _, w := range causeDenials {
		for i := range text.Occurrences(s, w) {
			end := i + len(w)
			if insideAny(s, i, w, causeNotDenials) {
				continue
			}
			for k := clauseStart(s, i); k < end; k++ {
				b[k] = '_'
			}
		}
	}
	return string(b)
}

// insideAny reports whether the word w at offset i of s is part of an
// occurrence there of one of phrases.
func insideAny(s string, i int, w string, phrases []string) bool {
	for _, p := range phrases {
		if j := strings.Index(p, w); j >= 0 && j <= i && strings.HasPrefix(s[i-j:], p) {
			return true
		}
	}
	return false
}
