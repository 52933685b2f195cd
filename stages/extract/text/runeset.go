package text

import (
	"unicode/utf8"
)

// RuneSet is a fixed set of runes to search texts for: Index, LastIndex
// and In give what strings.IndexAny, strings.LastIndexAny and
// strings.ContainsAny give with the set's runes as chars. Those take a
// set holding a rune of more than one byte (、。「) rune by rune, and for
// each rune of the text search chars for it, through a string made of
// the rune: on Japanese text that was a few percent of a one-sentence
// notice's extraction. A RuneSet is made once, from a rule's runes, and
// tests each rune of a text with a bit (ASCII) or a short list. Read-only
// once made; safe for concurrent use.
type RuneSet struct {
	ascii [2]uint64 // bit b for byte b < 0x80 in the set
	wide  []rune    // the other runes of the set; utf8.RuneError stands for every byte that is not valid UTF-8, as in strings.IndexRune
	bloom uint64    // bit wideBit(r) for each rune of wide: most runes of a text are in no set, and most are ruled out by it
}

// wideBit is the bit of r in RuneSet.bloom.
func wideBit(r rune) uint64 { return 1 << (uint32(r) * 0x9E3779B1 >> 26) }

// NewRuneSet is the set of the runes of chars. chars that are not valid
// UTF-8 are a programming error (strings.IndexAny reads such bytes as
// utf8.RuneError, which would then match every invalid byte of a text),
// and NewRuneSet panics on them.
func NewRuneSet(chars string) *RuneSet {
	if !utf8.ValidString(chars) {
		panic("text: rune set is not valid UTF-8: " + chars)
	}
	rs := &RuneSet{}
	for _, r := range chars {
		switch {
		case r < utf8.RuneSelf:
			rs.ascii[r>>6] |= 1 << (r & 63)
		case !rs.hasWide(r):
			rs.wide = append(rs.wide, r)
			rs.bloom |= wideBit(r)
		}
	}
	return rs
}

// Has reports whether r is in the set.
func (rs *RuneSet) Has(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && rs.ascii[r>>6]&(1<<(r&63)) != 0
	}
	return rs.hasWide(r)
}

func (rs *RuneSet) hasWide(r rune) bool {
	if rs.bloom&wideBit(r) == 0 {
		return false
	}
	for _, w := range rs.wide {
		if w == r {
			return true
		}
	}
	return false
}

// Index is strings.IndexAny(s, chars): the byte offset of the first rune
// of s in the set, or -1.
func (rs *RuneSet) Index(s string) int {
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if rs.ascii[b>>6]&(1<<(b&63)) != 0 {
				return i
			}
			i++
			continue
		}
		if len(rs.wide) == 0 {
			i++ // no rune but ASCII is in the set; the bytes of others are never ASCII
			continue
		}
		r, n := DecodeRuneAt(s, i)
		if rs.hasWide(r) {
			return i
		}
		i += n
	}
	return -1
}

// LastIndex is strings.LastIndexAny(s, chars): the byte offset of the
// last rune of s in the set, or -1.
func (rs *RuneSet) LastIndex(s string) int {
	for i := len(s); i > 0; {
		if b := s[i-1]; b < utf8.RuneSelf {
			i--
			if rs.ascii[b>>6]&(1<<(b&63)) != 0 {
				return i
			}
			continue
		}
		r, n := DecodeLastRuneBefore(s, i)
		i -= n
		if rs.hasWide(r) {
			return i
		}
	}
	return -1
}

// In is strings.ContainsAny(s, chars).
func (rs *RuneSet) In(s string) bool { return rs.Index(s) >= 0 }

// The rune sets the extractors share: Commas (、 and ,) open the clause
// after them, ClauseEnds (、。,) end a clause.
var (
	Commas     = NewRuneSet("、,")
	ClauseEnds = NewRuneSet("、。,")
)

// headingBreaks are the runes no short heading holds; kanjiDigits and
// kanjiPowers are the numerals that make a count a kanji number.
var (
	headingBreaks = NewRuneSet("、,:")
	kanjiDigits   = NewRuneSet("〇一二三四五六七八九十百")
	kanjiPowers   = NewRuneSet("千万")
)
