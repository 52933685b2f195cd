package load

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/breachtrend/breachtrend/rules"
)

// FileHTMLChrome is the rule file of the parts of an HTML page that hold no
// notice (menus, breadcrumbs, side columns, form controls).
const FileHTMLChrome = "text/html_chrome.tsv"

// htmlChrome is html_chrome.tsv, by kind.
type htmlChrome struct {
	elements map[atom.Atom]bool
	roles    map[string]bool
	marks    map[string]bool // matched against the parts of an id or class
	long     []string        // marks of six letters or more, matched within one
}

var pageChrome = mustHTMLChrome(rules.Table(FileHTMLChrome, 2))

func mustHTMLChrome(rows []rules.Row) htmlChrome {
	c, err := parseHTMLChrome(rows)
	if err != nil {
		panic(err) // the file is embedded; TestHTMLChromeRules reads it
	}
	return c
}

// parseHTMLChrome reads the rows of html_chrome.tsv: kind, value.
func parseHTMLChrome(rows []rules.Row) (htmlChrome, error) {
	c := htmlChrome{elements: map[atom.Atom]bool{}, roles: map[string]bool{}, marks: map[string]bool{}}
	for _, r := range rows {
		kind, value := r.Fields[0], r.Fields[1]
		if value != strings.ToLower(value) {
			return c, fmt.Errorf("rules: %s: %q: values are lower case", r.Pos(), value)
		}
		switch kind {
		case "element":
			a := atom.Lookup([]byte(value))
			if a == 0 {
				return c, fmt.Errorf("rules: %s: %q is no HTML element", r.Pos(), value)
			}
			if isContentAtom(a) {
				return c, fmt.Errorf("rules: %s: %q holds a page's content", r.Pos(), value)
			}
			c.elements[a] = true
		case "role":
			c.roles[value] = true
		case "mark":
			c.marks[value] = true
			if utf8.RuneCountInString(value) >= longMark {
				c.long = append(c.long, value)
			}
		default:
			return c, fmt.Errorf("rules: %s: kind %q is not one of element, role, mark", r.Pos(), kind)
		}
	}
	return c, nil
}

// longMark is the length from which a mark is found inside an id or a
// class (pankuzuList, breadcrumbs); a shorter one (nav, sns) only as a
// part of one, lest it be found in a word it is part of (canvas, snsd).
const longMark = 6

// minContentRunes is the least text a page keeps once its chrome is left
// out; a page with less (a notice inside a <nav>, a content block whose
// class reads as chrome) keeps its whole text.
const minContentRunes = 80

// tooLittleText reports whether a page's text without its chrome is too
// short to be all of the page (minContentRunes): the chrome is kept then.
func tooLittleText(text string) bool {
	return utf8.RuneCountInString(strings.TrimSpace(text)) < minContentRunes
}

// isChrome reports whether the element n is chrome of the page: an element,
// role, id or class of html_chrome.tsv, and no mark of the main content.
func (c *htmlChrome) isChrome(n *html.Node) bool {
	if c.elements[n.DataAtom] {
		return true
	}
	if isContent(n) {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			if c.roles[strings.ToLower(strings.TrimSpace(a.Val))] {
				return true
			}
		case "id", "class":
			for _, name := range strings.Fields(strings.ToLower(a.Val)) {
				if c.markedName(name) {
					return true
				}
			}
		}
	}
	return false
}

// markedName reports whether an id or a class names chrome: one of its
// parts (split at - and _) is a mark, or it holds a long mark.
func (c *htmlChrome) markedName(name string) bool {
	for _, m := range c.long {
		if strings.Contains(name, m) {
			return true
		}
	}
	for part := range strings.FieldsFuncSeq(name, func(r rune) bool { return r == '-' || r == '_' }) {
		if c.marks[part] {
			return true
		}
	}
	return false
}

// isContentAtom reports whether elements of a hold a page's main content.
func isContentAtom(a atom.Atom) bool { return a == atom.Main || a == atom.Article }
