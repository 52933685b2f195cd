package text

import (
	"strings"
	"unicode/utf8"
)

// closers maps each opening bracket to the one that closes it.
var closers = map[rune]rune{'(': ')', '「': '」', '【': '】', '『': '』', '[': ']', '<': '>', '〈': '〉', '《': '》', '〔': '〕'}

// LooksCut reports whether the last line of a text ends where no line
// ends: inside a bracket, after a list separator (、・,:), or right
// after a digit. Notices are often kept to their first few hundred
// characters, so such a line is the cut and what it began (an item, a
// count, a name) is not all there. A line that merely lacks 。 (a
// heading, "以上", an item ending in 等) does not look cut.
func LooksCut(s string) bool {
	s = strings.TrimRight(s, " \t\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	if s == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune("、・,:", last) || last >= '0' && last <= '9' {
		return true
	}
	var open []rune // brackets opened and not yet closed, innermost last
	for _, r := range s {
		if c, ok := closers[r]; ok {
			open = append(open, c)
		} else if n := len(open); n > 0 && r == open[n-1] {
			open = open[:n-1]
		}
	}
	return len(open) > 0
}
