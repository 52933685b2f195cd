package text

import (
	"fmt"

	"github.com/breachtrend/breachtrend/rules"
)

// The shared text rules, read once from rules/text (see rules/README.md):
// the marks that open a heading or a list item, and the thresholds of
// headings and terms.

// WeightsRead are the weights read, as file<TAB>name, for the tests that
// no weight of a weights.tsv is left unread.
var WeightsRead []string

// textRulesDir is the shared text rules' folder under rules/.
const textRulesDir = "text/"

var (
	// headingMarks open a heading line; BulletMarks a list item (・, ●:
	// the timeline reads a bullet before a date as no word of the line);
	// OtherMarks only set a line off (◆, └─), as no word of it either;
	// nameTrimMarks (with a space) are trimmed from a line read as a name.
	headingMarks, BulletMarks, OtherMarks, NameTrimMarks = LineMarksFrom(rules.Table(textRulesDir+"line_marks.tsv", 3))

	textWeight              = WeightsFrom(textRulesDir+"weights.tsv", rules.Table(textRulesDir+"weights.tsv", 3))
	headingMaxRunes         = textWeight("heading_max_runes")
	numberedHeadingMaxRunes = textWeight("numbered_heading_max_runes")
	shortHeadingMaxRunes    = textWeight("short_heading_max_runes")

	// TermBudget is how much of a notice's text, after its title, is read
	// for terms.
	TermBudget = textWeight("term_budget_runes")
)

func LineMarksFrom(rows []rules.Row) (headings, bullets, others []string, nameTrim string) {
	UniqueKeys(rows, 1)
	for _, r := range rows {
		switch KindOf(r, "heading", "bullet", "other") {
		case "heading":
			headings = append(headings, r.Fields[0])
		case "bullet":
			bullets = append(bullets, r.Fields[0])
		default:
			others = append(others, r.Fields[0])
		}
		if must(r.Flag(2, "name_trim")) {
			nameTrim += r.Fields[0]
		}
	}
	return headings, bullets, others, nameTrim + " "
}

// KindOf is the row's kind column (field 1), one of allowed; it panics
// naming the file and line on another.
func KindOf(r rules.Row, allowed ...string) string {
	rules.Must(r.CheckOneOf(1, "kind", allowed...))
	return r.Fields[1]
}

// must panics on a rule file's error: the files are embedded and their
// test reads them all, so this is a malformed file its test would catch.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// WeightsFrom reads the rows of path, a name, value, meaning table, and
// returns a lookup that panics on a name the file lacks (a rule file out
// of step with the code, caught by the field's TestBundled test).
func WeightsFrom(path string, rows []rules.Row) func(string) int {
	values := map[string]int{}
	for _, r := range rows {
		if _, dup := values[r.Fields[0]]; dup {
			panic(fmt.Errorf("rules: %s: weight %q is already set", r.Pos(), r.Fields[0]))
		}
		values[r.Fields[0]] = must(r.Int(1, "value"))
	}
	return func(name string) int {
		WeightsRead = append(WeightsRead, path+"\t"+name)
		v, ok := values[name]
		if !ok {
			panic(fmt.Errorf("rules: %s: no weight %q", path, name))
		}
		return v
	}
}

// HeadingMarks are the marks that open a heading line (line_marks.tsv
// heading: 【, ■, 〇 …).
func HeadingMarks() []string { return headingMarks }
