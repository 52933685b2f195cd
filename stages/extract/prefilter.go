package extract

import (
	"slices"
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

// wordIndex finds every occurrence of the words of a list in a text in one
// pass. strings.Index is slow on Japanese text: a needle's first byte
// (0xE3 for kana) matches at nearly every rune, so a list checked word by
// word costs a scan of the text per word, and even the rune masks above
// leave most short words of a long list to check. Here the words are filed
// by the bytes of their first rune, and at each rune of the text only the
// few words that begin with its bytes are compared.
type wordIndex struct {
	// The words of bucket b are words[start[b]:start[b+1]], in list order;
	// a word's bucket is hashed from firstKey of it.
	start [indexBuckets + 1]uint16
	words []indexedWord
}

// indexBuckets is a power of two well above the few hundred first runes of
// a list, so that a bucket rarely mixes words of different first runes.
const (
	indexBits    = 10
	indexBuckets = 1 << indexBits
)

type indexedWord struct {
	key  uint32 // firstKey of word
	id   int
	word string
}

// firstKey packs the bytes of the rune that begins s (three at most: a
// four-byte rune gives its first three) into a number, with no decoding:
// where a word occurs in a text, the text's key there is the word's, since
// the key is read from the word's own bytes. The length comes from the
// first byte alone, and an invalid sequence gives a key no valid word has.
func firstKey(s string, i int) uint32 {
	c := s[i]
	switch {
	case c < 0xC0 || i+1 == len(s):
		return uint32(c)
	case c < 0xE0 || i+2 == len(s):
		return uint32(c)<<8 | uint32(s[i+1])
	}
	return uint32(c)<<16 | uint32(s[i+1])<<8 | uint32(s[i+2])
}

// bucketOf hashes a key by Fibonacci hashing, as maskBit does.
func bucketOf(key uint32) uint32 { return key * 0x9E3779B1 >> (32 - indexBits) }

func newWordIndex(words []string) *wordIndex {
	if len(words) >= 1<<16 {
		panic("wordIndex: too many words")
	}
	x := &wordIndex{words: make([]indexedWord, 0, len(words))}
	for id, w := range words {
		if w == "" || !utf8.ValidString(w) {
			// An empty word would occur everywhere, and an invalid one
			// might begin inside a rune of the text.
			panic("wordIndex: empty or invalid word")
		}
		x.words = append(x.words, indexedWord{key: firstKey(w, 0), id: id, word: w})
	}
	// By bucket, in list order within one.
	slices.SortStableFunc(x.words, func(a, b indexedWord) int { return int(bucketOf(a.key)) - int(bucketOf(b.key)) })
	for _, w := range x.words {
		x.start[bucketOf(w.key)+1]++
	}
	for b := 1; b <= indexBuckets; b++ {
		x.start[b] += x.start[b-1]
	}
	return x
}

// bucket holds the words whose first key may be key.
func (x *wordIndex) bucket(key uint32) []indexedWord {
	b := bucketOf(key)
	return x.words[x.start[b]:x.start[b+1]]
}

// hit is an occurrence of the word of index id at byte at of a text.
type hit struct{ id, at int }

// appendHits appends to hits every occurrence in s of every word, the
// overlapping ones too, by position. A valid word begins with no
// continuation byte (10xxxxxx), so only the other bytes are tried.
func (x *wordIndex) appendHits(hits []hit, s string) []hit {
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			continue
		}
		key := firstKey(s, i)
		for _, w := range x.bucket(key) {
			if w.key == key && strings.HasPrefix(s[i:], w.word) {
				hits = append(hits, hit{w.id, i})
			}
		}
	}
	return hits
}

// byWord orders hits by word, each word's by position (as appendHits
// gives them): the order in which a loop over the list, scanning the text
// for each word, would meet them.
func byWord(hits []hit) {
	slices.SortStableFunc(hits, func(a, b hit) int { return a.id - b.id })
}

// newListIndex indexes words and then the words of lists: a hit's id below
// len(words) is that word's, and for a higher id, bits[id-len(words)] are
// the lists (bit i for lists[i]) that hold its word. A word in several
// lists is indexed once.
func newListIndex(words []string, lists ...[]string) (x *wordIndex, bits []uint64) {
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
	return newWordIndex(all), bits
}

// listSet tells which of several word lists have a word in a text, in one
// pass over it.
type listSet struct {
	index *wordIndex
	lists []uint64 // by word: the lists that hold it, as bits
}

// newListSet indexes up to 64 lists; bit i of in's result is lists[i].
func newListSet(lists ...[]string) *listSet {
	x, bits := newListIndex(nil, lists...)
	return &listSet{index: x, lists: bits}
}

// in returns the lists that have a word in s, as bits.
func (l *listSet) in(s string) uint64 {
	var found uint64
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			continue
		}
		key := firstKey(s, i)
		for _, w := range l.index.bucket(key) {
			if w.key == key && l.lists[w.id]&^found != 0 && strings.HasPrefix(s[i:], w.word) {
				found |= l.lists[w.id]
			}
		}
	}
	return found
}
