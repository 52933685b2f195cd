package text

import (
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/runes"
	"github.com/breachtrend/breachtrend/rules"
)

// IsKanjiNumeral reports whether r may end a number of a count: 〇…十, 百,
// 千, 万.
func IsKanjiNumeral(r rune) bool {
	if r != '〇' && (r < '一' || r > '百') {
		return false // kana, Latin and most kanji, told at once: the scanners ask at every rune
	}
	switch r {
	case '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万':
		return true
	}
	return false
}

// ContainsAny reports whether s contains any of words (IndexWord).
func ContainsAny(s string, words []string) bool {
	for _, w := range words {
		if IndexWord(s, w) >= 0 {
			return true
		}
	}
	return false
}

// Occurrences yields the byte offset of each occurrence of w in s, left
// to right, each found after the end of the one before (IndexWord from
// there): the loop that reads every place a word stands.
func Occurrences(s, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		if w == "" {
			return
		}
		for at := 0; ; {
			i := IndexWord(s[at:], w)
			if i < 0 {
				return
			}
			i += at
			at = i + len(w)
			if !yield(i) {
				return
			}
		}
	}
}

// IndexWord is strings.Index(s, w), faster for a word that begins with a
// kana or a kanji in a text of more than a few dozen bytes. strings.Index
// looks for the word's first byte and compares from there, but the first
// byte of a kana (0xE3) is that of every other rune of Japanese text, and
// that of a kanji (0xE4–0xE9) hardly rarer; the third byte, which tells
// the runes of one block apart, matches one rune in ~64. IndexWord looks
// for that byte (strings.IndexByte) and compares the word around it.
func IndexWord(s, w string) int {
	if len(w) < 3 || w[0] < 0xE0 || len(s) < indexWordMin {
		return strings.Index(s, w)
	}
	third := w[2]
	for i := 2; i < len(s); {
		j := strings.IndexByte(s[i:], third)
		if j < 0 {
			return -1
		}
		at := i + j - 2
		if at+len(w) > len(s) {
			return -1 // every later candidate ends further
		}
		if s[at:at+len(w)] == w {
			return at
		}
		i += j + 1
	}
	return -1
}

// indexWordMin is the length of text below which IndexWord leaves the
// search to strings.Index, which compares short texts by brute force with
// vector instructions (bytealg.MaxBruteForce is 64 on amd64).
const indexWordMin = 64

func IsDigitOrSpace(r rune) bool {
	return r >= '0' && r <= '9' || r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

func IsKanjiDigit(r rune) bool { return strings.ContainsRune("一二三四五六七八九十", r) }

func IsDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func IsOneOf(v string, allowed []string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// OrderedAlternation is a regexp that matches any of words, literally, tried in
// the order given (the order of the file: where one word is a prefix of
// another, the file says which is taken).
func OrderedAlternation(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return "(?:" + strings.Join(q, "|") + ")"
}

// HasPrefixAny reports whether s begins with any of ps (strings.HasPrefix).
// The last byte of a prefix is compared before the whole: in Japanese
// text the first bytes of most runes are alike (E3 for every kana), the
// last tell them apart, and most words are ruled out without the call
// that compares strings.
func HasPrefixAny(s string, ps []string) bool {
	for _, p := range ps {
		if n := len(p); n <= len(s) && (n == 0 || s[n-1] == p[n-1] && s[:n] == p) {
			return true
		}
	}
	return false
}

// LongestPrefix is the length of the longest of words that s opens
// with, 0 for none.
func LongestPrefix(s string, words []string) int {
	n := 0
	for _, w := range words {
		if len(w) > n && strings.HasPrefix(s, w) {
			n = len(w)
		}
	}
	return n
}

// FirstIndexAny is the smallest index in s of any of words, -1 for none.
func FirstIndexAny(s string, words []string) int {
	first := -1
	for _, w := range words {
		if i := strings.Index(s, w); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

// LastEndAny is the largest index in s just past an occurrence of any of
// words (where the text after the last of them begins), -1 for none.
func LastEndAny(s string, words []string) int {
	end := -1
	for _, w := range words {
		if i := strings.LastIndex(s, w); i >= 0 && i+len(w) > end {
			end = i + len(w)
		}
	}
	return end
}

// HasSuffixAny reports whether s ends in one of ss.
func HasSuffixAny(s string, ss []string) bool {
	for _, w := range ss {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// PrefixBytes is the length in bytes of the first max runes of s (all of
// s when it is shorter).
func PrefixBytes(s string, max int) int { return len(runes.Prefix(s, max)) }

// Alternation is a non-capturing group matching any of words, the longest
// first: of two words that begin alike the longer is tried first (県警察
// before 県警), as Go's regexp prefers the first alternative that matches.
func Alternation(words []string) string {
	sorted := LongestFirst(words)
	quoted := make([]string, len(sorted))
	for i, w := range sorted {
		quoted[i] = regexp.QuoteMeta(w)
	}
	return `(?:` + strings.Join(quoted, "|") + `)`
}

// LongestFirst is words sorted longest first, keeping the file's order
// among words of one length: of two words where one opens the other, a
// scan that takes the first that matches takes the longer.
func LongestFirst(words []string) []string {
	out := slices.Clone(words)
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// WordsByRole reads a table of word <TAB> role (the role column named
// column in errors): the words of each role of allowed, in the file's
// order. It panics, naming the file and the line, on a role not allowed,
// a word written twice for one role, or an allowed role with no word.
func WordsByRole(rows []rules.Row, column string, allowed ...string) map[string][]string {
	out := map[string][]string{}
	path := ""
	for _, r := range rows {
		path = r.File
		rules.Must(r.CheckOneOf(1, column, allowed...))
		if slices.Contains(out[r.Fields[1]], r.Fields[0]) {
			panic(fmt.Errorf("rules: %s: %q is already a word of %s", r.Pos(), r.Fields[0], r.Fields[1]))
		}
		out[r.Fields[1]] = append(out[r.Fields[1]], r.Fields[0])
	}
	for _, role := range allowed {
		if len(out[role]) == 0 {
			panic(fmt.Errorf("rules: %s: no words of %s", path, role))
		}
	}
	return out
}

// RuneClass is a character class of words of one character each.
func RuneClass(words []string) string { return "[" + ClassRunes(words) + "]" }

// ClassRunes writes the runes of words for the inside of a regexp
// character class, the class's own metacharacters escaped (- too, which
// regexp.QuoteMeta leaves: 「●-○」 would be a range), so that a caller may
// put other runes beside them.
func ClassRunes(words []string) string {
	var b strings.Builder
	for _, w := range words {
		for _, r := range w {
			if strings.ContainsRune(`\-]^[`, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// RuneBound is the repetition {lo,hi}.
func RuneBound(lo, hi int) string { return fmt.Sprintf("{%d,%d}", lo, hi) }

// MinimalWords are the words of ws that hold no other word of ws: a text
// holds one of ws only if it holds one of these.
func MinimalWords(ws []string) []string {
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

// LastRuneOfEach is the last characters of words, as one string for
// strings.LastIndexAny.
func LastRuneOfEach(words []string) string {
	var b strings.Builder
	for _, w := range words {
		r, _ := utf8.DecodeLastRuneInString(w)
		b.WriteRune(r)
	}
	return b.String()
}

// flags reads yes/no columns 1.. of a row, named as the file's header.
// UniqueKeys panics on a row whose first n fields are those of an earlier
// row: a word listed twice, perhaps with other columns.
func UniqueKeys(rows []rules.Row, n int) {
	seen := map[string]int{}
	for _, r := range rows {
		k := strings.Join(r.Fields[:n], "\t")
		if first, dup := seen[k]; dup {
			panic(fmt.Errorf("rules: %s: %q is already on line %d", r.Pos(), strings.Join(r.Fields[:n], " "), first))
		}
		seen[k] = r.Line
	}
}

func Flags(r rules.Row, names ...string) []bool {
	out := make([]bool, len(names))
	for i, n := range names {
		out[i] = must(r.Flag(i+1, n))
	}
	return out
}

func AnyUsed(b []bool) bool {
	for _, v := range b {
		if v {
			return true
		}
	}
	return false
}

// Union is the words of the lists, each once, in order.
func Union(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, w := range l {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// ContainsWord is strings.Contains(s, w), by IndexWord.
func ContainsWord(s, w string) bool { return IndexWord(s, w) >= 0 }

// CutTrailingBracket splits s, when it ends with a closing bracket ")",
// at the last opening one before it: what stands before the bracket and
// what the brackets hold (「…について(監理課)」 gives 「…について」 and
// 「監理課」). ok is false when s ends otherwise or opens no bracket.
func CutTrailingBracket(s string) (before, inner string, ok bool) {
	body, ok := strings.CutSuffix(s, ")")
	if !ok {
		return "", "", false
	}
	open := strings.LastIndexByte(body, '(')
	if open < 0 {
		return "", "", false
	}
	return body[:open], body[open+1:], true
}
