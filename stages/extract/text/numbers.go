package text

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseNumber reads 61,942, 25万, 3万5千, 3.5万, 三千, 一万二千.
func ParseNumber(s string) (int64, bool) {
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, false
	}
	if kanjiDigits.In(s) || (!IsDigitByte(s[0]) && kanjiPowers.In(s)) {
		return ParseKanjiNumber(s)
	}
	var total float64
	if i := IndexWord(s, "万"); i >= 0 {
		f, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return 0, false
		}
		total = f * 10000
		s = s[i+len("万"):]
	}
	if i := IndexWord(s, "千"); i >= 0 {
		f, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return 0, false
		}
		total += f * 1000
		s = s[i+len("千"):]
	}
	if s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, false
		}
		total += f
	}
	if total > 1e10 {
		return 0, false
	}
	return int64(total + 0.5), true
}

var KanjiDigits = map[rune]int64{'〇': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// ParseKanjiNumber reads kanji numerals: 三千, 一万二千五百, 二十.
func ParseKanjiNumber(s string) (int64, bool) {
	var total, section, digit int64
	seen := false
	for _, r := range s {
		switch r {
		case '十', '百', '千':
			mul := map[rune]int64{'十': 10, '百': 100, '千': 1000}[r]
			if digit == 0 {
				digit = 1
			}
			section += digit * mul
			digit = 0
		case '万':
			section += digit
			if section == 0 {
				section = 1
			}
			total += section * 10000
			section, digit = 0, 0
		default:
			d, ok := KanjiDigits[r]
			if !ok {
				return 0, false
			}
			digit = digit*10 + d
		}
		seen = true
	}
	return total + section + digit, seen
}

// ThreeByteRune reads the rune at i of s, a byte at or above 0x80, when
// it is a valid rune of three bytes (U+0800…U+FFFF: kana, kanji, full-width
// forms), as utf8.DecodeRuneInString would; it reads any other byte as one
// unknown rune (-1). Every rune the date and count cues look for is three
// bytes long, and the general decoding was the larger part of scanning a
// sentence for them.
//
// It is small enough for the compiler to inline: the scanners call it at
// every rune. The overlong forms (E0 80–9F) decode below U+0800 and the
// surrogates (ED A0–BF) to U+D800…U+DFFF, so one test of the rune rules
// out both.
func ThreeByteRune(s string, i int) (rune, int) {
	if i+2 < len(s) {
		v := rune(s[i])<<16 | rune(s[i+1])<<8 | rune(s[i+2])
		if r := v>>4&0xF000 | v>>2&0xFC0 | v&0x3F; v&0xF0C0C0 == 0xE08080 && r >= 0x800 && r&0xF800 != 0xD800 {
			return r, 3
		}
	}
	return -1, 1
}

// DecodeRuneAt is utf8.DecodeRuneInString(s[i:]), with the kana and kanji
// of Japanese text (three bytes each) and ASCII decoded inline: the
// scanners that walk a sentence rune by rune spent most of their time in
// the general decoder.
func DecodeRuneAt(s string, i int) (rune, int) {
	if b := s[i]; b < utf8.RuneSelf {
		return rune(b), 1
	}
	if r, n := ThreeByteRune(s, i); n == 3 {
		return r, 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// DecodeLastRuneBefore is utf8.DecodeLastRuneInString(s[:i]), with the
// kana and kanji of Japanese text (three bytes each) read inline, as
// DecodeRuneAt reads them forwards: the scanners that read the runes
// before a count or a name walk back through a sentence.
func DecodeLastRuneBefore(s string, i int) (rune, int) {
	if i >= 3 {
		if r, n := ThreeByteRune(s, i-3); n == 3 {
			return r, 3
		}
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// IsSpaceByte reports whether b is white space as \s means it in a regexp.
func IsSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }

// SkipSpace is the end of the run of \s white space at i.
func SkipSpace(s string, i int) int {
	for i < len(s) && IsSpaceByte(s[i]) {
		i++
	}
	return i
}

// DigitsUpTo is the end of the run of at most max ASCII digits at i.
func DigitsUpTo(s string, i, max int) int {
	e := i
	for e < len(s) && e-i < max && IsDigitByte(s[e]) {
		e++
	}
	return e
}
