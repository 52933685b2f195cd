package normalize

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// premap holds the characters NFKC gets wrong for this corpus.
var premap = func() map[rune]string {
	m := map[rune]string{
		// CJK Radicals Supplement look-alikes that NFKC leaves alone. ⻅,
		// the simplified radical of see, is 見: a Japanese font draws it so,
		// and the text of a Japanese PDF writes it for 見 (意⻅, 発⻅).
		'⺁': "厂", '⺅': "亻", '⺇': "几", '⺉': "刂", '⺋': "㔾", '⺎': "兀", '⺏': "尢",
		'⺐': "尣", '⺒': "巳", '⺓': "幺", '⺔': "彑", '⺖': "忄", '⺗': "心", '⺘': "扌",
		'⺙': "攵", '⺛': "旡", '⺜': "日", '⺝': "月", '⺞': "歺", '⺟': "母", '⺠': "民",
		'⺡': "氵", '⺢': "氺", '⺣': "灬", '⺤': "爫", '⺦': "丬", '⺧': "牛", '⺨': "犭",
		'⺩': "王", '⺪': "疋", '⺫': "目", '⺬': "示", '⺭': "礻", '⺮': "竹", '⺯': "糸",
		'⺰': "纟", '⺱': "罒", '⺲': "罒", '⺳': "网", '⺴': "罒", '⺵': "罒", '⺶': "羊",
		'⺷': "羊", '⺸': "羋", '⺹': "耂", '⺺': "肀", '⺻': "聿", '⺼': "月", '⺽': "臼",
		'⺾': "艹", '⺿': "艹", '⻀': "艹", '⻁': "虎", '⻂': "衤", '⻃': "西", '⻄': "西",
		'⻅': "見", '⻆': "角", '⻇': "角", '⻈': "讠", '⻉': "贝", '⻊': "足", '⻋': "车",
		'⻌': "辶", '⻍': "辶", '⻎': "辶", '⻏': "阝", '⻐': "金", '⻑': "長", '⻒': "镸",
		'⻓': "长", '⻔': "门", '⻕': "阝", '⻖': "阝", '⻗': "雨", '⻘': "青", '⻙': "韦",
		'⻚': "页", '⻛': "风", '⻜': "飞", '⻝': "食", '⻞': "食", '⻟': "食", '⻠': "饣",
		'⻡': "首", '⻢': "马", '⻣': "骨", '⻤': "鬼", '⻥': "鱼", '⻦': "鸟", '⻧': "卤",
		'⻨': "麦", '⻩': "黄", '⻪': "黾", '⻫': "斉", '⻬': "齐", '⻭': "歯", '⻮': "齿",
		'⻯': "竜", '⻰': "龙", '⻱': "龜", '⻲': "亀", '⻳': "龟",
		// Wave dashes: 〜 (U+301C) and ～ (U+FF5E, which NFKC makes ~) alike,
		// and the tilde operator ∼ (U+223C) that some PDF and Word exports
		// write for them (3月19日(土)∼24日(木)).
		'〜': "~", '〰': "~", '∼': "~",
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
	// The map runs before NFKC, which would turn ① into a bare 1, and again
	// after it, since NFKC makes some mapped characters itself (﹘ → —).
	c := canonicalChars(s)
	return foldLines(withoutPageFurniture(c, widthSource(s, c)))
}

// widthSource is the text whose lines give the widths at which the lines
// of c, the canonical form of s, were laid out: s itself when it has as
// many lines, since NFKC narrows a full-width （ or ７ that took two
// columns where the text was wrapped to one; else c. Bytes that are no
// UTF-8 and control characters, which c drops, took no columns: a text
// that holds any is measured as c (and so Text of Text is Text).
func widthSource(s, c string) string {
	if len(s) == len(c) && s == c || strings.Count(s, "\n") != strings.Count(c, "\n") ||
		!utf8.ValidString(s) || strings.ContainsFunc(s, isLayoutControl) {
		return c
	}
	return s
}

// isLayoutControl reports whether r is a control character that no layout
// gives a column: C0 but white space (tab, line feed, vertical tab, form
// feed, pdftotext's page break, and carriage return), and DEL.
func isLayoutControl(r rune) bool {
	return r < 0x20 && (r < '\t' || r > '\r') || r == 0x7F
}

// Chars normalizes characters only: the look-alike map and NFKC, with runs
// of white space made one space. It keeps the spaces Text folds, for lines
// where a space separates fields (a blog header's organization and title).
func Chars(s string) string {
	c := canonicalChars(s)
	var b strings.Builder
	b.Grow(len(c))
	for f := range strings.FieldsSeq(c) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

// premapLo and premapHi bound premap's keys: a rune outside them needs no
// map lookup.
var premapLo, premapHi = func() (rune, rune) {
	lo, hi := utf8.MaxRune, rune(0)
	for r := range premap {
		lo, hi = min(lo, r), max(hi, r)
	}
	return lo, hi
}()

// isOddSpace reports whether r is a space that the rune map makes a plain
// one.
func isOddSpace(r rune) bool {
	return r == '\u00a0' || r == '\u3000' || r == '\t' || r == '\u200b' || r == '\ufeff'
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
	switch {
	case r < 0x2E80:
		return false // below the CJK radicals: no kana, kanji or CJK mark
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA:
		return true // most of a text: kanji, hiragana, katakana
	}
	return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) ||
		(r >= 0x3000 && r <= 0x303f) || r == 'ー' || r == '々' || r == '〆' || r == 'ヶ' ||
		(r >= 0xff61 && r <= 0xff9f)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
