package extract

import (
	"fmt"
	"github.com/breachtrend/breachtrend/internal/wordscan"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/rules"
)

// The organization field's rules, read once from rules/organization (see
// rules/README.md): the word lists, the patterns built from them and the
// weights of the header's split score. A malformed file panics at start-up
// naming its file and line, so any test of the package finds it first;
// TestOrgRuleFileErrors shows each error.

// orgRulesDir is the organization field's folder under rules/.
const orgRulesDir = "organization/"

// orgFilesRead are the rule files the field reads, for the test that each
// has a case.
var orgFilesRead []string

// orgFile is the path of a rule file of the field, noted as read.
func orgFile(name string) string {
	orgFilesRead = append(orgFilesRead, orgRulesDir+name)
	return orgRulesDir + name
}

var (
	// legalForms are the words of a legal entity's name, before or after
	// it, in the order stripLegal removes them.
	legalForms, legalFirstForms, legalLastForms = legalFormsFrom(
		rules.Table(orgFile("legal_forms.tsv"), 3), rules.Table(orgFile("legal_form_patterns.tsv"), 3))

	// orgSuffixes end the names of bodies that have no legal-form word in
	// a header (header column); lineSuffixes end a line that is nothing but
	// a name (line column): a stricter list, since a short line may be a
	// heading.
	orgSuffixes, lineSuffixes, patternSuffixes, placeSuffixes, mayorSuffixes = suffixesFrom(rules.Table(orgFile("suffixes.tsv"), 6))

	// selfAliases are defined as a body's short name: (以下「当社」);
	// notSuffixWords end a run in a word such as 当社 rather than in the
	// suffix 社; referenceGenerics name no one.
	selfAliases, notSuffixWords, referenceGenerics = referencesFrom(rules.Table(orgFile("references.tsv"), 4))

	// genericNames are words that fit the name patterns but name no one;
	// genericPrefixes begin such words; genericQualifiers (市内, 県立), alone
	// or before a suffix or a genericFacility, name a kind of body.
	genericNames, genericPrefixes, genericQualifiers, genericFacilities = genericNamesFrom(rules.Table(orgFile("generic_names.tsv"), 2))

	// outsideBodies are bodies a notice reports to or warns about, not the
	// one that held the data; outsideEndings are those a longer name may
	// end in (○○警察署); regulators head a notice about another body.
	outsideBodies, outsideEndings, regulators = outsideBodiesFrom(rules.Table(orgFile("outside_bodies.tsv"), 4))

	// sectionWords and divisionWords end the parts of a government.
	sectionWords, divisionWords = departmentsFrom(rules.Table(orgFile("departments.tsv"), 2))

	// breadcrumbHomes end a breadcrumb's first item; breadcrumbSiteWords
	// are removed from the end of the name before it.
	breadcrumbHomes, breadcrumbSiteWords = breadcrumbsFrom(rules.Table(orgFile("breadcrumbs.tsv"), 2))

	titleStarts     = rules.Words(orgFile("title_starts.tsv"))
	particles       = rules.Words(orgFile("particles.tsv"))
	lineLabels      = rules.Words(orgFile("line_labels.tsv"))
	addressCues     = rules.Words(orgFile("address_cues.tsv"))
	regulatedLinks  = rules.Words(orgFile("regulated_links.tsv"))
	headTitles      = rules.Words(orgFile("head_titles.tsv"))
	nameCuts        = rules.Words(orgFile("name_cuts.tsv"))
	officerTitles   = rules.Words(orgFile("officer_titles.tsv"))
	openers         = rules.Words(orgFile("openers.tsv"))
	roleNouns       = rules.Words(orgFile("role_nouns.tsv"))
	selfPrefixes    = rules.Words(orgFile("self_prefixes.tsv"))
	subjectMarkers  = rules.Words(orgFile("subject_markers.tsv"))
	titleEnds       = rules.Words(orgFile("title_ends.tsv"))
	titleEndRunes   = lastRuneOfEach(titleEnds)
	orgWeight       = weightsFrom(orgRulesDir+"weights.tsv", rules.Table(orgFile("weights.tsv"), 3))
	departmentRunes = strings.Join(append(slices.Clone(sectionWords), divisionWords...), "")
)

// The weights of the header's split score and the bounds of the line
// rules, by their name in weights.tsv.
var (
	headerMinScore        = orgWeight("header_min_score")
	nameMinRunes          = orgWeight("name_min_runes")
	nameHiraganaMinRunes  = orgWeight("name_hiragana_min_runes")
	legalFormScore        = orgWeight("legal_form")
	suffixScore           = orgWeight("suffix")
	tokenEndScore         = orgWeight("token_end")
	orgTagScore           = orgWeight("org_tag")
	suffixFollowsScore    = orgWeight("suffix_follows")
	suffixFollowsMinRunes = orgWeight("suffix_follows_min_runes")
	titleStartScore       = orgWeight("title_start")
	titleStartOneRune     = orgWeight("title_start_one_rune")
	spaceFollowsScore     = orgWeight("space_follows")
	hiraganaFollowsScore  = orgWeight("hiragana_follows")
	bodyRepeatsScore      = orgWeight("body_repeats")
	bodyRepeatsMinRunes   = orgWeight("body_repeats_min_runes")
	topLines              = orgWeight("top_lines")
	signatureLines        = orgWeight("signature_lines")
	headLines             = orgWeight("head_lines")
	lineMaxRunes          = orgWeight("line_max_runes")
	lineMaxTokens         = orgWeight("line_max_tokens")
	mayorLineMaxRunes     = orgWeight("mayor_line_max_runes")
	sectionLineMaxRunes   = orgWeight("section_line_max_runes")
	postcodeWindowRunes   = orgWeight("postcode_window_runes")
	subjectSentences      = orgWeight("subject_sentences")
	nameLineMaxRunes      = orgWeight("name_line_max_runes")
	selfNameMinRunes      = orgWeight("self_name_min_runes")
	gazetteerKeyMinRunes  = orgWeight("gazetteer_key_min_runes")
	minRecurrence         = orgWeight("min_recurrence")
)

// The patterns, built from the lists: a run of name characters (a Unicode
// class, not a list) and the words that begin or end a name.
var (
	nameRun      = `[\p{Han}\p{Katakana}ーA-Za-z0-9・&＆.\-]`
	legalFirstRE = regexp.MustCompile(alternation(legalFirstForms) + `\s?` + nameRun + runeBound(1, orgWeight("legal_name_max_runes")))
	legalLastRE  = regexp.MustCompile(nameRun + runeBound(1, orgWeight("legal_name_max_runes")) + alternation(legalLastForms))
	suffixRE     = regexp.MustCompile(nameRun + runeBound(1, orgWeight("suffix_name_max_runes")) + `?` + alternation(patternSuffixes))
	selfRefRE    = regexp.MustCompile(`[(]以下[、,]?\s?[「『]?(` + alternation(selfAliases) + `)`)
	mayorRE      = regexp.MustCompile(`^(` + nameRun + runeBound(1, orgWeight("mayor_name_max_runes")) + `?` + runeClass(mayorSuffixes) + `)` +
		`(` + alternation(headTitles) + `)(\s|` + nameRun + runeBound(0, orgWeight("mayor_rest_max_runes")) + `$)`)
	nameOnlyRE   = regexp.MustCompile(`^` + nameRun + runeBound(orgWeight("name_line_min_runes"), orgWeight("name_line_max_runes")) + `$`)
	suffixLongRE = regexp.MustCompile(nameRun + runeBound(1, orgWeight("suffix_name_max_runes")) + alternation(patternSuffixes))
	placeRE      = regexp.MustCompile(`^\p{Han}` + runeBound(1, orgWeight("place_max_runes")) + `?` + alternation(placeSuffixes))
)

// nameCues are, for legalFirstRE, legalLastRE and suffixLongRE, words one
// of which every match holds: the patterns open with a run of name
// characters, no literal, and most sentences name no body. They are the
// patterns' words that hold no shorter one of them.
var nameCues = [3]wordList{
	newWordList(minimalWords(legalFirstForms)),
	newWordList(minimalWords(legalLastForms)),
	newWordList(minimalWords(patternSuffixes)),
}

// alternation is a non-capturing group matching any of words, the longest
// first: of two words that begin alike the longer is tried first (県警察
// before 県警), as Go's regexp prefers the first alternative that matches.
func alternation(words []string) string {
	sorted := slices.Clone(words)
	slices.SortStableFunc(sorted, func(a, b string) int { return len(b) - len(a) })
	quoted := make([]string, len(sorted))
	for i, w := range sorted {
		quoted[i] = regexp.QuoteMeta(w)
	}
	return `(?:` + strings.Join(quoted, "|") + `)`
}

// runeClass is a character class of words of one character each.
func runeClass(words []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for _, w := range words {
		b.WriteString(regexp.QuoteMeta(w))
	}
	b.WriteByte(']')
	return b.String()
}

// runeBound is the repetition {lo,hi}.
func runeBound(lo, hi int) string { return fmt.Sprintf("{%d,%d}", lo, hi) }

// minimalWords are the words of ws that hold no other word of ws: a text
// holds one of ws only if it holds one of these.
func minimalWords(ws []string) []string {
	var out []string
	for _, w := range ws {
		holds := false
		for _, v := range ws {
			if v != w && strings.Contains(w, v) {
				holds = true
				break
			}
		}
		if !holds {
			out = append(out, w)
		}
	}
	return out
}

// lastRuneOfEach is the last characters of words, as one string for
// strings.LastIndexAny.
func lastRuneOfEach(words []string) string {
	var b strings.Builder
	for _, w := range words {
		r, _ := utf8.DecodeLastRuneInString(w)
		b.WriteRune(r)
	}
	return b.String()
}

// flags reads yes/no columns 1.. of a row, named as the file's header.
// uniqueKeys panics on a row whose first n fields are those of an earlier
// row: a word listed twice, perhaps with other columns.
func uniqueKeys(rows []rules.Row, n int) {
	seen := map[string]int{}
	for _, r := range rows {
		k := strings.Join(r.Fields[:n], "\t")
		if first, dup := seen[k]; dup {
			panic(fmt.Errorf("rules: %s: %q is already on line %d", r.Pos(), strings.Join(r.Fields[:n], " "), first))
		}
		seen[k] = r.Line
	}
}

func flags(r rules.Row, names ...string) []bool {
	out := make([]bool, len(names))
	for i, n := range names {
		out[i] = must(r.Flag(i+1, n))
	}
	return out
}

// legalFormsFrom reads the forms and, of them, those that open and close
// a pattern. The forms, in the order names are stripped of them, are the
// legal forms shared with stages/enrich (its key and contractor columns
// are enrich's).
func legalFormsFrom(forms, patterns []rules.Row) (all, first, last []string) {
	uniqueKeys(forms, 1)
	uniqueKeys(patterns, 1)
	for _, r := range forms {
		all = append(all, r.Fields[0])
	}
	for _, r := range patterns {
		if !slices.Contains(all, r.Fields[0]) {
			panic(fmt.Errorf("rules: %s: %q is not a form of %slegal_forms.tsv", r.Pos(), r.Fields[0], orgRulesDir))
		}
		f := flags(r, "first", "last")
		if f[0] {
			first = append(first, r.Fields[0])
		}
		if f[1] {
			last = append(last, r.Fields[0])
		}
	}
	return all, first, last
}

func suffixesFrom(rows []rules.Row) (header, line, pattern, place, mayor []string) {
	uniqueKeys(rows, 1)
	for _, r := range rows {
		w := r.Fields[0]
		f := flags(r, "header", "line", "pattern", "place", "mayor")
		if !slices.Contains(f, true) {
			panic(fmt.Errorf("rules: %s: suffix %q is used nowhere", r.Pos(), w))
		}
		for i, l := range []*[]string{&header, &line, &pattern, &place, &mayor} {
			if f[i] {
				*l = append(*l, w)
			}
		}
		if f[4] && utf8.RuneCountInString(w) != 1 {
			panic(fmt.Errorf("rules: %s: mayor suffix %q is not one character", r.Pos(), w))
		}
	}
	return
}

func referencesFrom(rows []rules.Row) (aliases, notSuffix, generic []string) {
	uniqueKeys(rows, 1)
	for _, r := range rows {
		f := flags(r, "alias", "not_suffix", "generic")
		for i, l := range []*[]string{&aliases, &notSuffix, &generic} {
			if f[i] {
				*l = append(*l, r.Fields[0])
			}
		}
	}
	return
}

func genericNamesFrom(rows []rules.Row) (names, prefixes, qualifiers, facilities []string) {
	uniqueKeys(rows, 2)
	for _, r := range rows {
		switch kindOf(r, "name", "prefix", "qualifier", "facility") {
		case "name":
			names = append(names, r.Fields[0])
		case "prefix":
			prefixes = append(prefixes, r.Fields[0])
		case "qualifier":
			qualifiers = append(qualifiers, r.Fields[0])
		case "facility":
			facilities = append(facilities, r.Fields[0])
		}
	}
	return append(names, referenceGenerics...), prefixes, qualifiers, facilities
}

func outsideBodiesFrom(rows []rules.Row) (outside, endings, regs []string) {
	uniqueKeys(rows, 1)
	for _, r := range rows {
		f := flags(r, "outside", "ending", "regulator")
		if f[1] && !f[0] {
			panic(fmt.Errorf("rules: %s: ending yes needs outside yes", r.Pos()))
		}
		for i, l := range []*[]string{&outside, &endings, &regs} {
			if f[i] {
				*l = append(*l, r.Fields[0])
			}
		}
	}
	return
}

func departmentsFrom(rows []rules.Row) (sections, divisions []string) {
	uniqueKeys(rows, 1)
	for _, r := range rows {
		if utf8.RuneCountInString(r.Fields[0]) != 1 {
			panic(fmt.Errorf("rules: %s: department word %q is not one character", r.Pos(), r.Fields[0]))
		}
		if kindOf(r, "section", "division") == "section" {
			sections = append(sections, r.Fields[0])
		} else {
			divisions = append(divisions, r.Fields[0])
		}
	}
	return
}

func breadcrumbsFrom(rows []rules.Row) (homes, siteWords []string) {
	uniqueKeys(rows, 1)
	for _, r := range rows {
		if kindOf(r, "home", "site") == "home" {
			homes = append(homes, r.Fields[0])
		} else {
			siteWords = append(siteWords, r.Fields[0])
		}
	}
	return
}

// localGovernments are the names of Japan's local governments from the
// gazetteer (rules/gazetteer/local_governments.tsv): as written
// (つくばみらい市) and in full (札幌市中央区). A ward's bare name (中央区) is
// left out: many cities have one, and it names no one alone.
var localGovernments = sync.OnceValue(func() map[string]bool {
	g, err := rules.LoadGazetteers()
	if err != nil {
		panic(fmt.Errorf("rules: local governments: %w", err))
	}
	out := map[string]bool{}
	for _, lg := range g.LocalGovernments {
		if lg.Kind != "ward" {
			out[lg.Name] = true
		}
		out[lg.FullName] = true
	}
	return out
})

// gazetteerCompanyIndex finds the keys of gazetteerCompanies (word i is
// company i's key) in one walk of a text.
var gazetteerCompanyIndex = sync.OnceValue(func() *wordscan.Index {
	cs := gazetteerCompanies()
	keys := make([]string, len(cs))
	for i, c := range cs {
		keys[i] = c.key
	}
	return wordscan.New(keys)
})

// gazetteerCompany is a company of the gazetteer: its name and the key the
// text is searched for (the name less its legal forms).
type gazetteerEntry struct{ name, key string }

// gazetteerCompanies are the companies of rules/gazetteer/companies.tsv
// whose key can name the company in running text: three characters or
// more, not Latin, and not a single dictionary word that is no proper noun.
var gazetteerCompanies = sync.OnceValue(func() []gazetteerEntry {
	g, err := rules.LoadGazetteers()
	if err != nil {
		panic(fmt.Errorf("rules: companies: %w", err))
	}
	var out []gazetteerEntry
	for _, c := range g.Companies {
		key := stripLegal(c.Name)
		if utf8.RuneCountInString(key) < gazetteerKeyMinRunes || isASCIIWord(key) {
			continue
		}
		if ms := morphs(key); len(ms) == 1 && !ms[0].properPOS && !ms[0].unknown {
			continue
		}
		out = append(out, gazetteerEntry{name: c.Name, key: key})
	}
	return out
})
