package cause

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The cause's rules are read from rules/cause/ once, at start-up: the cues
// and their weights, the patterns, the words that weigh sentences, the
// masks, the thresholds and the tie-break order. rules/README.md says what
// each file and column means.

// causeOrder are the causes, in the order that wins ties; causeWinsAt is
// the score at which a cause wins outright, for those that have one.
var causeOrder, causeWinsAt = parseCauseOrder(rules.Table("cause/order.tsv", 2))

// parseCauseOrder reads order.tsv's rows; it panics on a bad one, naming
// the file, the line and the column.
func parseCauseOrder(rows []rules.Row) ([]string, map[string]float64) {
	var order []string
	winsAt := map[string]float64{}
	for _, r := range rows {
		if slices.Contains(order, r.Fields[0]) {
			panic(fmt.Errorf("rules: %s: cause %q is listed twice", r.Pos(), r.Fields[0]))
		}
		order = append(order, r.Fields[0])
		if r.Fields[1] != "-" {
			v, err := r.Number(1, "wins_at")
			rules.Must(err)
			winsAt[r.Fields[0]] = v
		}
	}
	return order, winsAt
}

// refinement is a line of refines.tsv, by cause index: when cause general
// wins, specific does instead once its body score reaches at.
type refinement struct {
	specific, general int
	at                float64
}

// causeRefinements are rules/cause/refines.tsv's lines.
var causeRefinements = parseCauseRefinements(rules.Table("cause/refines.tsv", 3), causeOrder)

// parseCauseRefinements reads refines.tsv's rows; it panics on a bad one,
// naming the file, the line and the column.
func parseCauseRefinements(rows []rules.Row, order []string) []refinement {
	var out []refinement
	for _, r := range rows {
		checkCauseColumn(r, 0, order)
		checkCauseColumn(r, 1, order)
		if r.Fields[0] == r.Fields[1] {
			panic(fmt.Errorf("rules: %s: cause %q refines itself", r.Pos(), r.Fields[0]))
		}
		at, err := r.Number(2, "at")
		rules.Must(err)
		out = append(out, refinement{slices.Index(order, r.Fields[0]), slices.Index(order, r.Fields[1]), at})
	}
	return out
}

// maxCauses bounds the causes of order.tsv: a notice's scores are an
// array of that many (tally), and the causes noted a bit set of 64.
const maxCauses = 32

// The causes by their index in causeOrder, as tally scores them: each
// cue's (parallel to causeCues, patternCues and lemmaCues), and the wins_at
// of each cause (NaN: none). lemmaBaseIDs number the lemma cues' base
// forms, the same for cues of one base.
var (
	causeCueIDs, patternCueIDs, lemmaCueIDs, lemmaBaseIDs = cueIDs()
	causeWinsAtByID                                       = winsAtByID()
	// The theft cue of a sentence that names data and no device is an
	// intrusion (tally.score's cueCause): -1 when order.tsv has no theft.
	theftID, unauthorizedAccessID = causeID("theft"), causeID("unauthorized_access")
)

// causeID is the index of cause c in causeOrder, -1 when it has none.
func causeID(c string) int { return slices.Index(causeOrder, c) }

func cueIDs() (surface, pattern, lemma, lemmaBase []int) {
	if len(causeOrder) > maxCauses {
		panic(fmt.Errorf("rules: cause/order.tsv lists %d causes, more than the %d the cause's scores have room for (maxCauses)", len(causeOrder), maxCauses))
	}
	for _, c := range causeCues {
		surface = append(surface, causeID(c.cause))
	}
	for _, c := range patternCues {
		pattern = append(pattern, causeID(c.cause))
	}
	bases := map[string]int{}
	for _, c := range lemmaCues {
		lemma = append(lemma, causeID(c.cause))
		if _, ok := bases[c.base]; !ok {
			bases[c.base] = len(bases)
		}
		lemmaBase = append(lemmaBase, bases[c.base])
	}
	if len(bases) > 64 {
		panic(fmt.Errorf("rules: cause/cues.tsv has %d lemma cues' base forms, more than 64", len(bases)))
	}
	return surface, pattern, lemma, lemmaBase
}

func winsAtByID() []float64 {
	out := make([]float64, len(causeOrder))
	for i, c := range causeOrder {
		out[i] = math.NaN()
		if at, ok := causeWinsAt[c]; ok {
			out[i] = at
		}
	}
	if causeID("theft") >= 0 && causeID("unauthorized_access") < 0 {
		panic(fmt.Errorf("rules: cause/order.tsv has theft but not unauthorized_access, which a theft of data is"))
	}
	return out
}

// causeWeightSet are the numbers of rules/cause/weights.tsv.
type causeWeightSet struct {
	title, sentence, causeWord, statement, speculative, response float64
	minScore, overlapWeight, lemmaMinSentence                    float64
	consequenceGap, errorActGap                                  int
	titleYield                                                   float64
}

// causeWeights are rules/cause/weights.tsv's numbers.
var causeWeights = parseCauseWeights(rules.Table("cause/weights.tsv", 3))

// parseCauseWeights reads weights.tsv's rows: each weight once, none
// missing, no other.
func parseCauseWeights(rows []rules.Row) causeWeightSet {
	byName := map[string]float64{}
	for _, r := range rows {
		v, err := r.Number(1, "value")
		rules.Must(err)
		if _, dup := byName[r.Fields[0]]; dup {
			panic(fmt.Errorf("rules: %s: %q is listed twice", r.Pos(), r.Fields[0]))
		}
		byName[r.Fields[0]] = v
	}
	get := func(name string) float64 {
		v, ok := byName[name]
		if !ok {
			panic(fmt.Errorf("rules: cause/weights.tsv: no line for %q", name))
		}
		delete(byName, name)
		return v
	}
	w := causeWeightSet{get("title"), get("sentence"), get("cause_word"), get("statement"), get("speculative"), get("response"),
		get("min_score"), get("overlap_weight"), get("lemma_min_sentence"), int(get("consequence_gap")), int(get("error_act_gap")),
		get("title_yield")}
	for name := range byName {
		panic(fmt.Errorf("rules: cause/weights.tsv: %q is no weight the cause reads", name))
	}
	return w
}

// checkCauseColumn checks that column col of r names a cause of order.tsv.
func checkCauseColumn(r rules.Row, col int, order []string) {
	rules.Must(r.CheckOneOf(col, "cause", order...))
}

// causeCue is a phrase that states a cause, with its weight.
type causeCue struct {
	cause  string
	phrase string
	weight float64
}

// lemmaCue is a verb that states a cause, matched on the tokenizer's base
// forms, so that 盗まれました, 盗んだ and 盗られた, or 紛失いたしました and
// 無くした, are one cue each.
type lemmaCue struct {
	cause, base string
	weight      float64
}

// causeCues are the surface cues in the file's order, which is the order
// they take text in; lemmaCues the verbs.
var causeCues, lemmaCues = parseCauseCues(rules.Table("cause/cues.tsv", 4), causeOrder)

// parseCauseCues reads cues.tsv's rows, whose causes are of order.
func parseCauseCues(rows []rules.Row, order []string) ([]causeCue, []lemmaCue) {
	var surface []causeCue
	var lemma []lemmaCue
	for _, r := range rows {
		checkCauseColumn(r, 1, order)
		w, err := r.Number(2, "weight")
		rules.Must(err)
		rules.Must(r.CheckOneOf(3, "match", "surface", "lemma"))
		if r.Fields[3] == "lemma" {
			lemma = append(lemma, lemmaCue{cause: r.Fields[1], base: r.Fields[0], weight: w})
		} else {
			surface = append(surface, causeCue{cause: r.Fields[1], phrase: r.Fields[0], weight: w})
		}
	}
	return surface, lemma
}

// patternCue states a cause with words apart: 「誤って…を送信」. need are
// the words every match holds, one of each group, so that the pattern runs
// only on the sentences that hold them.
type patternCue struct {
	cause  string
	re     *regexp.Regexp
	weight float64
	need   [][]string
}

var patternCues = append(parseCausePatterns(rules.Table("cause/patterns.tsv", 4), causeOrder),
	errorActCues(rules.Table("cause/error_markers.tsv", 2), rules.Table("cause/error_acts.tsv", 3), causeOrder, causeWeights.errorActGap)...)

// errorActCues builds the cues of an act done in error from two lists
// instead of a list of every compound: markers (error_markers.tsv) glued to
// an act's noun (誤 + 送付, 発送, 投函, 公開 …) or standing apart before its
// verb (誤って … 投函, within gap characters of the sentence) or right
// after it (添付してしまい: the regret of a mistake), and acts
// (error_acts.tsv) with the cause and weight an act done in error states.
// It makes one pattern for each join and each cause and weight, so that a
// sentence counts each once however many of its acts it holds.
func errorActCues(markers, acts []rules.Row, order []string, gap int) []patternCue {
	byJoin := map[string][]string{}
	for _, r := range markers {
		rules.Must(r.CheckOneOf(1, "join", "glued", "apart", "after"))
		if slices.Contains(byJoin[r.Fields[1]], r.Fields[0]) {
			panic(fmt.Errorf("rules: %s: marker %q is listed twice", r.Pos(), r.Fields[0]))
		}
		byJoin[r.Fields[1]] = append(byJoin[r.Fields[1]], r.Fields[0])
	}
	type group struct {
		cause  string
		weight float64
	}
	var groups []group
	words := map[group][]string{}
	seen := map[string]bool{}
	for _, r := range acts {
		checkCauseColumn(r, 1, order)
		w, err := r.Number(2, "weight")
		rules.Must(err)
		if seen[r.Fields[0]] {
			panic(fmt.Errorf("rules: %s: act %q is listed twice", r.Pos(), r.Fields[0]))
		}
		seen[r.Fields[0]] = true
		g := group{r.Fields[1], w}
		if words[g] == nil {
			groups = append(groups, g)
		}
		words[g] = append(words[g], r.Fields[0])
	}
	var out []patternCue
	for _, join := range []string{"glued", "apart", "after"} {
		if len(byJoin[join]) == 0 {
			continue
		}
		for _, g := range groups {
			var re *regexp.Regexp
			switch join {
			case "glued":
				re = regexp.MustCompile(text.Alternation(byJoin[join]) + text.Alternation(words[g]))
			case "apart":
				// A 。 closing a bracketed definition (「(以下「事業所B」という。)」)
				// ends no sentence: 誤って別の事業所(以下…という。)の…書類を交付.
				re = regexp.MustCompile(text.Alternation(byJoin[join]) + fmt.Sprintf("(?:[^。]|。[)]){0,%d}?", gap) + text.Alternation(words[g]))
			case "after":
				// The act's noun may go on for two kanji (送 of 送付し
				// てしまい) before the regret that follows it.
				re = regexp.MustCompile(text.Alternation(words[g]) + `\p{Han}{0,2}` + text.Alternation(byJoin[join]))
			}
			out = append(out, patternCue{cause: g.cause, re: re, weight: g.weight, need: [][]string{byJoin[join], words[g]}})
		}
	}
	return out
}

// parseCausePatterns reads patterns.tsv's rows, whose causes are of order.
func parseCausePatterns(rows []rules.Row, order []string) []patternCue {
	var out []patternCue
	for _, r := range rows {
		checkCauseColumn(r, 0, order)
		w, err := r.Number(1, "weight")
		rules.Must(err)
		var need [][]string
		for _, g := range strings.Split(r.Fields[2], ";") {
			words := strings.Split(g, "|")
			if slices.Contains(words, "") {
				panic(fmt.Errorf("rules: %s: need %q has an empty word", r.Pos(), r.Fields[2]))
			}
			need = append(need, words)
		}
		re, err := regexp.Compile(r.Fields[3])
		if err != nil {
			panic(fmt.Errorf("rules: %s: pattern: %v", r.Pos(), err))
		}
		out = append(out, patternCue{cause: r.Fields[0], re: re, weight: w, need: need})
	}
	return out
}

var (
	causeSentenceRoles = text.WordsByRole(rules.Table("cause/sentence_words.tsv", 2), "role", "cause", "statement", "speculative", "not_speculative", "gloss", "announce", "finding")
	// causeWords make a sentence one that states a cause.
	causeWords = causeSentenceRoles["cause"]
	// causeStatements make a sentence one that states the cause outright.
	causeStatements = causeSentenceRoles["statement"]
	// speculative phrases make a sentence about a possibility being
	// checked, which states no cause: 「不正アクセスの有無を調査中」.
	speculative = causeSentenceRoles["speculative"]
	// notSpeculative phrases hold a speculative word and speculate
	// nothing (対策本部): blanked before a sentence is read for one.
	notSpeculative        = causeSentenceRoles["not_speculative"]
	notSpeculativeBlanker = blanker(notSpeculative)
	// glossMarks open a note that explains a word (「※フォレンジック調査:
	// 不正アクセスやランサムウェアの…」): the causes it names are examples.
	glossMarks = causeSentenceRoles["gloss"]
	// announceTails end a sentence that told what happened and only
	// announces it after: 「…発生しましたので、お知らせいたします」.
	announceTails = causeSentenceRoles["announce"]
	// findingOpeners open the clause that tells what an inquiry found:
	// the speculative words before one are read after it only.
	findingOpeners = causeSentenceRoles["finding"]

	causeHeadingRoles = text.WordsByRole(rules.Table("cause/headings.tsv", 2), "role", "cause", "statement", "response", "not_response")
	// responseHeadings head the parts of a notice about what was done or
	// will be done, not about what happened.
	responseHeadings = causeHeadingRoles["response"]

	causeMaskParts = text.WordsByRole(rules.Table("cause/masks.tsv", 2), "role", "attack", "object", "end", "listed_in", "not_cause", "denial", "not_denial")
	// consequenceWords open every match of consequenceRE, and
	// consequenceEnds end it.
	consequenceWords = causeMaskParts["attack"]
	consequenceEnds  = causeMaskParts["end"]
	// consequenceRE finds attack words used for what an intruder did with
	// the organization's systems, not for how it got in: an account taken
	// over sent 「フィッシングメールの送信」, and 「ニセ電話詐欺被害」 is the
	// subject of a police file, not its cause.
	consequenceRE = regexp.MustCompile(text.Alternation(consequenceWords) + text.Alternation(causeMaskParts["object"]) + "?" +
		fmt.Sprintf("[^。、]{0,%d}", causeWeights.consequenceGap) + text.Alternation(consequenceEnds))
	// listedIn are entries in a list or a register, which 掲載 also says,
	// and the phrases that hold a cue and name no cause (not_cause: a
	// disease, 新型コロナウイルス感染症): blanked alike before cues are read.
	listedIn = text.Union(causeMaskParts["listed_in"], causeMaskParts["not_cause"])
	// causeDenials deny what their clause says: 「…によるものではなく」.
	causeDenials = causeMaskParts["denial"]
	// causeNotDenials hold a denial and deny nothing: 「…だけではなく」.
	causeNotDenials = causeMaskParts["not_denial"]

	causeTheftItems = text.WordsByRole(rules.Table("cause/theft_items.tsv", 2), "role", "data", "physical")
	// dataWords name data, not a device or papers.
	dataWords = causeTheftItems["data"]
	// physicalItems are things a thief carries away.
	physicalItems = causeTheftItems["physical"]

	// lemmaStems are what the lemma cues' conjugated forms hold: a token
	// whose base form is a lemma cue's has one in its surface
	// (TestLemmaStems reads them from the dictionary).
	lemmaStems = rules.Words("cause/lemma_stems.tsv")
)

// glossTermRunes is the longest term a gloss explains: a note mark, the
// term, then a colon.
const glossTermRunes = 20

// isGloss reports whether sentence s is a note that explains a word: it
// opens with a mark of glossMarks and names a term of at most
// glossTermRunes runes, with no 、 or 。, before a colon. A term that is a
// cause word (「※原因:…」) makes a statement, not a gloss.
func isGloss(s string) bool {
	s = strings.TrimLeft(s, " \t")
	for _, m := range glossMarks {
		rest, ok := strings.CutPrefix(s, m)
		if !ok {
			continue
		}
		for n, r := range []rune(rest) {
			switch {
			case n > glossTermRunes || r == '、' || r == '。':
				return false
			case (r == ':' || r == '：') && n > 0:
				term, _, _ := strings.Cut(rest, string(r))
				return !text.ContainsAny(term, causeWords)
			}
		}
		return false
	}
	return false
}

// Known reports whether c is one of the causes of cause/order.tsv.
func Known(c string) bool { return slices.Contains(causeOrder, c) }

// blanker replaces each of words with as many ideographic spaces as it
// has runes, so what stands around it keeps its place.
func blanker(words []string) *strings.Replacer {
	var pairs []string
	for _, w := range words {
		pairs = append(pairs, w, strings.Repeat("　", utf8.RuneCountInString(w)))
	}
	return strings.NewReplacer(pairs...)
}
