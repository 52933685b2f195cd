package text

import "regexp"

var (
	headingNumber = regexp.MustCompile(`^(\d{1,2}[.)、]|\(\d{1,2}\)|[一二三四五六七八九十]+[、.]|第\d+|[IVX]+\.)\s*\S`)
	itemNumber    = regexp.MustCompile(`^(\(\d{1,2}\)|\d{1,2}\)|[a-z]\))`)
)

// TrimLead is re.ReplaceAllString(s, "") for a pattern anchored at the
// start of the text (it opens with ^, outside any group, without (?m)):
// such a pattern matches once at most, at 0, so the result is what follows
// that match. ReplaceAllString builds a copy of s even when nothing
// matches; TrimLead returns a part of s and allocates nothing then.
func TrimLead(re *regexp.Regexp, s string) string {
	if loc := re.FindStringIndex(s); loc != nil {
		return s[loc[1]:]
	}
	return s
}
