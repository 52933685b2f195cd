package organization

import (
	"fmt"
	"github.com/breachtrend/breachtrend/internal/wordscan"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/text"
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
	genericNameSet                                                      = wordSet(genericNames)

	// outsideBodies are bodies a notice reports to or warns about, not the
	// one that held the data; outsideEndings are those a longer name may
	// end in (○○警察署).
	outsideBodies, outsideEndings = outsideBodiesFrom(rules.Table(orgFile("outside_bodies.tsv"), 2))

	// authorityParts are the particles and actions that name a body as an
	// authority acting on the holder (authority.tsv).
	authorityParts = rules.MustParts(rules.Table(orgFile("authority.tsv"), 2), []string{"particle", "action", "enforcement"})

	// contractorParts are the title and link words that name a body as the
	// contractor that handled the data, and the attack words that keep it
	// (contractors.tsv).
	contractorParts = rules.MustParts(rules.Table(orgFile("contractors.tsv"), 2), []string{"title", "link", "attack", "vendor_before", "vendor_after"})

	// timesOfDay qualify a date a sentence opens with before its comma
	// (「令和3年10月31日の未明、○○病院が…」): the words of
	// dates/times_of_day.tsv that may stand in a range (朝, 夜, 未明 …).
	timesOfDay = dates.RangeTimes

	// quantifiers, right before a candidate, make it a kind of body:
	// 「一部の登録動物病院」.
	quantifiers = rules.Words(orgFile("quantifiers.tsv"))
	// wrappedLineMinRunes: a line this long that ends mid-word wraps onto
	// the next (wrapsOnto).
	wrappedLineMinRunes = orgWeight("wrapped_line_min_runes")
	// countedHeads make a year's or an ordinal's head glued before a
	// name (令和5年度, 第3回): counted_heads.tsv, by part.
	countedHeads = rules.MustParts(rules.Table(orgFile("counted_heads.tsv"), 2), []string{"opener", "counter", "bare"})
	// corporateEnds end a corporation's name that a facility's runs on
	// from (corporate_ends.tsv: 機構 of …病院機構神戸市立…病院).
	corporateEnds = rules.Words(orgFile("corporate_ends.tsv"))

	// regulators head a notice about another body: a blog header that
	// begins with one is about the body named next. The one list of
	// regulators, which enrich also reads.
	regulators = rules.Words(orgFile("regulators.tsv"))

	// sectionWords and divisionWords end the parts of a government.
	sectionWords, divisionWords = departmentsFrom(rules.Table(orgFile("departments.tsv"), 2))

	// breadcrumbHomes end a breadcrumb's first item; breadcrumbSiteWords
	// are removed from the end of the name before it, breadcrumbLabels
	// from its start.
	breadcrumbHomes, breadcrumbSiteWords, breadcrumbLabels = breadcrumbsFrom(rules.Table(orgFile("breadcrumbs.tsv"), 2))

	unnamedBodies     = rules.Words(orgFile("unnamed_bodies.tsv"))
	governmentOffices = rules.Words(orgFile("government_offices.tsv"))
	// governmentBranches end a government's branch office named after it.
	governmentBranches = rules.Words(orgFile("government_branches.tsv"))
	// lineLabels begin a line that labels a field; holderLabels are those
	// whose value may name the holder's government (担当:青葉市総務課).
	lineLabels, holderLabels = lineLabelsFrom(rules.Table(orgFile("line_labels.tsv"), 2))

	// branchWords end a branch office's name after its body's (支店):
	// the one list of them, link/contractor.tsv's branch rows.
	branchWords    = branchWordsFrom(rules.Table("link/contractor.tsv", 2))
	titleStarts    = rules.Words(orgFile("title_starts.tsv"))
	particles      = rules.Words(orgFile("particles.tsv"))
	conjunctions   = rules.Words(orgFile("conjunctions.tsv"))
	faculties      = rules.Words(orgFile("faculties.tsv"))
	addressCues    = rules.Words(orgFile("address_cues.tsv"))
	regulatedLinks = rules.Words(orgFile("regulated_links.tsv"))
	headTitleRoles = text.WordsByRole(rules.Table(orgFile("head_titles.tsv"), 2), "role", "government", "enterprise")
	headTitles     = text.Union(headTitleRoles["government"], headTitleRoles["enterprise"])
	bodyHeads      = rules.Words(orgFile("body_heads.tsv"))
	// boardWords end a short name that a local government's board
	// defines as its own name's tail (board_words.tsv).
	boardWords = rules.Words(orgFile("board_words.tsv"))
	nameCuts   = rules.Words(orgFile("name_cuts.tsv"))
	nameHeads  = rules.Words(orgFile("name_heads.tsv"))
	// formerMarks open a name written as an earlier one (former_marks.tsv).
	formerMarks  = rules.Words(orgFile("former_marks.tsv"))
	titleSenders = rules.Words(orgFile("title_senders.tsv"))
	// nationalSuffixes end a national body's name (national_suffixes.tsv).
	nationalSuffixes = rules.Words(orgFile("national_suffixes.tsv"))
	officerTitles    = officerTitlesFrom(rules.Table(orgFile("officer_titles.tsv"), 1))
	personTitles     = rules.Words(orgFile("person_titles.tsv"))
	// signatureTitles stand between a body's name and its signer's in a
	// signature line: 「小山記念病院院長田中直見」.
	signatureTitles = rules.Words(orgFile("signature_titles.tsv"))
	// facilityCorporations: the legal forms of corporations whose
	// letterhead names a facility on the next line (医療法人社団…).
	facilityCorporations = rules.Words(orgFile("facility_corporations.tsv"))
	// pluralFacilities are kinds of facility a government runs many of:
	// 鎌倉市立保育園 is 鎌倉市.
	pluralFacilities = rules.Words(orgFile("plural_facilities.tsv"))
	// facilityJoins join kinds of facility in a list: 町立小学校・中学校.
	facilityJoins = rules.Words(orgFile("facility_joins.tsv"))
	// facilityLinks stand between a government and a kind of facility
	// it runs (鎌倉市立保育園, 広陵町内小学校).
	facilityLinks = rules.Words(orgFile("facility_links.tsv"))
	// receiverCues after a government's name say a report reached it
	// (青葉市に報告があり): the notice is its own.
	receiverCues = rules.Words(orgFile("receiver_cues.tsv"))
	// seatCues after a place's name say a body sits there (に本店のある):
	// the place is no holder.
	seatCues = rules.Words(orgFile("seat_cues.tsv"))
	// seatLabels open a news subject's bracketed seat (本社:東京都港区).
	seatLabels = rules.Words(orgFile("seat_labels.tsv"))
	// leadModifiers end a news lead's words on its subject before the
	// subject's name (ソフトバンクグループの日本テレコム).
	leadModifiers = rules.Words(orgFile("lead_modifiers.tsv"))
	// quotedCompanyParticles follow 「name」社, news's way of quoting a
	// company's name (「日東製網」社が).
	quotedCompanyParticles = rules.Words(orgFile("quoted_company.tsv"))
	// leadTimes stand for a news lead's date (このほど).
	leadTimes = rules.Words(orgFile("lead_times.tsv"))
	// openerDateEnds stand between a date that opens a sentence and its
	// comma (opener_date_ends.tsv: に, 付で), longest first.
	openerDateEnds = text.LongestFirst(rules.Words(orgFile("opener_date_ends.tsv")))
	// newsCategories are a news site's section labels glued to a lead.
	newsCategories = rules.Words(orgFile("news_categories.tsv"))
	// countryMarks say where a foreign body is, before its name in a news
	// lead (米Google).
	countryMarks = rules.Words(orgFile("country_marks.tsv"))
	// sourceCues follow the body a news report quotes (によりますと).
	sourceCues = rules.Words(orgFile("source_cues.tsv"))
	// announceEndings end a news report's sentence that announces a
	// notice (と発表した): timeline/announce.tsv's, read once for both.
	announceEndings = rules.MustParts(rules.Table("timeline/announce.tsv", 2), []string{"topic", "ending", "quoted"})["ending"]
	// regionalBureaus end a ministry's regional bureau's name: a name
	// that runs on into its office is the bureau's.
	regionalBureaus = rules.Words(orgFile("regional_bureaus.tsv"))
	openers         = rules.Words(orgFile("openers.tsv"))
	// citingClauses end a clause that opens a follow-up report by citing
	// the first (「11月10日にお知らせした、」): dropped, with the clause,
	// as the openers are.
	citingClauses = rules.Words(orgFile("citing_clauses.tsv"))
	// selfPronouns may stand before the body's own name: 私ども○○連盟.
	selfPronouns = text.LongestFirst(rules.Words(orgFile("self_pronouns.tsv")))
	roleNouns    = rules.Words(orgFile("role_nouns.tsv"))
	// groupSignatures end a signature line after the body's name
	// (日本消費者連盟一同).
	groupSignatures = rules.Words(orgFile("group_signatures.tsv"))
	selfPrefixes    = rules.Words(orgFile("self_prefixes.tsv"))
	// selfGovernmentRefs are, by a government's suffix (市, 区 …), the
	// words a government's text calls itself by with its kind alone
	// (self_government_refs.tsv).
	selfGovernmentRefs = selfRefsFrom(rules.Table(orgFile("self_government_refs.tsv"), 2), true)
	// selfBodyRefs are self_body_refs.tsv's kinds (大学) and the words a
	// body of the kind calls itself by (本学).
	selfBodyRefs = selfRefsFrom(rules.Table(orgFile("self_body_refs.tsv"), 2), false)
	// placeParticles are place_particles.tsv's place and phrase_end words,
	// which tell a government named as a place (namesPlace), and the
	// lead_end words that end the body a news lead names after its place
	// (placeLeadBody).
	placeParticles = rules.MustParts(rules.Table(orgFile("place_particles.tsv"), 2), []string{"place", "phrase_end", "lead_end"})
	// shortNameParts are short_names.tsv's mark and subject words.
	shortNameParts = rules.MustParts(rules.Table(orgFile("short_names.tsv"), 2), []string{"mark", "subject"})
	// kanaNames are bodies' names that hold hiragana (kana_names.tsv).
	kanaNames = rules.Words(orgFile("kana_names.tsv"))
	// nameKana are hiragana words that go on inside a name (がん).
	nameKana = rules.Words(orgFile("name_kana.tsv"))
	// selfNameParticles follow a self-prefixed name that is the subject
	// or the possessor of its sentence.
	selfNameParticles = rules.Words(orgFile("self_name_particles.tsv"))
	subjectMarkers    = rules.Words(orgFile("subject_markers.tsv"))
	// senderCues: a section that sends (marker, verb) names its
	// government as the holder.
	senderCues    = text.WordsByRole(rules.Table(orgFile("sender_cues.tsv"), 2), "role", "marker", "verb")
	titleEnds     = rules.Words(orgFile("title_ends.tsv"))
	titleEndSet   = text.NewRuneSet(text.LastRuneOfEach(titleEnds))
	orgWeight     = text.WeightsFrom(orgRulesDir+"weights.tsv", rules.Table(orgFile("weights.tsv"), 3))
	departmentSet = text.NewRuneSet(strings.Join(append(slices.Clone(sectionWords), divisionWords...), ""))
)

// The weights of the header's split score and the bounds of the line
// rules, by their name in weights.tsv.
var (
	headerMinScore        = orgWeight("header_min_score")
	nameMinRunes          = orgWeight("name_min_runes")
	definedNameMaxRunes   = orgWeight("defined_name_max_runes")
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
	senderVerbRunes       = orgWeight("sender_verb_runes")
	facultyMaxRunes       = orgWeight("faculty_max_runes")
	nameLineMinRunes      = orgWeight("name_line_min_runes")
	hiraganaHeadMin       = orgWeight("hiragana_head_min")
	hiraganaHeadMax       = orgWeight("hiragana_head_max")
	fullerHeadMax         = orgWeight("fuller_head_max")
	nameLineMaxRunes      = orgWeight("name_line_max_runes")
	maxLeadKana           = orgWeight("lead_kana_max_runes")
	maxHeadlinedKana      = orgWeight("headlined_kana_max_runes")
	placeLeadMaxRunes     = orgWeight("place_lead_max_runes")
	quotedPlaceDescMax    = orgWeight("quoted_place_desc_max_runes")
	// unannouncedLeadSentences: how many first sentences are read as a
	// lead without an announcing verb (datedLead).
	unannouncedLeadSentences = orgWeight("unannounced_lead_sentences")
	signerMaxRunes           = orgWeight("signer_max_runes")
	selfNameMinRunes         = orgWeight("self_name_min_runes")
	gazetteerKeyMinRunes     = orgWeight("gazetteer_key_min_runes")
	minRecurrence            = orgWeight("min_recurrence")
	governmentRecurrence     = orgWeight("government_recurrence")
	governmentReceived       = orgWeight("government_received")
	placePhraseRunes         = orgWeight("place_phrase_runes")
	labelMaxRunes            = orgWeight("label_max_runes")
)

// The patterns, built from the lists: a run of name characters (a Unicode
// class, not a list) and the words that begin or end a name.
var (
	nameRun      = `[\p{Han}\p{Katakana}ーA-Za-z0-9・&＆.\-]`
	legalFirstRE = regexp.MustCompile(text.Alternation(legalFirstForms) + `\s?` + nameRun + text.RuneBound(1, orgWeight("legal_name_max_runes")))
	legalLastRE  = regexp.MustCompile(nameRun + text.RuneBound(1, orgWeight("legal_name_max_runes")) + text.Alternation(legalLastForms))
	suffixRE     = regexp.MustCompile(nameRun + text.RuneBound(1, orgWeight("suffix_name_max_runes")) + `?` + text.Alternation(patternSuffixes))
	selfNameRE   = regexp.MustCompile(`(?:` + text.Alternation(selfAliases) + `)[(](` + nameRun + `+)[)]`)
	selfRefRE    = regexp.MustCompile(`[(](?:[^()。]` + text.RuneBound(1, orgWeight("self_ref_aside_runes")) + `?[、,]\s?)?以下[、,]?\s?[「『]?(` + text.Alternation(selfAliases) + `)`)
	mayorRE      = regexp.MustCompile(`^(` + nameRun + text.RuneBound(1, orgWeight("mayor_name_max_runes")) + `?` + text.RuneClass(mayorSuffixes) + `)` +
		`(` + text.Alternation(headTitles) + `)(\s|` + nameRun + text.RuneBound(0, orgWeight("mayor_rest_max_runes")) + `$)`)
	suffixLongRE = regexp.MustCompile(nameRun + text.RuneBound(1, orgWeight("suffix_name_max_runes")) + text.Alternation(patternSuffixes))
	placeRE      = regexp.MustCompile(`^\p{Han}` + text.RuneBound(1, orgWeight("place_max_runes")) + `?` + text.Alternation(placeSuffixes))
)

// wordSet is the set of words, for a test of a whole word against a list
// of many.
func wordSet(words []string) map[string]bool {
	out := make(map[string]bool, len(words))
	for _, w := range words {
		out[w] = true
	}
	return out
}

// inNameRun reports whether r is one of nameRun's characters.
func inNameRun(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '&' || r == '.' || r == '-'
	}
	return r == 'ー' || r == '・' || r == '＆' || unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r)
}

// nameRunPrefix is the length in bytes of the run of nameRun's characters
// that s opens with.
func nameRunPrefix(s string) int {
	for i, r := range s {
		if !inNameRun(r) {
			return i
		}
	}
	return len(s)
}

// officerTitlesFrom reads the officer titles, each a run of nameRun's
// characters: wholeName looks for them within such a run only.
func officerTitlesFrom(rows []rules.Row) []string {
	var out []string
	for _, r := range rows {
		w := r.Fields[0]
		if nameRunPrefix(w) != len(w) {
			panic(fmt.Errorf("rules: %s: officer title %q is not all name characters", r.Pos(), w))
		}
		out = append(out, w)
	}
	return out
}

// nameCues are, for legalFirstRE, legalLastRE and suffixLongRE, words one
// of which every match holds: the patterns open with a run of name
// characters, no literal, and most sentences name no body. They are the
// patterns' words that hold no shorter one of them.
var nameCues = [3]text.WordList{
	text.NewWordList(text.MinimalWords(legalFirstForms)),
	text.NewWordList(text.MinimalWords(legalLastForms)),
	text.NewWordList(text.MinimalWords(patternSuffixes)),
}

// legalFormsFrom reads the forms and, of them, those that open and close
// a pattern. The forms, in the order names are stripped of them, are the
// legal forms shared with stages/enrich (its key and contractor columns
// are enrich's).
func legalFormsFrom(forms, patterns []rules.Row) (all, first, last []string) {
	text.UniqueKeys(forms, 1)
	text.UniqueKeys(patterns, 1)
	for _, r := range forms {
		all = append(all, r.Fields[0])
	}
	for _, r := range patterns {
		if !slices.Contains(all, r.Fields[0]) {
			panic(fmt.Errorf("rules: %s: %q is not a form of %slegal_forms.tsv", r.Pos(), r.Fields[0], orgRulesDir))
		}
		f := text.Flags(r, "first", "last")
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
	text.UniqueKeys(rows, 1)
	for _, r := range rows {
		w := r.Fields[0]
		f := text.Flags(r, "header", "line", "pattern", "place", "mayor")
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
	text.UniqueKeys(rows, 1)
	for _, r := range rows {
		f := text.Flags(r, "alias", "not_suffix", "generic")
		for i, l := range []*[]string{&aliases, &notSuffix, &generic} {
			if f[i] {
				*l = append(*l, r.Fields[0])
			}
		}
	}
	return
}

func genericNamesFrom(rows []rules.Row) (names, prefixes, qualifiers, facilities []string) {
	text.UniqueKeys(rows, 2)
	for _, r := range rows {
		switch text.KindOf(r, "name", "prefix", "qualifier", "facility") {
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

func outsideBodiesFrom(rows []rules.Row) (outside, endings []string) {
	text.UniqueKeys(rows, 1)
	for _, r := range rows {
		outside = append(outside, r.Fields[0])
		if text.Flags(r, "ending")[0] {
			endings = append(endings, r.Fields[0])
		}
	}
	return
}

func departmentsFrom(rows []rules.Row) (sections, divisions []string) {
	text.UniqueKeys(rows, 1)
	for _, r := range rows {
		if utf8.RuneCountInString(r.Fields[0]) != 1 {
			panic(fmt.Errorf("rules: %s: department word %q is not one character", r.Pos(), r.Fields[0]))
		}
		if text.KindOf(r, "section", "division") == "section" {
			sections = append(sections, r.Fields[0])
		} else {
			divisions = append(divisions, r.Fields[0])
		}
	}
	return
}

func breadcrumbsFrom(rows []rules.Row) (homes, siteWords, labels []string) {
	text.UniqueKeys(rows, 1)
	for _, r := range rows {
		switch text.KindOf(r, "home", "site", "label") {
		case "home":
			homes = append(homes, r.Fields[0])
		case "site":
			siteWords = append(siteWords, r.Fields[0])
		default:
			labels = append(labels, r.Fields[0])
		}
	}
	return
}

// governmentNames are the gazetteer's local governments
// (rules/gazetteer/local_governments.tsv), read in one pass: the names
// that name one (governments) and the wards' bare names (wards).
type governmentNames struct {
	governments, wards map[string]bool
	// wardCities maps a designated city's ward in full (大阪市生野区) to
	// its city (大阪市).
	wardCities map[string]string
	// citiesOfWard maps a ward's bare name (中央区) to the designated
	// cities that have one, in order.
	citiesOfWard map[string][]string
	// municipalities maps a prefecture (愛知県) to the names of its cities,
	// Tokyo's special wards, towns and villages (岡崎市), longest first.
	municipalities map[string][]string
}

var gazetteerGovernments = sync.OnceValue(func() governmentNames {
	g, err := rules.LoadGazetteers()
	if err != nil {
		panic(fmt.Errorf("rules: local governments: %w", err))
	}
	out := governmentNames{governments: map[string]bool{}, wards: map[string]bool{}, wardCities: map[string]string{},
		citiesOfWard: map[string][]string{}, municipalities: map[string][]string{}}
	for _, lg := range g.LocalGovernments {
		if lg.Kind == "ward" {
			out.wards[lg.Name] = true
			if city, ok := strings.CutSuffix(lg.FullName, lg.Name); ok && city != "" {
				out.wardCities[lg.FullName] = city
				out.citiesOfWard[lg.Name] = append(out.citiesOfWard[lg.Name], city)
			}
		} else {
			out.governments[lg.Name] = true
		}
		if lg.Kind != "ward" && lg.Kind != "prefecture" && lg.Prefecture != "" {
			out.municipalities[lg.Prefecture] = append(out.municipalities[lg.Prefecture], lg.Name)
		}
		out.governments[lg.FullName] = true
	}
	for _, cities := range out.citiesOfWard {
		slices.Sort(cities)
	}
	for _, names := range out.municipalities {
		slices.SortStableFunc(names, func(a, b string) int { return len(b) - len(a) })
	}
	return out
})

// localGovernments are the names of Japan's local governments from the
// gazetteer: as written (つくばみらい市) and in full (札幌市中央区). A ward's
// bare name (中央区) is left out: many cities have one, and it names no one
// alone.
func localGovernments() map[string]bool { return gazetteerGovernments().governments }

// wardNames are the names of the wards of the designated cities alone
// (生野区), which localGovernments holds only with their city's.
func wardNames() map[string]bool { return gazetteerGovernments().wards }

// hiraganaGovernments are the local governments of the gazetteer whose
// names begin with hiragana (いちき串木野市, かすみがうら市), as written.
var hiraganaGovernments = sync.OnceValue(func() []string {
	var out []string
	for name := range localGovernments() {
		if r, _ := utf8.DecodeRuneInString(name); unicode.Is(unicode.Hiragana, r) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
})

// gazetteerKeys are the keys of gazetteerCompanies, for a subject that is
// one whole, or the name before a signer's title (日本航空 社長).
var gazetteerKeys = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, c := range gazetteerCompanies() {
		out[c.key] = true
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
		if utf8.RuneCountInString(key) < gazetteerKeyMinRunes || text.IsASCIIWord(key) {
			continue
		}
		if ms := text.Morphs(key); len(ms) == 1 && !ms[0].ProperPOS && !ms[0].Unknown {
			continue
		}
		out = append(out, gazetteerEntry{name: c.Name, key: key})
	}
	return out
})

// branchWordsFrom reads the branch rows of link/contractor.tsv (word,
// role); the other roles are the contractor rules'.
func branchWordsFrom(rows []rules.Row) (words []string) {
	for _, r := range rows {
		if r.Fields[1] == "branch" {
			words = append(words, r.Fields[0])
		}
	}
	return words
}

func lineLabelsFrom(rows []rules.Row) (labels, holder []string) {
	text.UniqueKeys(rows, 1)
	for _, r := range rows {
		labels = append(labels, r.Fields[0])
		if text.Flags(r, "value")[0] {
			holder = append(holder, r.Fields[0])
		}
	}
	return labels, holder
}

// selfRef is a line of self_government_refs.tsv or self_body_refs.tsv: a
// suffix that ends a body's name (市, 大学) and the words a body of that
// kind calls itself by (本市, 本学).
type selfRef struct {
	suffix string
	words  []string
	// common is the suffix when every word holds it (市では, 本市), else
	// "": a sentence without it holds none of the words, and most
	// sentences of most notices hold no 市 or 県 at all.
	common string
}

// selfRefsFrom reads such a file, in its order; each suffix once, and of
// one character where oneRune (a government's: 市, 区).
func selfRefsFrom(rows []rules.Row, oneRune bool) []selfRef {
	var out []selfRef
	for _, r := range rows {
		suf := r.Fields[0]
		if oneRune && utf8.RuneCountInString(suf) != 1 {
			panic(fmt.Errorf("rules: %s: suffix %q is not one character", r.Pos(), suf))
		}
		if slices.ContainsFunc(out, func(g selfRef) bool { return g.suffix == suf }) {
			panic(fmt.Errorf("rules: %s: suffix %q is listed twice", r.Pos(), suf))
		}
		ref := selfRef{suffix: suf, words: strings.Split(r.Fields[1], "|"), common: suf}
		for _, w := range ref.words {
			if !strings.Contains(w, suf) {
				ref.common = ""
			}
		}
		out = append(out, ref)
	}
	return out
}
