package normalize

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// premap holds the characters NFKC gets wrong for this corpus.
var premap = func() map[rune]string {
	m := map[rune]string{
		// CJK Radicals Supplement look-alikes that NFKC leaves alone.
		'⺁': "厂", '⺅': "亻", '⺇': "几", '⺉': "刂", '⺋': "㔾", '⺎': "兀", '⺏': "尢",
		'⺐': "尣", '⺒': "巳", '⺓': "幺", '⺔': "彑", '⺖': "忄", '⺗': "心", '⺘': "扌",
		'⺙': "攵", '⺛': "旡", '⺜': "日", '⺝': "月", '⺞': "歺", '⺟': "母", '⺠': "民",
		'⺡': "氵", '⺢': "氺", '⺣': "灬", '⺤': "爫", '⺦': "丬", '⺧': "牛", '⺨': "犭",
		'⺩': "王", '⺪': "疋", '⺫': "目", '⺬': "示", '⺭': "礻", '⺮': "竹", '⺯': "糸",
		'⺰': "纟", '⺱': "罒", '⺲': "罒", '⺳': "网", '⺴': "罒", '⺵': "罒", '⺶': "羊",
		'⺷': "羊", '⺸': "羋", '⺹': "耂", '⺺': "肀", '⺻': "聿", '⺼': "月", '⺽': "臼",
		'⺾': "艹", '⺿': "艹", '⻀': "艹", '⻁': "虎", '⻂': "衤", '⻃': "西", '⻄': "西",
		'⻅': "见", '⻆': "角", '⻇': "角", '⻈': "讠", '⻉': "贝", '⻊': "足", '⻋': "车",
		'⻌': "辶", '⻍': "辶", '⻎': "辶", '⻏': "阝", '⻐': "金", '⻑': "長", '⻒': "镸",
		'⻓': "长", '⻔': "门", '⻕': "阝", '⻖': "阝", '⻗': "雨", '⻘': "青", '⻙': "韦",
		'⻚': "页", '⻛': "风", '⻜': "飞", '⻝': "食", '⻞': "食", '⻟': "食", '⻠': "饣",
		'⻡': "首", '⻢': "马", '⻣': "骨", '⻤': "鬼", '⻥': "鱼", '⻦': "鸟", '⻧': "卤",
		'⻨': "麦", '⻩': "黄", '⻪': "黾", '⻫': "斉", '⻬': "齐", '⻭': "歯", '⻮': "齿",
		'⻯': "竜", '⻰': "龙", '⻱': "龜", '⻲': "亀", '⻳': "龟",
		// Wave dashes: 〜 (U+301C) and ～ (U+FF5E, which NFKC makes ~) alike.
		'〜': "~", '〰': "~",
		// Dashes used as range marks in dates.
		'–': "-", '—': "-", '―': "-", '‐': "-", '−': "-",
	}
	// Circled and parenthesized numbers are list markers: keep them apart
	// from the number that follows, "(1)" rather than NFKC's bare "1".
	for i := 0; i < 20; i++ {
		n := "(" + strconv.Itoa(i+1) + ")"
		m['①'+rune(i)] = n // ①–⑳
		m['⑴'+rune(i)] = n // ⑴–⒇
	}
	for i := 0; i < 10; i++ {
		n := "(" + strconv.Itoa(i+1) + ")"
		m['❶'+rune(i)] = n // ❶–❿
		m['➀'+rune(i)] = n // ➀–➉
		m['➊'+rune(i)] = n // ➊–➓
	}
	for i := 0; i < 10; i++ {
		m['⓵'+rune(i)] = "(" + strconv.Itoa(i+1) + ")" // ⓵–⓾
	}
	return m
}()

// Text returns the canonical form of s.
func Text(s string) string {
	s = strings.ToValidUTF8(s, "")
	// The map runs before NFKC, which would turn ① into a bare 1, and again
	// after it, since NFKC makes some mapped characters itself (﹘ → —).
	s = mapRunes(norm.NFKC.String(mapRunes(s)))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = foldSpaces(l)
	}
	return strings.Join(joinBrokenLines(lines), "\n")
}

// Chars normalizes characters only: the look-alike map and NFKC, with runs
// of white space made one space. It keeps the spaces Text folds, for lines
// where a space separates fields (a blog header's organization and title).
func Chars(s string) string {
	s = mapRunes(norm.NFKC.String(mapRunes(strings.ToValidUTF8(s, ""))))
	return strings.Join(strings.Fields(s), " ")
}

// premapLo and premapHi bound premap's keys: a rune outside them needs no
// map lookup, which is most of the cost of mapRunes on Japanese text.
var premapLo, premapHi = func() (rune, rune) {
	lo, hi := utf8.MaxRune, rune(0)
	for r := range premap {
		lo, hi = min(lo, r), max(hi, r)
	}
	return lo, hi
}()

// keeps reports whether mapRunes leaves r as it is.
func keeps(r rune) bool {
	if r >= premapLo && r <= premapHi {
		if _, ok := premap[r]; ok {
			return false
		}
	}
	switch {
	case r == '\r', r == '\u00a0' || r == '\u3000' || r == '\t' || r == '\u200b' || r == '\ufeff':
		return false
	case r != '\n' && unicode.IsControl(r):
		return false
	}
	return true
}

// mapRunes applies premap and turns odd spaces into plain ones and drops
// control characters other than the newline.
func mapRunes(s string) string {
	// Most text has little or nothing to map: the part before the first
	// rune that changes is kept as it is, not rune by rune. (Invalid UTF-8
	// decodes as RuneError, which is written out as U+FFFD, so a RuneError
	// ends the kept part too.)
	start := len(s)
	for i, r := range s {
		if !keeps(r) || r == utf8.RuneError {
			start = i
			break
		}
	}
	if start == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:start])
	for _, r := range s[start:] {
		if r >= premapLo && r <= premapHi {
			if rep, ok := premap[r]; ok {
				b.WriteString(rep)
				continue
			}
		}
		switch {
		case r == '\r':
			continue
		case r == '\u00a0' || r == '\u3000' || r == '\t' || r == '\u200b' || r == '\ufeff':
			b.WriteByte(' ')
			continue
		case r != '\n' && unicode.IsControl(r):
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Compact is s in canonical form with all white space removed: the form in
// which gold snippets and header texts are compared.
func Compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, Text(s))
}

// IsJapanese reports whether r is kana, a CJK ideograph or Japanese
// punctuation: the characters between which a space carries no meaning.
func IsJapanese(r rune) bool {
	return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) ||
		(r >= 0x3000 && r <= 0x303f) || r == 'ー' || r == '々' || r == '〆' || r == 'ヶ' ||
		(r >= 0xff61 && r <= 0xff9f)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// foldSpaces trims a line, collapses runs of spaces and drops a space that
// stands between Japanese text and a digit or more Japanese ("約 25 万人",
// "2023 年7月 24 日"), where PDF extraction and HTML put spaces that mean
// nothing. Spaces next to Latin words stay.
func foldSpaces(l string) string {
	l = strings.TrimSpace(l)
	if !strings.ContainsRune(l, ' ') {
		return l
	}
	rs := []rune(l)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != ' ' {
			out = append(out, r)
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if len(out) > 0 && j < len(rs) {
			prev, next := out[len(out)-1], rs[j]
			pj, nj := IsJapanese(prev), IsJapanese(next)
			if (pj && (nj || isDigit(next))) || (nj && isDigit(prev)) {
				i = j - 1
				continue
			}
		}
		out = append(out, ' ')
		i = j - 1
	}
	return string(out)
}

// joinBrokenLines joins a line to the next when the line break falls inside
// a sentence (PDF text and fixed-width mail wrap lines anywhere), and folds
// runs of blank lines into one.
func joinBrokenLines(lines []string) []string {
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		if l == "" {
			blank = true
			continue
		}
		if n := len(out); n > 0 && continues(out[n-1], l, blank) {
			out[n-1] += l
			blank = false
			continue
		}
		if blank && len(out) > 0 {
			out = append(out, "")
		}
		blank = false
		out = append(out, l)
	}
	return out
}

// continues reports whether next continues the sentence that prev breaks
// off. Without a blank line between them, a long line that stops in the
// middle of a word and a next line that starts with a kana or kanji is a
// wrap; across a blank line only a dangling particle is.
func continues(prev, next string, blank bool) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	if !IsJapanese(first) || strings.ContainsRune("・※●○■□◆◇▼▲★☆【「『(〈《<-~", first) {
		return false
	}
	if !IsJapanese(last) || strings.ContainsRune("。!?」』)】>:", last) {
		return false
	}
	if blank {
		return utf8.RuneCountInString(prev) >= 20 && strings.ContainsRune("をにがのへとやでっ", last) &&
			unicode.Is(unicode.Hiragana, first)
	}
	// A wrapped line is long and stops mid-word; the next starts with the
	// kana that end the word, not with a sentence opener.
	if utf8.RuneCountInString(prev) < 30 || strings.ContainsRune("すた", last) || !unicode.Is(unicode.Hiragana, first) {
		return false
	}
	for _, opener := range sentenceOpeners {
		if strings.HasPrefix(next, opener) {
			return false
		}
	}
	return true
}

// sentenceOpeners are the hiragana words a new sentence or paragraph starts
// with; a line that starts with one is not the tail of a wrapped line.
var sentenceOpeners = []string{"なお", "この", "その", "また", "さらに", "ただし", "まず", "いずれ",
	"これ", "それ", "あわせて", "おって", "つきまして", "ついては", "お客", "ご", "お問", "お詫", "おわ", "しかし", "もし"}
