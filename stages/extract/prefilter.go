package extract

import "strings"

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
		h := uint32(r) * 0x9E3779B1 >> 24
		m[h>>6] |= 1 << (h & 63)
	}
	return m
}

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
