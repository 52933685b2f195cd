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
// leave most short words of a list to check. Here the words are filed by
// the bytes of their first rune, and at each rune of the text only the few
// words that begin with it are compared, by their first eight bytes at
// once.
type wordIndex struct {
	// The words of bucket b are words[start[b]:start[b+1]], in list order;
	// a word's bucket is hashed from the runeKey of its first bytes.
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
	head, mask uint64 // the word's first eight bytes (fewer if shorter), as load8 reads them, and their bits
	id         int
	word       string
}

// load8 reads the eight bytes of s from i as a little-endian number, the
// first byte lowest; past the end of s it reads zeros (no word holds a zero
// byte).
func load8(s string, i int) uint64 {
	if len(s)-i >= 8 {
		return le64(s[i : i+8])
	}
	return load8Tail(s, i)
}

// le64 reads eight bytes as a little-endian number; the compiler makes it
// one load.
func le64(b string) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// load8Tail is load8 at the last seven bytes of s or fewer.
func load8Tail(s string, i int) uint64 {
	var v uint64
	for k := len(s) - 1; k >= i; k-- {
		v = v<<8 | uint64(s[k])
	}
	return v
}

// runeKey is the bytes of the rune that bytes v (from load8) begin with,
// three at most, as many as the first byte says, with no decoding: where a
// word occurs in a text, the text's key there is the word's, since the key
// is read from the word's own bytes.
func runeKey(v uint64) uint32 {
	switch c := byte(v); {
	case c < 0xC0:
		return uint32(v & 0xFF)
	case c < 0xE0:
		return uint32(v & 0xFFFF)
	}
	return uint32(v & 0xFFFFFF)
}

// bucketOf hashes a key by Fibonacci hashing, as maskBit does.
func bucketOf(key uint32) uint32 { return key * 0x9E3779B1 >> (32 - indexBits) }

func newWordIndex(words []string) *wordIndex {
	if len(words) >= 1<<16 {
		panic("wordIndex: too many words")
	}
	x := &wordIndex{words: make([]indexedWord, 0, len(words))}
	for id, w := range words {
		if w == "" || !utf8.ValidString(w) || strings.IndexByte(w, 0) >= 0 {
			// An empty word would occur everywhere, an invalid one might
			// begin inside a rune of the text, and load8 pads with zeros.
			panic("wordIndex: empty or invalid word")
		}
		mask := ^uint64(0)
		if len(w) < 8 {
			mask = 1<<(8*len(w)) - 1
		}
		x.words = append(x.words, indexedWord{head: load8(w, 0), mask: mask, id: id, word: w})
	}
	// By bucket, in list order within one.
	bucket := func(w indexedWord) int { return int(bucketOf(runeKey(w.head))) }
	slices.SortStableFunc(x.words, func(a, b indexedWord) int { return bucket(a) - bucket(b) })
	for _, w := range x.words {
		x.start[bucket(w)+1]++
	}
	for b := 1; b <= indexBuckets; b++ {
		x.start[b] += x.start[b-1]
	}
	return x
}

// bucket holds the words that may begin with bytes v (from load8).
func (x *wordIndex) bucket(v uint64) []indexedWord {
	b := bucketOf(runeKey(v))
	return x.words[x.start[b]:x.start[b+1]]
}

// at reports whether w occurs at byte i of s, whose bytes from i are v.
func (w *indexedWord) at(s string, i int, v uint64) bool {
	return v&w.mask == w.head && len(w.word) <= len(s)-i && (len(w.word) <= 8 || s[i+8:i+len(w.word)] == w.word[8:])
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
		v := uint64(0) // load8(s, i), its common case inlined
		if len(s)-i >= 8 {
			v = le64(s[i : i+8])
		} else {
			v = load8Tail(s, i)
		}
		ws := x.bucket(v)
		for k := range ws {
			if ws[k].at(s, i, v) {
				hits = append(hits, hit{ws[k].id, i})
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
		v := uint64(0) // load8(s, i), its common case inlined
		if len(s)-i >= 8 {
			v = le64(s[i : i+8])
		} else {
			v = load8Tail(s, i)
		}
		ws := l.index.bucket(v)
		for k := range ws {
			if l.lists[ws[k].id]&^found != 0 && ws[k].at(s, i, v) {
				found |= l.lists[ws[k].id]
			}
		}
	}
	return found
}
