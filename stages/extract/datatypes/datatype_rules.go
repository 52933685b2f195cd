package datatypes

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
)

// The data-type extractor's word lists and thresholds, read once from
// rules/datatypes/ (rules/README.md says what each file means). A file that
// does not validate panics at start-up naming its file, line and column;
// the tests of this package load them all, so such a panic is a rule file
// that a test would have caught.

// dataTypesDir is the folder of the data-type rule files in rules/.
const dataTypesDir = "datatypes/"

// dataTerm is a word that names a data type. Short terms (組, 姓, ID) name
// it only as an item of a list, between joiners.
type dataTerm struct {
	word, kind string // kind "" names no type: 住所録
	delimited  bool
	also       string // a second type the word names: 保護者の氏名 is a name too
	// addressee follow an address word and make it the people there:
	// 「お届け先の個人情報」 (addressee_after.tsv).
	addressee []string
	// retypeWords in the sentence make the word name retypeKind: a bare ID
	// of a patient is their number (retype.tsv).
	retypeWords []string
	retypeKind  string
	// needWords: when set, the word names its type only with one of them
	// near it (term_needs_window): a 写真 of people, not of a building.
	needWords []string
}

var (
	dataTerms   = mustRules(withSentenceNeeds(mustRules(parseDataTerms(rules.Table(dataTypesDir+"data_terms.tsv", 4), rules.Table(dataTypesDir+"addressee_after.tsv", 2), rules.Table(dataTypesDir+"retype.tsv", 3))), rules.Table(dataTypesDir+"term_needs.tsv", 2)))
	usageAfter  = rules.Words(dataTypesDir + "usage_after.tsv")
	usageBefore = rules.Words(dataTypesDir + "usage_before.tsv")
	// anaphora point back to a term of the sentence before (そのパスワード).
	anaphora  = rules.Words(dataTypesDir + "anaphora.tsv")
	negations = rules.Words(dataTypesDir + "negations.tsv")
	// negationContrasts end a negated clause and open one that is not.
	negationContrasts = rules.Words(dataTypesDir + "negation_contrast.tsv")
	heldNot           = rules.Words(dataTypesDir + "held_not.tsv")
	requests          = rules.Words(dataTypesDir + "requests.tsv")
	spoofMails        = rules.Words(dataTypesDir + "spoof_mails.tsv")
	// responseHeadings head what was or will be done: their list items
	// are measures, not the data that leaked.
	responseHeadings = rules.Words(dataTypesDir + "response_headings.tsv")
	// profileHeadings head a person's profile (該当職員): its list items
	// name no leaked data.
	profileHeadings = rules.Words(dataTypesDir + "profile_headings.tsv")
	contactLabels   = mustRules(parseContactLabels(rules.Words(dataTypesDir + "contact_labels.tsv")))

	// leakWords are the 漏えい family with where each counts.
	leakWordsByUse = mustRules(parseLeakWords(rules.Table(dataTypesDir+"leak_words.tsv", 2)))
	requestLeaks   = leakWordsWith("request")
	spoofLeaks     = leakWordsWith("spoof")
	headingLeaks   = leakWordsWith("heading")
	// leakContext are the words that make a sentence or a heading about
	// the data that leaked or could be seen.
	leakContext = mustRules(joinLists(dataTypesDir, leakWordsWith("context"), "leak_context.tsv", rules.Words(dataTypesDir+"leak_context.tsv")))

	joiners         = mustRules(parseListJoiners(rules.Table(dataTypesDir+"list_joiners.tsv", 2)))
	negatedListCues = mustRules(parseNegatedListCues(rules.Table(dataTypesDir+"negated_list_cues.tsv", 2)))
	negationScopes  = mustRules(parseNegationScope(rules.Table(dataTypesDir+"negation_scope.tsv", 2)))
	// otherPeople name those whose data did not leak: a negation about
	// them denies no type of the leak.
	otherPeople = rules.Words(dataTypesDir + "other_people.tsv")
	// exampleMarks end what an exclusion keeps (example_marks.tsv).
	exampleMarks      = rules.Words(dataTypesDir + "example_marks.tsv")
	nounNegations     = rules.MustParts(rules.Table(dataTypesDir+"noun_negations.tsv", 2), []string{"negation", "particle"})
	denials           = mustRules(parseDenials(rules.Table(dataTypesDir+"consequence_denials.tsv", 2)))
	termListSeparator = rules.Words(dataTypesDir + "term_list_separators.tsv")
	dataTypeWeights   = mustRules(parseDataTypeWeights(rules.Table(dataTypesDir+"weights.tsv", 3)))
	// productiveSuffixes name the type of a list item by its last word.
	productiveSuffixes = mustRules(parseProductiveSuffixes(rules.Table(dataTypesDir+"productive_suffixes.tsv", 4)))
)

// productiveSuffix is a line of productive_suffixes.tsv.
type productiveSuffix struct {
	suffix, kind string
	longest      int    // runes of the whole item, suffix included
	stem         string // stemAny or stemKatakana: the script of the item before the suffix
}

const (
	stemAny      = "any"
	stemKatakana = "katakana"
)

// parseProductiveSuffixes reads productive_suffixes.tsv: suffix, type,
// longest (a whole number of runes, more than the suffix's), stem.
func parseProductiveSuffixes(rows []rules.Row) ([]productiveSuffix, error) {
	var out []productiveSuffix
	for _, r := range rows {
		if !isDataType(r.Fields[1]) {
			return nil, ruleError(r, "type", "%q is not a data type", r.Fields[1])
		}
		if st := r.Fields[3]; st != stemAny && st != stemKatakana {
			return nil, ruleError(r, "stem", "%q is not %s or %s", st, stemAny, stemKatakana)
		}
		n, err := r.Number(2, "longest")
		if err != nil {
			return nil, err
		}
		if n != float64(int(n)) || int(n) <= utf8.RuneCountInString(r.Fields[0]) {
			return nil, ruleError(r, "longest", "%q is not a whole number greater than the suffix's length", r.Fields[2])
		}
		out = append(out, productiveSuffix{r.Fields[0], r.Fields[1], int(n), r.Fields[3]})
	}
	return out, nil
}

// withSentenceNeeds reads term_needs.tsv (term, sentence_word) into the
// terms' needWords.
func withSentenceNeeds(terms []dataTerm, rows []rules.Row) ([]dataTerm, error) {
	for _, r := range rows {
		i := slices.IndexFunc(terms, func(t dataTerm) bool { return t.word == r.Fields[0] })
		if i < 0 {
			return nil, ruleError(r, "term", "%q is not a word of data_terms.tsv", r.Fields[0])
		}
		terms[i].needWords = append(terms[i].needWords, r.Fields[1])
	}
	return terms, nil
}

func mustRules[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// ruleError names the file, the line and the column of a bad value.
func ruleError(r rules.Row, column, format string, args ...any) error {
	return fmt.Errorf("rules: %s: %s: %s", r.Pos(), column, fmt.Sprintf(format, args...))
}

func isDataType(v string) bool { return slices.Contains(schemas.DataTypes, v) }

// parseDataTerms reads data_terms.tsv (word, type, match, also) with the
// addressee and retype rules of its words, longest words first.
func parseDataTerms(rows, addressee, retype []rules.Row) ([]dataTerm, error) {
	var terms []dataTerm
	seen := map[string]string{}
	for _, r := range rows {
		f := r.Fields
		if first, dup := seen[f[0]]; dup {
			return nil, ruleError(r, "word", "%q is already on %s", f[0], first)
		}
		seen[f[0]] = r.Pos()
		t := dataTerm{word: f[0], kind: f[1], delimited: f[2] == "delimited", also: f[3]}
		switch {
		case t.kind == "none":
			t.kind = ""
		case !isDataType(t.kind):
			return nil, ruleError(r, "type", "%q is not a data type (schemas.DataTypes) or none", f[1])
		}
		if f[2] != "anywhere" && f[2] != "delimited" {
			return nil, ruleError(r, "match", "%q is not anywhere or delimited", f[2])
		}
		switch {
		case t.also == "-":
			t.also = ""
		case !isDataType(t.also):
			return nil, ruleError(r, "also", "%q is not a data type (schemas.DataTypes) or -", f[3])
		}
		terms = append(terms, t)
	}
	// PDF text and the normalizer keep a space between kana or kanji and
	// Latin: 「車載機 ID」 is 車載機ID, not a bare ID. (Only the words
	// that name a type anywhere: 管理者 ID is not taken as none.)
	for _, t := range terms {
		if t.kind == "" || t.delimited {
			continue
		}
		if w, ok := strings.CutSuffix(t.word, "ID"); ok && w != "" && !strings.HasSuffix(w, " ") && w[len(w)-1] >= utf8.RuneSelf {
			t.word = w + " ID"
			if _, dup := seen[t.word]; !dup {
				seen[t.word] = "(spaced)"
				terms = append(terms, t)
			}
		}
	}
	for _, r := range addressee {
		ending, following := r.Fields[0], r.Fields[1]
		matched := false
		for i := range terms {
			if terms[i].kind == "address" && strings.HasSuffix(terms[i].word, ending) {
				terms[i].addressee = append(terms[i].addressee, following)
				matched = true
			}
		}
		if !matched {
			return nil, ruleError(r, "term_ending", "no address term of data_terms.tsv ends with %q", ending)
		}
	}
	for _, r := range retype {
		word, kind := r.Fields[0], r.Fields[2]
		if !isDataType(kind) {
			return nil, ruleError(r, "type", "%q is not a data type (schemas.DataTypes)", kind)
		}
		i := slices.IndexFunc(terms, func(t dataTerm) bool { return t.word == word })
		if i < 0 {
			return nil, ruleError(r, "term", "%q is not a word of data_terms.tsv", word)
		}
		if terms[i].retypeKind != "" && terms[i].retypeKind != kind {
			return nil, ruleError(r, "type", "%q retypes %s to %s on an earlier line", word, word, terms[i].retypeKind)
		}
		terms[i].retypeWords = append(terms[i].retypeWords, r.Fields[1])
		terms[i].retypeKind = kind
	}
	// Longest first, so メールアドレス is taken before アドレス and
	// カード名義 before 名義.
	sort.Slice(terms, func(i, j int) bool {
		if len(terms[i].word) != len(terms[j].word) {
			return len(terms[i].word) > len(terms[j].word)
		}
		return terms[i].word < terms[j].word
	})
	return terms, nil
}

// dataTermIndex finds dataTerms' words: a hit's Word is the term's index.
var dataTermIndex = wordscan.New(dataTermWords())

// dataTermWords are the words of dataTerms, in their order.
func dataTermWords() []string {
	words := make([]string, len(dataTerms))
	for i, t := range dataTerms {
		words[i] = t.word
	}
	return words
}

// parseContactLabels reads contact_labels.tsv: data types.
func parseContactLabels(kinds []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, k := range kinds {
		if !isDataType(k) {
			return nil, fmt.Errorf("rules: %scontact_labels.tsv: %q is not a data type (schemas.DataTypes)", dataTypesDir, k)
		}
		out[k] = true
	}
	return out, nil
}

// leakWordUses are the values of leak_words.tsv's uses column.
var leakWordUses = []string{"context", "request", "spoof", "heading"}

// parseLeakWords reads leak_words.tsv: word, uses.
func parseLeakWords(rows []rules.Row) (map[string][]string, error) {
	out := map[string][]string{}
	seen := map[string]string{}
	for _, r := range rows {
		w := r.Fields[0]
		if first, dup := seen[w]; dup {
			return nil, ruleError(r, "word", "%q is already on %s", w, first)
		}
		seen[w] = r.Pos()
		for _, u := range strings.Split(r.Fields[1], ",") {
			if !slices.Contains(leakWordUses, u) {
				return nil, ruleError(r, "uses", "%q is not one of %s", u, strings.Join(leakWordUses, ", "))
			}
			if slices.Contains(out[u], w) {
				return nil, ruleError(r, "uses", "%q twice", u)
			}
			out[u] = append(out[u], w)
		}
	}
	return out, nil
}

// leakWordsWith returns the leak words (leak_words.tsv) marked with use, in
// file order: the one list of the 漏えい family for whoever needs it.
func leakWordsWith(use string) []string {
	if !slices.Contains(leakWordUses, use) {
		panic(fmt.Sprintf("leakWordsWith(%q): not a use of %sleak_words.tsv", use, dataTypesDir))
	}
	return leakWordsByUse[use]
}

// joinLists adds the words of a second file to a list, refusing a word in
// both.
func joinLists(dir string, list []string, file string, more []string) ([]string, error) {
	out := slices.Clone(list)
	for _, w := range more {
		if slices.Contains(out, w) {
			return nil, fmt.Errorf("rules: %s%s: %q is in leak_words.tsv too", dir, file, w)
		}
		out = append(out, w)
	}
	return out, nil
}

// listJoiners are what may stand between the items of a list
// (list_joiners.tsv): a rune next to a term, or a word ending right before
// it or starting right after it.
type listJoiners struct {
	runesBefore, runesAfter string
	wordsBefore, wordsAfter []string
}

// layoutJoiners are the white space that separates list items too, which a
// rule file cannot hold.
const layoutJoiners = " \n"

// parseListJoiners reads list_joiners.tsv: joiner, side.
func parseListJoiners(rows []rules.Row) (listJoiners, error) {
	j := listJoiners{runesBefore: layoutJoiners, runesAfter: layoutJoiners}
	for _, r := range rows {
		w, side := r.Fields[0], r.Fields[1]
		if side != "both" && side != "after" {
			return listJoiners{}, ruleError(r, "side", "%q is not both or after", side)
		}
		if utf8.RuneCountInString(w) == 1 {
			if side == "both" {
				j.runesBefore += w
			}
			j.runesAfter += w
			continue
		}
		if side == "both" {
			j.wordsBefore = append(j.wordsBefore, w)
		}
		j.wordsAfter = append(j.wordsAfter, w)
	}
	return j, nil
}

// negatedListCueSet are the cues of a negated sentence that negates the
// list under it (negated_list_cues.tsv).
type negatedListCueSet struct {
	contains, ends []string
}

func parseNegatedListCues(rows []rules.Row) (negatedListCueSet, error) {
	var c negatedListCueSet
	for _, r := range rows {
		switch r.Fields[1] {
		case "contains":
			c.contains = append(c.contains, r.Fields[0])
		case "ends":
			c.ends = append(c.ends, r.Fields[0])
		default:
			return c, ruleError(r, "where", "%q is not contains or ends", r.Fields[1])
		}
	}
	if len(c.contains) == 0 {
		return c, fmt.Errorf("rules: %snegated_list_cues.tsv: no cue where contains", dataTypesDir)
	}
	return c, nil
}

// negationScopeMarks start the clause a negation ends
// (negation_scope.tsv); after a keepHead mark the types before it still
// count, after an exclusion mark those after its last example mark.
type negationScopeMarks struct {
	all, keepHead, exclusion []string
}

func parseNegationScope(rows []rules.Row) (negationScopeMarks, error) {
	var m negationScopeMarks
	for _, r := range rows {
		switch r.Fields[1] {
		case "yes":
			m.keepHead = append(m.keepHead, r.Fields[0])
		case "exclusion":
			m.keepHead = append(m.keepHead, r.Fields[0])
			m.exclusion = append(m.exclusion, r.Fields[0])
		case "no":
		default:
			return m, ruleError(r, "keeps_head", "%q is not yes, no or exclusion", r.Fields[1])
		}
		m.all = append(m.all, r.Fields[0])
	}
	return m, nil
}

// consequenceDenials cut the phrases that deny a consequence
// (consequence_denials.tsv).
type consequenceDenials struct {
	phrases []string
	cut     *strings.Replacer
}

func parseDenials(rows []rules.Row) (consequenceDenials, error) {
	var d consequenceDenials
	var pairs []string
	for _, r := range rows {
		if !strings.HasPrefix(r.Fields[0], r.Fields[1]) {
			return d, ruleError(r, "cut_to", "%q does not start %q", r.Fields[1], r.Fields[0])
		}
		d.phrases = append(d.phrases, r.Fields[0])
		pairs = append(pairs, r.Fields[0], r.Fields[1])
	}
	d.cut = strings.NewReplacer(pairs...)
	return d, nil
}

// dataTypeThresholds are the numbers of weights.tsv.
type dataTypeThresholds struct {
	termListMinTypes, termListMinSeparators int
	listContextLookback, listContextMaxLine int
	contactMinDigits                        int
	termNeedsWindow                         int
}

func parseDataTypeWeights(rows []rules.Row) (dataTypeThresholds, error) {
	var w dataTypeThresholds
	fields := map[string]*int{
		"term_list_min_types":      &w.termListMinTypes,
		"term_list_min_separators": &w.termListMinSeparators,
		"list_context_lookback":    &w.listContextLookback,
		"list_context_max_line":    &w.listContextMaxLine,
		"contact_min_digits":       &w.contactMinDigits,
		"term_needs_window":        &w.termNeedsWindow,
	}
	set := map[string]bool{}
	for _, r := range rows {
		p, ok := fields[r.Fields[0]]
		if !ok {
			return w, ruleError(r, "name", "%q is not a threshold the code reads", r.Fields[0])
		}
		if set[r.Fields[0]] {
			return w, ruleError(r, "name", "%q twice", r.Fields[0])
		}
		n, err := strconv.Atoi(r.Fields[1])
		if err != nil || n < 0 {
			return w, ruleError(r, "value", "%q is not a whole number", r.Fields[1])
		}
		*p, set[r.Fields[0]] = n, true
	}
	for name := range fields {
		if !set[name] {
			return w, fmt.Errorf("rules: %sweights.tsv: no line for %q", dataTypesDir, name)
		}
	}
	return w, nil
}
