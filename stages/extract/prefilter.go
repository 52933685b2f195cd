package extract

import (
	"iter"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// The extractor looks for hundreds of words and a few dozen patterns in
// every sentence. Most are absent from most sentences, so cheap checks that
// can only say "absent" (never "present") skip the search: they change
// what is computed, never what is found.

// runeMask is a 256-bit Bloom filter of the runes of a text. A word can
// occur in a text only if every bit of the word's mask is set in the
// text's, so one mask per text rules out most words of a list with four
// AND-NOTs each, where strings.Index would scan the text once per word.
type runeMask [4]uint64

// maskOf sets one bit per rune of s, chosen by Fibonacci hashing: kana and
// the common kanji sit in narrow code ranges that the low bits of the code
// point alone would crowd together.
func maskOf(s string) runeMask {
	var m runeMask
	for _, r := range s {
		h := maskBit(r)
		m[h>>6] |= 1 << (h & 63)
	}
	return m
}

// maskBit is the bit of runeMask that r sets.
func maskBit(r rune) uint32 { return uint32(r) * 0x9E3779B1 >> 24 }

// mayHold reports whether a text of mask m may contain a word of mask w.
func (m runeMask) mayHold(w runeMask) bool {
	return w[0]&^m[0]|w[1]&^m[1]|w[2]&^m[2]|w[3]&^m[3] == 0
}

// wordList is a list of words with their masks, for containsAny on long
// lists.
type wordList struct {
	words []string
	masks []runeMask
}

func newWordList(words []string) wordList {
	l := wordList{words: words, masks: make([]runeMask, len(words))}
	for i, w := range words {
		l.masks[i] = maskOf(w)
	}
	return l
}

// in reports whether s contains any of the words, like containsAny.
func (l wordList) in(s string) bool { return l.inMask(s, maskOf(s)) }

// inMask is in for s of mask m, for a text checked against several lists.
func (l wordList) inMask(s string, m runeMask) bool {
	for i, w := range l.words {
		if m.mayHold(l.masks[i]) && strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// phraseSet indexes an ordered list of phrases by the bit of maskOf that
// their first rune sets, so that the phrases a text may hold come from the
// text's mask in one pass over its set bits rather than a check of every
// phrase: a sentence sets a few dozen of the 256 bits, and a phrase whose
// first rune's bit is clear cannot occur in it.
type phraseSet struct {
	masks   []runeMask
	byFirst [256][phraseWords]uint64 // phrases, as bits by index, whose first rune sets bit b
}

// phraseWords bounds a phraseSet to 512 phrases.
const phraseWords = 8

func newPhraseSet(phrases []string) *phraseSet {
	if len(phrases) > 64*phraseWords {
		panic("phraseSet: too many phrases")
	}
	p := &phraseSet{masks: make([]runeMask, len(phrases))}
	for i, w := range phrases {
		if w == "" {
			panic("phraseSet: empty phrase") // it would occur in every text
		}
		p.masks[i] = maskOf(w)
		first, _ := utf8.DecodeRuneInString(w)
		b := maskBit(first)
		p.byFirst[b][i>>6] |= 1 << (i & 63)
	}
	return p
}

// candidates returns, as bits by index, the phrases whose every rune may be
// in a text of mask m. Iterating its bits visits them in list order.
func (p *phraseSet) candidates(m runeMask) (c [phraseWords]uint64) {
	n := (len(p.masks) + 63) / 64
	for w, set := range m {
		for ; set != 0; set &= set - 1 {
			b := w*64 + bits.TrailingZeros64(set)
			for k := 0; k < n; k++ {
				c[k] |= p.byFirst[b][k]
			}
		}
	}
	for k := 0; k < n; k++ {
		for set := c[k]; set != 0; set &= set - 1 {
			if i := k*64 + bits.TrailingZeros64(set); !m.mayHold(p.masks[i]) {
				c[k] &^= 1 << (i & 63)
			}
		}
	}
	return c
}

// in yields, in list order, the index of each phrase that may occur in a
// text of mask m.
func (p *phraseSet) in(m runeMask) iter.Seq[int] {
	return func(yield func(int) bool) {
		for k, set := range p.candidates(m) {
			for ; set != 0; set &= set - 1 {
				if !yield(k*64 + bits.TrailingZeros64(set)) {
					return
				}
			}
		}
	}
}
