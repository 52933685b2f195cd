package title

import (
	"fmt"
	"github.com/breachtrend/breachtrend/internal/wordscan"

	"github.com/breachtrend/breachtrend/rules"
)

const (
	// FileChrome is the rule file of the lines that are no heading.
	FileChrome = "text/page_chrome.tsv"
	// FileCues is the rule file of the words that make a heading.
	FileCues = "text/title_cues.tsv"
)

// chromeRules is page_chrome.tsv, by how a pattern matches.
type chromeRules struct {
	line                     map[string]bool
	prefix, suffix, contains []string
	dateLabels, site         []string
	// end: the lines that start a page's footer (kinds end and break),
	// chrome too; breaks: those of kind break, which may stand between a
	// notice's sections.
	end, breaks lineWords
	// top: the links to a site's top page (kind top), nav too.
	top []string
	// foot: the links of a page's footer (kind foot), trimmed from the
	// notice's last lines only.
	foot lineWords
	// credit: a page's credit line (kind credit), kept below the notice.
	credit lineWords
}

var (
	chromeRows = rules.Table(FileChrome, 3)
	chrome     = mustChrome(chromeRows)
	cues       = rules.Words(FileCues)
	// bodyWords are words of a notice's own text (text/body_words.tsv):
	// a sentence below an end line that holds one shows the line stood
	// inside the notice (NoticeBody).
	bodyWords = rules.Words("text/body_words.tsv")
	// newsTitleEnds end a news item's title (text/news_title_ends.tsv),
	// not a notice's timeline row: trailingNews trims such items.
	newsTitleEnds = rules.Words("text/news_title_ends.tsv")
	// referenceSections are the headings of a long report's sections
	// about others (参考, 用語集) and the words of a heading that resumes
	// the notice after an unnumbered one (text/reference_sections.tsv).
	referenceSections = rules.MustParts(rules.Table("text/reference_sections.tsv", 2), []string{"heading", "resume"})
	// referenceHeadingIndex finds the heading words in one scan of a text.
	referenceHeadingIndex = wordscan.New(referenceSections["heading"])
	// letterheadEnds end a line that is only a body's name (a letterhead:
	// 「名古屋市上下水道局」): organization/suffixes.tsv's line suffixes,
	// the legal forms and a government's division words (局, 部), the
	// organization extractor's lists.
	letterheadEnds = letterheadEndsFrom(rules.Table("organization/suffixes.tsv", 6), rules.Table("organization/legal_forms.tsv", 3),
		rules.Table("organization/departments.tsv", 2))
	// letterheadMaxRunes bounds a letterhead's letters: a body's whole
	// name, organization/weights.tsv name_line_max_runes.
	letterheadMaxRunes = weightOf(rules.Table("organization/weights.tsv", 3), "name_line_max_runes")
	// pageOnly is the page's own chrome of page_chrome.tsv, kinds skip,
	// nav and top: what LeadingChrome cuts. A letter's letterhead, a section
	// heading and a dateline are the notice's.
	pageOnly = mustChrome(pageKinds(chromeRows))
)

// pageKinds are the rows of page_chrome.tsv of kinds skip, nav and top.
func pageKinds(rows []rules.Row) []rules.Row {
	var out []rules.Row
	for _, r := range rows {
		if k := r.Fields[2]; k == "skip" || k == "nav" || k == "top" {
			out = append(out, r)
		}
	}
	return out
}

func mustChrome(rows []rules.Row) chromeRules {
	c, err := parseChrome(rows)
	if err != nil {
		panic(err) // the file is embedded; TestChromeRules reads it
	}
	return c
}

// lineWords are the patterns of a kind matched against a whole line
// (line) or its start (prefix).
type lineWords struct {
	line   map[string]bool
	prefix []string
}

// add files pattern under match; false when match is neither line nor
// prefix.
func (w *lineWords) add(pattern, match string) bool {
	switch match {
	case "line":
		if w.line == nil {
			w.line = map[string]bool{}
		}
		w.line[pattern] = true
	case "prefix":
		w.prefix = append(w.prefix, pattern)
	default:
		return false
	}
	return true
}

// has reports whether line l (bare: bareLine of it) is one of w's.
func (w *lineWords) has(l, bare string) bool {
	return w.line[bare] || anyPrefix(l, bare, w.prefix)
}

// parseChrome reads the rows of page_chrome.tsv: pattern, match, kind.
func parseChrome(rows []rules.Row) (chromeRules, error) {
	c := chromeRules{line: map[string]bool{}}
	for _, r := range rows {
		pattern, match, kind := r.Fields[0], r.Fields[1], r.Fields[2]
		switch kind {
		case "skip", "nav", "letter", "section":
		case "top":
			if match != "suffix" {
				return c, fmt.Errorf("rules: %s: a link to the top page matches suffix, not %q", r.Pos(), match)
			}
			c.top = append(c.top, pattern)
		case "end", "break", "foot", "credit":
			words := &c.end
			switch kind {
			case "foot":
				words = &c.foot
			case "credit":
				words = &c.credit
			}
			if !words.add(pattern, match) {
				return c, fmt.Errorf("rules: %s: kind %s matches line or prefix, not %q", r.Pos(), kind, match)
			}
			if kind == "break" {
				c.breaks.add(pattern, match)
			}
			if kind != "end" && kind != "break" {
				continue // chrome only at the foot of a notice
			}
		case "date":
			if match != "line" && match != "suffix" {
				return c, fmt.Errorf("rules: %s: a date label matches line or suffix, not %q", r.Pos(), match)
			}
			c.dateLabels = append(c.dateLabels, pattern)
			continue
		case "site":
			if match != "suffix" {
				return c, fmt.Errorf("rules: %s: a site word matches suffix, not %q", r.Pos(), match)
			}
			c.site = append(c.site, pattern)
			continue
		default:
			return c, fmt.Errorf("rules: %s: kind %q is not one of skip, nav, top, letter, section, end, break, foot, credit, date, site", r.Pos(), kind)
		}
		switch match {
		case "line":
			c.line[pattern] = true
		case "prefix":
			c.prefix = append(c.prefix, pattern)
		case "suffix":
			c.suffix = append(c.suffix, pattern)
		case "contains":
			c.contains = append(c.contains, pattern)
		default:
			return c, fmt.Errorf("rules: %s: match %q is not one of line, prefix, suffix, contains", r.Pos(), match)
		}
	}
	return c, nil
}

// letterheadEndsFrom are the suffixes marked line of suffixes.tsv, the
// forms of legal_forms.tsv and the division words of departments.tsv.
func letterheadEndsFrom(suffixes, forms, departments []rules.Row) []string {
	var out []string
	for _, r := range suffixes {
		if r.Fields[2] == "yes" {
			out = append(out, r.Fields[0])
		}
	}
	for _, r := range forms {
		out = append(out, r.Fields[0])
	}
	for _, r := range departments {
		if r.Fields[1] == "division" {
			out = append(out, r.Fields[0])
		}
	}
	return out
}

// weightOf is the value of the weight name in rows (name, value, meaning).
func weightOf(rows []rules.Row, name string) int {
	for _, r := range rows {
		if r.Fields[0] == name {
			v, err := r.Int(1, "value")
			if err != nil {
				panic(err)
			}
			return v
		}
	}
	panic(fmt.Errorf("rules: no weight %s", name))
}
