package extract

import (
	"strings"
	"unicode/utf8"
)

// sentence is one sentence or list line of a notice, with its line and the
// heading it sits under.
type sentence struct {
	Text    string
	Line    int    // line index in the normalized text
	Heading string // nearest heading line above, "" at the top
	Item    bool   // a list item or a short line in a list
	// Dates are the sentence's date mentions (findDates(Text)). They are
	// found once here: publishedDate, timeline, stripDates and the look-ahead
	// of date-only lines all read them, and the date regexps were the
	// extractor's largest cost when each ran them again.
	Dates []dateMention
}

// splitSentences cuts normalized text into sentences at 。 and line ends,
// remembering the heading each sits under. A heading is a short line with
// no sentence end that is followed by content.
func splitSentences(text string) []sentence {
	lines := strings.Split(text, "\n")
	var out []sentence
	heading := ""
	for i, l := range lines {
		if l == "" {
			continue
		}
		if isHeading(l) {
			heading = l
		}
		item := isListItem(l)
		for _, s := range splitAtPeriods(l) {
			out = append(out, sentence{Text: s, Line: i, Heading: heading, Item: item, Dates: findDates(s)})
		}
	}
	return out
}

// splitAtPeriods cuts a line after each 。 that is not inside brackets.
func splitAtPeriods(l string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range l {
		switch r {
		case '「', '(', '『', '【', '[':
			depth++
		case '」', ')', '』', '】', ']':
			if depth > 0 {
				depth--
			}
		case '。':
			if depth == 0 {
				end := i + utf8.RuneLen(r)
				if s := strings.TrimSpace(l[start:end]); s != "" {
					out = append(out, s)
				}
				start = end
			}
		}
	}
	if s := strings.TrimSpace(l[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// isHeading reports whether a line reads as a section heading: short, not
// a sentence, often numbered or bracketed.
func isHeading(l string) bool {
	n := utf8.RuneCountInString(l)
	if n > 40 || strings.Contains(l, "。") {
		return false
	}
	if strings.HasPrefix(l, "【") || strings.HasPrefix(l, "■") || strings.HasPrefix(l, "<") || strings.HasPrefix(l, "[") {
		return true
	}
	if headingNumber.MatchString(l) && n <= 30 && !strings.ContainsAny(l, "、,") {
		return true
	}
	return n <= 16 && !strings.ContainsAny(l, "、,:") && !isListItem(l)
}

// isListItem reports whether a line is a bullet or enumerated item.
func isListItem(l string) bool {
	return strings.HasPrefix(l, "・") || strings.HasPrefix(l, "•") || strings.HasPrefix(l, "●") ||
		strings.HasPrefix(l, "-") || strings.HasPrefix(l, "○") || strings.HasPrefix(l, "◦") ||
		strings.HasPrefix(l, "*") || itemNumber.MatchString(l)
}
