package text

import (
	"slices"

	"github.com/breachtrend/breachtrend/internal/wordscan"
)

// The extractor looks for hundreds of words and a few dozen patterns in
// every sentence. Most are absent from most sentences, so cheap checks that
// can only say "absent" (never "present") skip the search: they change
// what is computed, never what is found.

// RuneMask is a 256-bit Bloom filter of the runes of a text. A word can
// occur in a text only if every bit of the word's mask is set in the
// text's, so one mask per text rules out most words of a list with four
// AND-NOTs each, where strings.Index would scan the text once per word.
type RuneMask [4]uint64

// MaskOf sets one bit per rune of s, chosen by Fibonacci hashing: kana and
// the common kanji sit in narrow code ranges that the low bits of the code
// point alone would crowd together.
//
// It decodes as a range loop over s does (utf8.RuneError for each byte
// that is not valid UTF-8), but kana and kanji, three bytes each, inline
// (ThreeByteRune is inlined; DecodeRuneAt is a call): the runtime's
// general decoding was most of the time the extractors spent making masks.
func MaskOf(s string) RuneMask {
	var m RuneMask
	for i := 0; i < len(s); {
		r, n := ThreeByteRune(s, i)
		if n != 3 {
			r, n = DecodeRuneAt(s, i)
		}
		i += n
		h := maskBit(r)
		m[h>>6] |= 1 << (h & 63)
	}
	return m
}

// maskBit is the bit of RuneMask that r sets.
func maskBit(r rune) uint32 { return uint32(r) * 0x9E3779B1 >> 24 }

// mayHold reports whether a text of mask m may contain a word of mask w.
func (m RuneMask) mayHold(w RuneMask) bool {
	return w[0]&^m[0]|w[1]&^m[1]|w[2]&^m[2]|w[3]&^m[3] == 0
}

// WordList is a list of words with their masks, for ContainsAny on long
// lists.
type WordList struct {
	Words []string
	masks []RuneMask
}

func NewWordList(words []string) WordList {
	l := WordList{Words: words, masks: make([]RuneMask, len(words))}
	for i, w := range words {
		l.masks[i] = MaskOf(w)
	}
	return l
}

// In reports whether s contains any of the words, like ContainsAny.
func (l WordList) In(s string) bool { return l.InMask(s, MaskOf(s)) }

// InMask is in for s of mask m, for a text checked against several lists.
func (l WordList) InMask(s string, m RuneMask) bool {
	for i, w := range l.Words {
		if m.mayHold(l.masks[i]) && IndexWord(s, w) >= 0 {
			return true
		}
	}
	return false
}

// ByWord orders hits by word, each word's by position (as AppendHits
// gives them): the order in which a loop over the list, scanning the text
// for each word, would meet them.
func ByWord(hits []wordscan.Hit) {
	slices.SortStableFunc(hits, func(a, b wordscan.Hit) int { return a.Word - b.Word })
}

// NewListIndex indexes words and then the words of lists: a hit's Word below
// len(words) is that word's, and for a higher one, bits[Word-len(words)] are
// the lists (bit i for lists[i]) that hold its word. A word in several
// lists is indexed once.
func NewListIndex(words []string, lists ...[]string) (x *wordscan.Index, bits []uint64) {
	if len(lists) > 64 {
		panic("newListIndex: too many lists")
	}
	all := slices.Clip(words)
	at := map[string]int{}
	for i, l := range lists {
		for _, w := range l {
			k, ok := at[w]
			if !ok {
				k = len(bits)
				at[w] = k
				all = append(all, w)
				bits = append(bits, 0)
			}
			bits[k] |= 1 << i
		}
	}
	return wordscan.New(all), bits
}

// ListSet tells which of several word lists have a word in a text, in one
// pass over it.
type ListSet struct {
	index *wordscan.Index
	lists []uint64 // by word: the lists that hold it, as bits
}

// NewListSet indexes up to 64 lists; bit i of In's result is lists[i].
func NewListSet(lists ...[]string) *ListSet {
	x, bits := NewListIndex(nil, lists...)
	return &ListSet{index: x, lists: bits}
}

// In returns the lists that have a word in s, as bits.
func (l *ListSet) In(s string) uint64 {
	var found uint64
	l.index.Each(s, func(_, w int) { found |= l.lists[w] })
	return found
}
