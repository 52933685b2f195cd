package timeline

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The timeline's words, read from rules/timeline/ once at start.

// kindRules are the rules of rules/timeline/kinds.tsv, in order;
// kindLists indexes their word lists, bit need and unless of each rule,
// and after them the lists classifyClause asks of a clause first (the
// bits of clauseBits): one scan of a clause tells them all.
var kindRules, kindLists, clauseBits = indexKindRules(loadKindRules("timeline/kinds.tsv"),
	maskedNounWords.Words, fromWords, incomingNouns.Words, incomingNotIf)

// clauseListBits are the bits in kindLists of the lists classifyClause
// asks of a clause before its kind rules.
type clauseListBits struct{ maskedNoun, from, incomingNoun, incomingNotIf uint64 }

// indexKindRules gives each list of rs (a need line or an unless line)
// its bit among the lists of one ListSet, and sets each rule's need and
// unless to the bits of its lists; then the lists of classifyClause
// (masked nouns, from words, incoming nouns, incoming not-if words) their
// bits.
func indexKindRules(rs []kindRule, masked, from, incoming, notIf []string) ([]kindRule, *text.ListSet, clauseListBits) {
	var lists [][]string
	for i := range rs {
		for _, g := range rs[i].groups {
			rs[i].need |= 1 << len(lists)
			lists = append(lists, g.Words)
		}
		if len(rs[i].unlessWords.Words) > 0 {
			rs[i].unless = 1 << len(lists)
			lists = append(lists, rs[i].unlessWords.Words)
		}
	}
	n := len(lists)
	bits := clauseListBits{maskedNoun: 1 << n, from: 1 << (n + 1), incomingNoun: 1 << (n + 2), incomingNotIf: 1 << (n + 3)}
	return rs, text.NewListSet(append(lists, masked, from, incoming, notIf)...), bits
}

// timelineKinds are the kinds a rule of kinds.tsv may give.
var timelineKinds = []string{schemas.EventReported, schemas.EventPolice, schemas.EventDiscovered,
	schemas.EventPublished, schemas.EventOccurred, schemas.EventRestored, schemas.EventNotified}

// loadKindRules reads the kind rules: rule, kind, test (need or unless),
// words (|-separated; @name for the words of timeline/<name>.tsv). It
// panics, naming the file, line and column, on a row that breaks them:
// the files are embedded and TestBundledTimelineRules reads them.
func loadKindRules(path string) []kindRule {
	rs, err := parseKindRules(rules.Table(path, 4), rules.Words)
	if err != nil {
		panic(err)
	}
	return rs
}

func parseKindRules(rows []rules.Row, words func(string) []string) ([]kindRule, error) {
	var out []kindRule
	for _, r := range rows {
		n, err := strconv.Atoi(r.Fields[0])
		if err != nil || n < 1 {
			return nil, fmt.Errorf("extract: %s: rule %q is not a number from 1", r.Pos(), r.Fields[0])
		}
		kind, test := r.Fields[1], r.Fields[2]
		switch {
		case n == len(out)+1:
			out = append(out, kindRule{kind: kind})
		case n != len(out):
			return nil, fmt.Errorf("extract: %s: rule %d after rule %d: number the rules 1, 2, … in order", r.Pos(), n, len(out))
		}
		rule := &out[n-1]
		if !text.IsOneOf(kind, timelineKinds) {
			return nil, fmt.Errorf("extract: %s: kind %q is not one of %s", r.Pos(), kind, strings.Join(timelineKinds, ", "))
		}
		if kind != rule.kind {
			return nil, fmt.Errorf("extract: %s: kind %q, but rule %d gives %q", r.Pos(), kind, n, rule.kind)
		}
		var ws []string
		for _, w := range strings.Split(r.Fields[3], "|") {
			switch {
			case w == "":
				return nil, fmt.Errorf("extract: %s: an empty word in %q", r.Pos(), r.Fields[3])
			case strings.HasPrefix(w, "@") && strings.Contains(w, "/"):
				// A list of another folder, named by its path as include
				// lines name it (@text/leak_words.tsv): a concept several
				// fields read is one file, not a copy in this one.
				ws = append(ws, words(w[1:])...)
			case strings.HasPrefix(w, "@"):
				ws = append(ws, words("timeline/"+w[1:]+".tsv")...)
			default:
				ws = append(ws, w)
			}
		}
		switch test {
		case "need":
			rule.groups = append(rule.groups, text.NewWordList(ws))
		case "unless":
			if len(rule.unlessWords.Words) > 0 {
				return nil, fmt.Errorf("extract: %s: rule %d has two unless lines: write one", r.Pos(), n)
			}
			rule.unlessWords = text.NewWordList(ws)
		default:
			return nil, fmt.Errorf("extract: %s: test %q is not one of need, unless", r.Pos(), test)
		}
	}
	for i, rule := range out {
		if len(rule.groups) == 0 {
			return nil, fmt.Errorf("extract: %s: rule %d has no need line", rows[0].File, i+1)
		}
	}
	return out, nil
}

// timelineWeights are the timeline's thresholds (timeline/weights.tsv).
var timelineWeights = text.Weights("timeline/weights.tsv", "long_quote_runes", "continue_sentences", "next_lines",
	"continuation_lines", "scope_label_runes", "incoming_reach", "addressed_reach", "addressed_lead", "date_label_runes", "field_label_runes", "date_line_max_runes", "inline_label_runes", "lead_sentences")

// reach is a regexp's bound on how far a cue reaches: {0,n} for the
// weight of that name.
func reach(name string) string { return "{0," + strconv.Itoa(timelineWeights[name]) + "}" }

// timelineWords reads a one-column list of rules/timeline/.
func timelineWords(name string) []string { return rules.Words("timeline/" + name + ".tsv") }

var (
	// maskedNouns hides nouns that contain an event cue but name a
	// document or a desk (timeline/masked_nouns.tsv); maskedNounWords are
	// the nouns, to skip the replacer (which allocates) when none is there.
	maskedNouns, maskedNounWords = loadMaskedNouns()

	// incomingReportRE: a report that reaches the organization from
	// someone else (timeline/incoming.tsv); incomingNouns: every match
	// holds one of them.
	incomingReportRE, incomingNouns, fromWords, addresseeAlt, incomingNotIf = loadIncoming()
	fromFirstByte                                                           = text.FirstBytes(fromWords)
	// toldBeforeRE, receivedFromRE: a report whose told noun and its を
	// stand before a date, its sender and a verb of receiving after it
	// (timeline/incoming.tsv received).
	toldBeforeRE, receivedFromRE = loadReceived()
	// quotedReportRE: a report quoted by its content (incoming.tsv quoted)
	// that came from someone: 「…方から、…表示された旨の連絡が…にあった」.
	quotedReportRE = loadQuotedReport()

	// The clause words (timeline/clause_words.tsv).
	clauseWords       = loadClauseWords()
	boundaryWords     = clauseWords["boundary"]
	boundaryFirstByte = text.FirstBytes(boundaryWords)
	scopeWords        = clauseWords["scope"]
	shareWords        = clauseWords["share"]
	boundWords        = clauseWords["bound"]
	seriesWords       = clauseWords["series"]
	passiveAttributes = clauseWords["passive_attributive"]
	periodStartWords  = clauseWords["period_start"]
	topicEnds         = clauseWords["topic"]
	attributiveEnds   = clauseWords["attributive"]
	planHeads         = clauseWords["plan"]
	duringWords       = clauseWords["during"]
	finishedItemEnds  = clauseWords["finished_item"]
	inquiryWords      = clauseWords["inquiry"]
	inquiryResults    = clauseWords["inquiry_result"]
	periodLabelWords  = clauseWords["period_label"]
	registeredWords   = clauseWords["registered"]
	routineWords      = clauseWords["routine"]
	subjectParticles  = clauseWords["subject"]

	responseWords   = timelineWords("response_words")
	exposedWords    = text.NewWordList(timelineWords("exposed"))
	leakPeriodWords = timelineWords("leak_period")
	// cardPeriod: timeline/card_period.tsv's words by part (cardUsePeriod).
	cardPeriod = rules.MustParts(rules.Table("timeline/card_period.tsv", 2), []string{"card", "use", "stored"})
	// dateLineTails end a line of dates with a length of time
	// (date_line_tails.tsv): 「…6月22日(木)午後11時11分の約14日間」.
	dateLineTails        = rules.MustParts(rules.Table("timeline/date_line_tails.tsv", 2), []string{"lead", "unit", "end", "revision"})
	foundVerbs           = timelineWords("found_verbs")
	causeStatementWords  = text.NewWordList(timelineWords("cause_statement"))
	scopeTopic, scopeWho = loadScopeLabels()
	sameDayWords         = loadSameDay()
	noticeDayWords       = loadNoticeDays()
	sameDayIndex         = text.NewListSet(sameDayWordList())
	regulatorWords       = text.NewWordList(timelineWords("regulators"))
	policeWords          = text.NewWordList(timelineWords("police"))

	// What a discovery found, when it is the incident itself
	// (timeline/found_event.tsv).
	foundEvent = loadFoundEvent()

	// The nouns and verbs of a sentence that sums up the incident
	// (timeline/incident_summary.tsv).
	summaryNouns, summaryVerbs, summaryRegret, summaryUnless = loadIncidentSummary()
	// evidentWords make the day of an occurrence that of its discovery
	// when nothing else dates it (timeline/evident.tsv).
	evidentWords = rules.Words("timeline/evident.tsv")

	continueSentences = timelineWeights["continue_sentences"]
	nextLines         = timelineWeights["next_lines"]
	// leadSentences bound where a news lead announces (yearlessAnnouncement).
	leadSentences = timelineWeights["lead_sentences"]
	// dateLabelRunes bounds a line that labels the date on the line under
	// it (発生年月日 / 令和4年05月31日); dateLabelEnds end such a label.
	dateLabelRunes  = timelineWeights["date_label_runes"]
	fieldLabelRunes = timelineWeights["field_label_runes"]
	dateLabelEnds   = timelineWords("date_labels")
	// inlineLabelRunes bounds the label of kanji right before a date on
	// its line (判明日:令和5年10月5日): inlineLabel.
	inlineLabelRunes  = timelineWeights["inline_label_runes"]
	continuationLines = timelineWeights["continuation_lines"]
	scopeLabelRunes   = timelineWeights["scope_label_runes"]

	// incidentDayRE names the day of the incident without its date:
	// 事件発生当日, 発生の当日.
	incidentDayRE = regexp.MustCompile(text.OrderedAlternation(timelineWords("incident_day")) + `?発生(?:の)?当日`)
)

func loadMaskedNouns() (*strings.Replacer, text.WordList) {
	var pairs, nouns []string
	for _, r := range rules.Table("timeline/masked_nouns.tsv", 2) {
		pairs = append(pairs, r.Fields[0], r.Fields[1])
		nouns = append(nouns, r.Fields[0])
	}
	return strings.NewReplacer(pairs...), text.NewWordList(nouns)
}

// incomingRows are timeline/incoming.tsv's rows, incomingWords its words
// by part: read once for loadIncoming and loadReceived.
var (
	incomingRows  = rules.Table("timeline/incoming.tsv", 2)
	incomingWords = rules.MustParts(incomingRows, incomingParts)
)

func loadIncoming() (*regexp.Regexp, text.WordList, []string, string, []string) {
	re, nouns, err := parseIncoming(incomingRows)
	if err != nil {
		panic(err)
	}
	part := incomingWords
	return re, nouns, part["from"], text.OrderedAlternation(part["addressee"]), part["not_if"]
}

// loadQuotedReport reads quotedReportRE from timeline/incoming.tsv (from,
// quoted, told, ending): the sender, then in the same sentence a told noun
// after its quoted content, then が or an ending of receiving.
func loadQuotedReport() *regexp.Regexp {
	alt := func(name string) string { return text.OrderedAlternation(incomingWords[name]) }
	return regexp.MustCompile(alt("from") + `[^。]*?` + alt("quoted") + alt("told") + `(?:が|` + alt("ending") + `)`)
}

// loadReceived reads toldBeforeRE and receivedFromRE from
// timeline/incoming.tsv (told, from, received).
func loadReceived() (toldBefore, receivedFrom *regexp.Regexp) {
	alt := func(name string) string { return text.OrderedAlternation(incomingWords[name]) }
	return regexp.MustCompile(alt("told") + `を\s*$`),
		regexp.MustCompile(alt("from") + alt("received"))
}

// foundEventWords are the words of timeline/found_event.tsv: the nouns
// after what was found (こと, 事実), the verbs of real-time detection
// (検知), the endings that deny it happened (ない), the words of a
// state found after it began (状態), those that make a state one that
// arose (状態が発生), and the found verbs that date the finding (確認)
// with the endings of what they find going on (ている) or only possible
// (おそれがある).
type foundEventWords struct {
	nouns, told, detectVerbs, subjectVerbs, noticed, negated, arising, confirm, ongoing, possible []string
	attacks, attackConfirm                                                                        []string
	states                                                                                        text.WordList
}

func loadFoundEvent() foundEventWords {
	part := rules.MustParts(rules.Table("timeline/found_event.tsv", 2), []string{"noun", "told", "detect", "subject", "noticed", "negated", "state", "arising", "confirm", "ongoing", "possible", "attack", "attack_confirm"})
	return foundEventWords{attacks: part["attack"], attackConfirm: part["attack_confirm"], possible: part["possible"], nouns: part["noun"], told: part["told"], detectVerbs: part["detect"], subjectVerbs: part["subject"], noticed: part["noticed"], negated: part["negated"], states: text.NewWordList(part["state"]), arising: part["arising"], confirm: part["confirm"], ongoing: part["ongoing"]}
}

func loadIncidentSummary() (nouns, verbs, regret, unless []string) {
	part := rules.MustParts(rules.Table("timeline/incident_summary.tsv", 2), []string{"noun", "verb", "regret", "unless"})
	return part["noun"], part["verb"], part["regret"], part["unless"]
}

// announceWords are timeline/announce.tsv's parts.
var announceWords = rules.MustParts(rules.Table("timeline/announce.tsv", 2), []string{"topic", "ending", "quoted"})

// announceLastRunes are the last runes of announceWords' endings: a
// sentence that ends in none of them ends in no ending.
var announceLastRunes = text.NewRuneSet(text.LastRuneOfEach(announceWords["ending"]))

func loadClauseWords() map[string][]string {
	return rules.MustParts(rules.Table("timeline/clause_words.tsv", 2), []string{"boundary", "reported_content", "and_join", "tally", "scope", "share", "bound", "series", "period_start", "attributive", "passive_attributive", "plan", "during", "finished_item", "inquiry", "inquiry_result", "period_label", "registered", "routine", "subject", "topic"})
}

// incomingParts are the parts of timeline/incoming.tsv, each written once.
var incomingParts = []string{"told", "ending", "told_at_end", "addressed", "received", "quoted", "self", "first_report", "from", "addressee", "not_if"}

func parseIncoming(rows []rules.Row) (*regexp.Regexp, text.WordList, error) {
	part, err := rules.Parts(rows, incomingParts)
	if err != nil {
		return nil, text.WordList{}, err
	}
	alt := func(name string) string { return text.OrderedAlternation(part[name]) }
	from := alt("from")
	re := regexp.MustCompile(from + `[^、。]` + reach("incoming_reach") + alt("told") + `(?:` + alt("ending") + `|$)` +
		`|` + from + `[^、。]` + reach("incoming_reach") + alt("told_at_end") + `$` +
		// "決済代行会社より弊社に対し、…の疑念について第一報": addressed to us, then what was told.
		`|` + from + alt("self") + `?` + alt("addressee") + `、[^。]` + reach("addressed_reach") + alt("addressed") + `(?:` + alt("ending") + `|。?$)` +
		`|` + from + `[^、。]` + reach("incoming_reach") + alt("first_report"))
	nouns := text.Union(part["told"], part["told_at_end"], part["addressed"], part["first_report"])
	return re, text.NewWordList(nouns), nil
}

func loadScopeLabels() (topic, who []string) {
	for _, r := range rules.Table("timeline/scope_labels.tsv", 2) {
		switch r.Fields[0] {
		case "topic":
			topic = append(topic, r.Fields[1])
		case "whom":
			who = append(who, r.Fields[1])
		default:
			panic(fmt.Errorf("extract: %s: part %q is not one of topic, whom", r.Pos(), r.Fields[0]))
		}
	}
	if topic == nil || who == nil {
		panic(fmt.Errorf("extract: timeline/scope_labels.tsv: want topic and whom words"))
	}
	return topic, who
}

// sameDayWord is a word of timeline/same_day.tsv: a sentence holding it
// tells of the day of the sentence before, or days later; one opening
// with an opening word tells of the last date read, however far back.
type sameDayWord struct {
	word    string
	days    int
	opening bool
}

// noticeDay is a word of timeline/notice_days.tsv: a day counted from the
// notice's own date; with found, only in a sentence where a found_verbs.tsv
// verb follows the word (本日、…確認しました).
type noticeDay struct {
	word  string
	days  int
	found bool
}

func loadNoticeDays() []noticeDay {
	var out []noticeDay
	for _, r := range rules.Table("timeline/notice_days.tsv", 3) {
		v, err := r.Number(1, "days_before")
		if err != nil {
			panic(err)
		}
		found, err := r.Flag(2, "found")
		if err != nil {
			panic(err)
		}
		out = append(out, noticeDay{r.Fields[0], -int(v), found})
	}
	return out
}

// datesHere reports whether w, found at rest's start, dates its
// sentence: a found word only before a found_verbs.tsv verb.
func (w noticeDay) datesHere(rest string) bool {
	return !w.found || text.ContainsAny(rest, foundVerbs)
}

// sameDayWordList is the words of sameDayWords.
func sameDayWordList() []string {
	var ws []string
	for _, w := range sameDayWords {
		ws = append(ws, w.word)
	}
	return ws
}

// hasSameDayWord reports whether s holds a word of same_day.tsv, in one
// scan of s (sameDayIndex): most sentences hold none.
func hasSameDayWord(s string) bool { return sameDayIndex.In(s) != 0 }

func loadSameDay() []sameDayWord {
	var out []sameDayWord
	for _, r := range rules.Table("timeline/same_day.tsv", 3) {
		n, err := strconv.Atoi(r.Fields[1])
		if err != nil || n < 0 || n > 7 {
			panic(fmt.Errorf("extract: %s: days %q is not a number from 0 to 7", r.Pos(), r.Fields[1]))
		}
		if r.Fields[2] != "near" && r.Fields[2] != "opening" {
			panic(fmt.Errorf("extract: %s: reach %q is not one of near, opening", r.Pos(), r.Fields[2]))
		}
		out = append(out, sameDayWord{r.Fields[0], n, r.Fields[2] == "opening"})
	}
	return out
}
