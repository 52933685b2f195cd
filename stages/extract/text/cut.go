package text

import (
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/rules"
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

// CutClause returns where the last clause of s begins (after its last
// 、 or ,) when s, the last sentence of a text, stops before its end: no
// 。, not a heading, and a last clause holding hiragana — a particle or a
// verb whose sentence goes on past the cut ("…、また、メールアドレスのご
// 登録"), so what the clause says of its nouns is unknown. A bare noun
// ("…、メールアドレス"), or any clause after one ("性別、世帯主、続柄の書
// いた名"), is an item of a list wherever the list stops. It returns -1
// when s is read whole.
func CutClause(s Sentence) int {
	if !CutShort(s) {
		return -1
	}
	t := strings.TrimRight(s.Text, " ")
	start, prev := clauseStart(t, len(t)), -1
	if start > 0 {
		prev = clauseStart(t, start-1)
	}
	if prev >= 0 && !hasHiragana(strings.TrimRight(t[prev:start], "、,")) {
		return -1
	}
	return start
}

// sentenceEnds end a finished sentence written without 。 (rules/text).
var sentenceEnds = rules.Words(textRulesDir + "sentence_ends.tsv")

// CutShort reports whether s, read as the last sentence of a text, stops
// before its end: no 。 nor a finished sentence's ending (ます, です), not
// a heading, and hiragana in its last clause (a particle or a verb that
// goes on past the cut).
func CutShort(s Sentence) bool {
	t := strings.TrimRight(s.Text, " ")
	if t == "" || strings.HasSuffix(t, "。") || IsHeading(t) || HasSuffixAny(t, sentenceEnds) {
		return false
	}
	return hasHiragana(t[clauseStart(t, len(t)):])
}

// clauseStart is where the clause that ends at end begins: after the last
// 、 or , before end.
func clauseStart(t string, end int) int {
	i := Commas.LastIndex(t[:end])
	if i < 0 {
		return 0
	}
	_, size := utf8.DecodeRuneInString(t[i:])
	return i + size
}

func hasHiragana(s string) bool {
	for _, r := range s {
		if r >= 'ぁ' && r <= 'ゖ' {
			return true
		}
	}
	return false
}
