package organization

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// TestCasesOrganization runs rules/cases/organization.tsv through the
// organization field: each text, normalized as the pipeline does, must
// give the expected organization ("null": none).
func TestCasesOrganization(t *testing.T) {
	cases, err := rules.Cases("organization")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		want := c.Expected
		if want == "null" {
			want = ""
		}
		if got, ev := orgOf(c.Text); got != want {
			t.Errorf("%s (%s): organization = %q (evidence %q), want %q", c.Pos, c.Note, got, ev, want)
		}
	}
}

// TestBundledOrgRules checks that every rule file the organization field
// reads has a case naming it, and that every weight of its weights.tsv is
// read: a weight that nothing reads is a rule that does nothing. (The
// folder also holds stages/enrich's files, which its own tests check.)
func TestBundledOrgRules(t *testing.T) {
	cases, err := rules.Cases("organization")
	if err != nil {
		t.Fatal(err)
	}
	if len(orgFilesRead) == 0 {
		t.Fatal("the organization field reads no rule file")
	}
	for _, f := range orgFilesRead {
		base := strings.TrimPrefix(f, orgRulesDir)
		if !slices.ContainsFunc(cases, func(c rules.Case) bool { return strings.Contains(c.Note, base) }) {
			t.Errorf("%s has no case in rules/cases/organization.tsv", f)
		}
	}
	for _, r := range rules.Table(orgRulesDir+"weights.tsv", 3) {
		if !slices.Contains(text.WeightsRead, r.File+"\t"+r.Fields[0]) {
			t.Errorf("%s: weight %q is not read", r.Pos(), r.Fields[0])
		}
	}
}

// TestNameCuesHoldEveryPatternWord checks the prefilter words derived from
// the patterns' words: a text holding a pattern's word holds a cue, so the
// prefilter skips no sentence the pattern would match.
func TestNameCuesHoldEveryPatternWord(t *testing.T) {
	for i, words := range [][]string{legalFirstForms, legalLastForms, patternSuffixes} {
		for _, w := range words {
			if !nameCues[i].In(w) {
				t.Errorf("nameCues[%d] skips a text holding %q", i, w)
			}
		}
	}
	if got := text.MinimalWords([]string{"県警察", "県警", "県", "大学病院", "病院", "大学"}); !slices.Equal(got, []string{"県", "病院", "大学"}) {
		t.Errorf("minimalWords = %q", got)
	}
}

// TestAlternationLongestFirst checks that a pattern built from a list
// prefers the longer of two words that begin alike, whatever the list's
// order, and matches its words literally.
func TestAlternationLongestFirst(t *testing.T) {
	re := regexp.MustCompile(`^` + text.Alternation([]string{"県", "県警", "(株)", "県警察"}))
	for text, want := range map[string]string{"県警察本部": "県警察", "県警に": "県警", "県の": "県", "(株)": "(株)", "株": ""} {
		if got := re.FindString(text); got != want {
			t.Errorf("%q: match %q, want %q", text, got, want)
		}
	}
	if got := text.RuneClass([]string{"市", "町"}); got != "[市町]" {
		t.Errorf("runeClass = %q", got)
	}
	if got := text.LastRuneOfEach([]string{"いて", ")"}); got != "て)" {
		t.Errorf("lastRuneOfEach = %q", got)
	}
}

// rows builds the rows of a rule file from tab-separated lines, numbered
// from 1.
func rows(file string, lines ...string) []rules.Row {
	out := make([]rules.Row, len(lines))
	for i, l := range lines {
		out[i] = rules.Row{File: file, Line: i + 1, Fields: strings.Split(l, "\t")}
	}
	return out
}

// panicOf is the message f panics with, "" when it returns.
func panicOf(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// TestOrgRuleFileErrors checks that a malformed line of a rule file stops
// the start with an error naming the file, the line and what is wrong.
func TestOrgRuleFileErrors(t *testing.T) {
	forms := rows("organization/legal_forms.tsv", "株式会社\tyes\tyes", "医療法人\tyes\tno")
	for _, c := range []struct {
		name string
		load func()
		want string
	}{
		{"flag not yes or no", func() { suffixesFrom(rows("organization/suffixes.tsv", "大学\tyes\tyes\tmaybe\tno\tno")) },
			`organization/suffixes.tsv:1: pattern "maybe" is not yes or no`},
		{"suffix used nowhere", func() { suffixesFrom(rows("organization/suffixes.tsv", "大学\tno\tno\tno\tno\tno")) },
			`organization/suffixes.tsv:1: suffix "大学" is used nowhere`},
		{"mayor suffix of two characters", func() { suffixesFrom(rows("organization/suffixes.tsv", "市役所\tno\tno\tno\tno\tyes")) },
			`organization/suffixes.tsv:1: mayor suffix "市役所" is not one character`},
		{"suffix twice", func() {
			suffixesFrom(rows("organization/suffixes.tsv", "市\tyes\tyes\tyes\tyes\tyes", "市\tyes\tno\tno\tno\tno"))
		},
			`organization/suffixes.tsv:2: "市" is already on line 1`},
		{"pattern form not a legal form", func() {
			legalFormsFrom(forms, rows("organization/legal_form_patterns.tsv", "株式会社\tyes\tyes", "合資会社\tyes\tno"))
		}, `organization/legal_form_patterns.tsv:2: "合資会社" is not a form of organization/legal_forms.tsv`},
		{"generic kind unknown", func() { genericNamesFrom(rows("organization/generic_names.tsv", "大学\tname", "県立\tplace")) },
			`organization/generic_names.tsv:2: kind "place" is not one of name, prefix, qualifier, facility`},
		{"generic word twice in one kind", func() {
			genericNamesFrom(rows("organization/generic_names.tsv", "県立\tname", "県立\tqualifier", "県立\tname"))
		},
			`organization/generic_names.tsv:3: "県立 name" is already on line 1`},
		{"ending not yes or no", func() { outsideBodiesFrom(rows("organization/outside_bodies.tsv", "警察署\tmaybe")) },
			`organization/outside_bodies.tsv:1: ending "maybe" is not yes or no`},
		{"department of two characters", func() { departmentsFrom(rows("organization/departments.tsv", "課\tsection", "本部\tdivision")) },
			`organization/departments.tsv:2: department word "本部" is not one character`},
		{"officer title not a name run", func() { officerTitlesFrom(rows("organization/officer_titles.tsv", "代表取締役", "代表 理事")) },
			`organization/officer_titles.tsv:2: officer title "代表 理事" is not all name characters`},
		{"breadcrumb kind unknown", func() { breadcrumbsFrom(rows("organization/breadcrumbs.tsv", "トップ\ttop")) },
			`organization/breadcrumbs.tsv:1: kind "top" is not one of home, site`},
		{"line mark kind unknown", func() { text.LineMarksFrom(rows("text/line_marks.tsv", "■\theading\tyes", "◆\tmark\tyes")) },
			`text/line_marks.tsv:2: kind "mark" is not one of heading, bullet, other`},
		{"weight not a number", func() {
			text.WeightsFrom("organization/weights.tsv", rows("organization/weights.tsv", "suffix\tthree\tmeaning"))
		},
			`organization/weights.tsv:1: value "three" is not a whole number`},
		{"weight twice", func() {
			text.WeightsFrom("organization/weights.tsv", rows("organization/weights.tsv", "suffix\t3\tmeaning", "suffix\t2\tmeaning"))
		}, `organization/weights.tsv:2: weight "suffix" is already set`},
		{"weight missing", func() {
			text.WeightsFrom("organization/weights.tsv", rows("organization/weights.tsv", "suffix\t3\tmeaning"))("title_start")
		},
			`organization/weights.tsv: no weight "title_start"`},
	} {
		if got := panicOf(c.load); !strings.Contains(got, c.want) {
			t.Errorf("%s: panic %q, want one containing %q", c.name, got, c.want)
		}
	}
}

// TestOrgRuleColumns checks that each column puts a word in its list and
// no other.
func TestOrgRuleColumns(t *testing.T) {
	header, line, pattern, place, mayor := suffixesFrom(rows("organization/suffixes.tsv",
		"大学院\tyes\tno\tno\tno\tno", "生協\tno\tyes\tno\tno\tno", "県警察\tno\tno\tyes\tno\tno", "京都府\tno\tno\tno\tyes\tno", "市\tyes\tyes\tyes\tyes\tyes"))
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"header", header, []string{"大学院", "市"}}, {"line", line, []string{"生協", "市"}}, {"pattern", pattern, []string{"県警察", "市"}},
		{"place", place, []string{"京都府", "市"}}, {"mayor", mayor, []string{"市"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s suffixes = %q, want %q", c.name, c.got, c.want)
		}
	}
	all, first, last := legalFormsFrom(rows("organization/legal_forms.tsv", "株式会社\tyes\tyes", "(株)\tyes\tno", "NPO法人\tno\tno"),
		rows("organization/legal_form_patterns.tsv", "株式会社\tyes\tyes", "(株)\tno\tyes"))
	if !slices.Equal(all, []string{"株式会社", "(株)", "NPO法人"}) || !slices.Equal(first, []string{"株式会社"}) || !slices.Equal(last, []string{"株式会社", "(株)"}) {
		t.Errorf("legal forms = %q, first %q, last %q", all, first, last)
	}
	names, prefixes, qualifiers, facilities := genericNamesFrom(rows("organization/generic_names.tsv", "県立\tname", "県立\tqualifier", "本\tprefix", "施設\tfacility"))
	if !slices.Contains(names, "県立") || !slices.Equal(prefixes, []string{"本"}) || !slices.Equal(qualifiers, []string{"県立"}) || !slices.Equal(facilities, []string{"施設"}) {
		t.Errorf("generic names %q, prefixes %q, qualifiers %q, facilities %q", names, prefixes, qualifiers, facilities)
	}
	headings, bullets, others, trim := text.LineMarksFrom(rows("text/line_marks.tsv", "■\theading\tyes", "・\tbullet\tno", "◆\tother\tyes"))
	if !slices.Equal(headings, []string{"■"}) || !slices.Equal(bullets, []string{"・"}) || !slices.Equal(others, []string{"◆"}) || trim != "■◆ " {
		t.Errorf("line marks: headings %q, bullets %q, others %q, trim %q", headings, bullets, others, trim)
	}
}
