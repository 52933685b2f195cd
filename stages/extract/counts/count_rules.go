package counts

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The counts' rules are read from rules/count/ once, at start-up: units,
// qualifiers (約, 以上, 合計), the filters that tell a count of people or
// records from one of staff, letters or servers, the labels of bare counts
// and the windows the filters look through. rules/README.md says what each
// file and column means.

// Unit kinds (rules/count/units.tsv) that the filters tell apart.
const (
	unitPerson      = "person"
	unitPersonShare = "person_share"
	unitRecord      = "record"
	unitRecordShare = "record_share"
	unitAccount     = "account"
	unitHousehold   = "household"
	unitUser        = "user"
	unitParty       = "party"
	unitLetter      = "letter"
	unitCard        = "card"
)

// countUnits are the units, longest first (人分 before 人), and
// countUnitKind their kinds.
var countUnits, countUnitKind = parseCountUnits(rules.Table("count/units.tsv", 2))

// parseCountUnits reads units.tsv's rows; it panics on a bad one, naming
// the file, the line and the column.
func parseCountUnits(rows []rules.Row) ([]string, map[string]string) {
	kind := map[string]string{}
	var units []string
	for _, r := range rows {
		rules.Must(r.CheckOneOf(1, "kind", unitPerson, unitPersonShare, unitRecord, unitRecordShare, unitAccount, unitHousehold, unitUser, unitParty, unitLetter, unitCard))
		if _, dup := kind[r.Fields[0]]; dup {
			panic(fmt.Errorf("rules: %s: unit %q is listed twice", r.Pos(), r.Fields[0]))
		}
		kind[r.Fields[0]] = r.Fields[1]
		units = append(units, r.Fields[0])
	}
	return text.LongestFirst(units), kind
}

// Qualifier meanings (rules/count/qualifiers.tsv).
const (
	qualApprox = "approx"
	qualTotal  = "total"
	qualExact  = "exact"
)

// countPrefixes are the qualifiers before a number and countSuffixes
// those after its unit, longest first (最大で before 最大);
// countQualifier is what each means.
var countPrefixes, countSuffixes, countQualifier = parseCountQualifiers(rules.Table("count/qualifiers.tsv", 3))

// parseCountQualifiers reads qualifiers.tsv's rows.
func parseCountQualifiers(rows []rules.Row) ([]string, []string, map[string]string) {
	var before, after []string
	means := map[[2]string]string{}
	byWord := map[string]string{}
	for _, r := range rows {
		rules.Must(r.CheckOneOf(1, "place", "before", "after"))
		rules.Must(r.CheckOneOf(2, "means", qualApprox, qualTotal, qualExact))
		w, place := r.Fields[0], r.Fields[1]
		if _, dup := means[[2]string{w, place}]; dup {
			panic(fmt.Errorf("rules: %s: %q is listed twice %s", r.Pos(), w, place))
		}
		if m, ok := byWord[w]; ok && m != r.Fields[2] {
			panic(fmt.Errorf("rules: %s: %q means %s before and %s after; one meaning a word", r.Pos(), w, m, r.Fields[2]))
		}
		means[[2]string{w, place}], byWord[w] = r.Fields[2], r.Fields[2]
		if place == "before" {
			before = append(before, w)
		} else {
			after = append(after, w)
		}
	}
	if len(before) == 0 || len(after) == 0 {
		panic(fmt.Errorf("rules: count/qualifiers.tsv: want words before and after"))
	}
	return text.LongestFirst(before), text.LongestFirst(after), byWord
}

// countUnitStarts and countPrefixStarts are the first runes of the units
// and of the qualifiers before a number: the scanners' quick checks.
var countUnitStarts, countPrefixStarts = startRunes(countUnits), startRunes(countPrefixes)

// countFilters are rules/count/filters.tsv's words, by filter.
var countFilters = text.WordsByRole(rules.Table("count/filters.tsv", 2), "filter", countFilterNames...)

// countFilterNames are the filters of filters.tsv that the counts read.
var countFilterNames = []string{"not_people_before", "data_before", "not_people_after", "address", "inquiry_heads",
	"phrase_ends", "acting_after", "actors_before", "actor_particles", "party_people", "person_suffix", "name_field", "share_data", "total_before", "total_after",
	"part", "ordinal_after", "ratio_after", "compared_after", "clause_particles", "joined", "not_joined", "leak", "strong_leak",
	"discipline", "source_particles", "report_words", "checkers_after", "addressee_after", "addressee_exposed", "recipients_after", "sent_before", "mailed_after", "whole_after", "wrong_sending", "actor_things",
	"broken_into", "attempts", "documents_before", "population_after", "source_after", "contrast_after", "viewers_after", "leak_verbs",
	"one_person", "one_person_target", "item_mark", "whole_group", "respective_after", "misdelivery", "sent_items", "no_data", "access_from",
	"letter_title", "letter_role_before", "letter_alongside", "letter_not_leaked", "letter_data_breaks", "letter_joiners", "letter_data", "letter_destination", "letter_checked", "letter_unrealized", "letter_response", "data_field", "joined_field", "disjoint", "superseded_after", "vague_magnitude", "card_before", "succeeded_part", "grade", "documents_lost", "correction_before", "correction_after", "contents_after", "envelope", "name_after", "part_holds", "personal_data", "annotation"}

var (
	// notPeopleBefore are nouns that, just before a number, say what is
	// counted is not a person or a record of one.
	notPeopleBefore = countFilters["not_people_before"]
	// actingAfter, just after a count, say the people counted did
	// something (logged in), not that their data leaked.
	actingAfter = countFilters["acting_after"]
	// strongLeakWords say data leaked or could be seen (the timeline reads
	// them too).
	strongLeakWords = countFilters["strong_leak"]
	// nameAfter, right after a count's unit, make the number part of a
	// name: 「まちづくり1000人会」 is a club, no count.
	nameAfter = countFilters["name_after"]
	// notPeopleAfter are nouns right after "N件の" that say the same.
	notPeopleAfter = countFilters["not_people_after"]
	// actorsBefore are the people who did or saw something, not whose
	// data leaked: "担当者2名が閲覧", "従事者1名が持ち出し".
	actorsBefore = countFilters["actors_before"]
	// leakWords make a sentence about whose data leaked.
	leakWords = countFilters["leak"]
)

// countWindowSet are the numbers of rules/count/windows.tsv.
type countWindowSet struct {
	before, dataBefore, actorsBefore, totalBefore, actingAfter, headPhrase, itemLine, joinedBetween, joinedFieldsBetween, listItems, reporterPhrase, brokenIntoBefore, titleSentences, letterDataReach, letterRole, recipientsReach, personNoun, bracketQualifier, viewersAside, populationAside, actorAside, roundedPlace, totalAfter, respectiveAfter, correctionRows int
}

// countWindows are rules/count/windows.tsv's numbers.
var countWindows = parseCountWindows(rules.Table("count/windows.tsv", 3))

// parseCountWindows reads windows.tsv's rows: each a whole number of 1 or
// more, none missing, no other.
func parseCountWindows(rows []rules.Row) countWindowSet {
	byName := map[string]int{}
	for _, r := range rows {
		v, err := r.Number(1, "value")
		if err != nil {
			panic(err)
		}
		if v != float64(int(v)) || v < 1 {
			panic(fmt.Errorf("rules: %s: value %q is not a whole number of 1 or more", r.Pos(), r.Fields[1]))
		}
		if _, dup := byName[r.Fields[0]]; dup {
			panic(fmt.Errorf("rules: %s: %q is listed twice", r.Pos(), r.Fields[0]))
		}
		byName[r.Fields[0]] = int(v)
	}
	get := func(name string) int {
		v, ok := byName[name]
		if !ok {
			panic(fmt.Errorf("rules: count/windows.tsv: no line for %q", name))
		}
		delete(byName, name)
		return v
	}
	w := countWindowSet{get("before"), get("data_before"), get("actors_before"), get("total_before"), get("acting_after"),
		get("head_phrase"), get("item_line"), get("joined_between"), get("joined_fields_between"), get("list_items"), get("reporter_phrase"), get("broken_into_before"), get("title_sentences"), get("letter_data_reach"),
		get("letter_role"), get("recipients_reach"), get("person_noun"), get("bracket_qualifier"), get("viewers_aside"), get("population_aside"), get("actor_aside"), get("rounded_place"), get("total_after"), get("respective_after"), get("correction_rows")}
	for name := range byName {
		panic(fmt.Errorf("rules: count/windows.tsv: %q is no window the counts read", name))
	}
	return w
}

// labelCountRE: a table row whose label says what is counted, and a bare
// number with no unit ("漏えい人数 25789", "流出件数:1,204"), built from
// rules/count/labels.tsv.
var labelCountRE, labelHeadingRE, measureLeadRE = parseCountLabels(rules.Table("count/labels.tsv", 2))

// parseCountLabels builds labelCountRE, labelHeadingRE and measureLeadRE
// from labels.tsv's rows.
func parseCountLabels(rows []rules.Row) (*regexp.Regexp, *regexp.Regexp, *regexp.Regexp) {
	parts := map[string][]string{}
	for _, r := range rows {
		rules.Must(r.CheckOneOf(1, "part", "subject", "measure", "approx"))
		parts[r.Fields[1]] = append(parts[r.Fields[1]], regexp.QuoteMeta(r.Fields[0]))
	}
	for _, p := range []string{"subject", "measure", "approx"} {
		if len(parts[p]) == 0 {
			panic(fmt.Errorf("rules: count/labels.tsv: no words of %s", p))
		}
		parts[p] = text.LongestFirst(parts[p])
	}
	line := regexp.MustCompile(`^[\s・\-]*(?:` + strings.Join(parts["subject"], "|") + `)(?:` + strings.Join(parts["measure"], "|") +
		`)\s*[::]?\s*(` + strings.Join(parts["approx"], "|") + `)?((?:\d{1,3}(?:,\d{3})+|\d+))\s*$`)
	// A heading that is such a label alone, maybe after an enumerator and
	// with の before the measure (「(3)画像記録の件数」): the line under it
	// is its value.
	heading := regexp.MustCompile(`^[\s・\-]*(?:[(（]?\d{1,2}[)）.]\s*)?[^\s。、]{0,8}(?:` + strings.Join(parts["subject"], "|") + `)の?(?:` +
		strings.Join(parts["measure"], "|") + `)\s*[::]?\s*$`)
	// A sentence that opens with a measure alone as its subject (「件数は
	// 1100件です。」): it counts what the sentence before told of.
	lead := regexp.MustCompile(`^[\s・\-]*(?:` + strings.Join(parts["measure"], "|") + `)(?:は|\s*[::])`)
	return line, heading, lead
}

// runeSet is a set of runes of the Basic Multilingual Plane, as bits, and
// any others in a list: a check per rune of every sentence.
type runeSet struct {
	bmp   [1 << 10]uint64
	other []rune
}

// startRunes is the set of the first runes of words.
func startRunes(words []string) *runeSet {
	s := &runeSet{}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if r < 1<<16 {
			s.bmp[r>>6] |= 1 << (r & 63)
		} else {
			s.other = append(s.other, r)
		}
	}
	return s
}

// has reports whether r is in s.
func (s *runeSet) has(r rune) bool {
	if r >= 0 && r < 1<<16 {
		return s.bmp[r>>6]&(1<<(r&63)) != 0
	}
	return slices.Contains(s.other, r)
}

// MentionsLeak reports whether s holds one of strongLeakWords, the words
// that say data leaked or could be seen: the timeline reads them too, to
// tell the start of a leak from the start of another period.
func MentionsLeak(s string) bool { return text.ContainsAny(s, strongLeakWords) }
