// Package wordscan finds where the words of a fixed list occur in a text,
// in one pass over the text.
//
// strings.Contains or strings.Index once per word is slow on Japanese
// UTF-8: the first byte of the word (0xE3 for every kana) matches at
// nearly every rune of the text, so each search walks the text rune by
// rune, once per word. An Index walks the text once instead: its words are
// filed by the bytes of their first rune, and at each rune of the text
// only the few words that begin with it are compared, by their first
// eight bytes at once.
package wordscan

import (
	"slices"
	"unicode/utf8"
)

// Index is a list of words indexed by their first rune. It is read-only
// once made and safe for concurrent use.
type Index struct {
	list []string
	// The words of bucket b are words[start[b]:start[b+1]], in list order;
	// a word's bucket is hashed from the runeKey of its first bytes.
	start [buckets + 1]uint16
	words []entry
	// starts3 has the bit of threeByteKey of the first three bytes of
	// every word that begins with a three-byte rune (kana, kanji and
	// full-width forms): at most runes of a Japanese text no word
	// begins, and one bit says so before the bucket is looked up.
	starts3 [1 << 16 / 64]uint64
	// For the words that begin with a three-byte rune: short3 has the
	// bit (as starts3) of those of fewer than six bytes, and pairs the
	// bit (pairBit) of the first six bytes of the others. Four runes in
	// ten of a notice begin some word (の, に, お, 情…), but few begin
	// one with the rune after them: their six bytes rule out most.
	short3 [1 << 16 / 64]uint64
	pairs  [1 << pairBits / 64]uint64
	// firsts has the bit of the first byte of every word: the spaces,
	// digits, punctuation and Latin letters of a text, and the
	// continuation bytes (no valid word begins with one), are ruled out
	// by one bit.
	firsts [256 / 64]uint64
}

// buckets is a power of two well above the few hundred first runes of a
// list, so that a bucket rarely mixes words of different first runes.
const (
	bucketBits = 10
	buckets    = 1 << bucketBits
)

// pairBits is the size of Index.pairs, 8 KB: a bit in a hundred set for
// a list of hundreds of words.
const pairBits = 16

type entry struct {
	head, mask uint64 // the word's first eight bytes (fewer if shorter), as load8 reads them, and their bits
	id         int
	word       string
}

// New indexes words. Empty words are never found; a word that is not
// valid UTF-8 is a programming error (it could begin inside a rune of the
// text), and New panics on it.
func New(words []string) *Index {
	if len(words) >= 1<<16 {
		panic("wordscan: too many words")
	}
	x := &Index{list: words, words: make([]entry, 0, len(words))}
	for id, w := range words {
		if w == "" {
			continue
		}
		if !utf8.ValidString(w) {
			panic("wordscan: word is not valid UTF-8: " + w)
		}
		mask := ^uint64(0)
		if len(w) < 8 {
			mask = 1<<(8*len(w)) - 1
		}
		x.words = append(x.words, entry{head: load8(w, 0), mask: mask, id: id, word: w})
		x.firsts[w[0]>>6] |= 1 << (w[0] & 63)
		if w[0]&0xF0 == 0xE0 { // a valid word that begins so has three bytes or more
			k := threeByteKey(w[0], w[1], w[2])
			x.starts3[k>>6] |= 1 << (k & 63)
			if len(w) < 6 {
				x.short3[k>>6] |= 1 << (k & 63)
			} else {
				h := pairBit(load8(w, 0))
				x.pairs[h>>6] |= 1 << (h & 63)
			}
		}
	}
	// By bucket, in list order within one.
	bucket := func(w entry) int { return int(bucketOf(runeKey(w.head))) }
	slices.SortStableFunc(x.words, func(a, b entry) int { return bucket(a) - bucket(b) })
	for _, w := range x.words {
		x.start[bucket(w)+1]++
	}
	for b := 1; b <= buckets; b++ {
		x.start[b] += x.start[b-1]
	}
	return x
}

// Words returns the indexed words.
func (x *Index) Words() []string { return x.list }

// Hit is an occurrence of word Word (its index in the list) at byte At of
// a text.
type Hit struct{ Word, At int }

// Each calls found for every occurrence of a word in text, in the order
// of at and, at one position, in the order of the list; occurrences of a
// word may overlap. A word occurs at a position exactly where strings.Index
// would find it: only the bytes that some word begins with are tried (a
// valid word begins with no continuation byte, 10xxxxxx), for invalid
// UTF-8 too.
func (x *Index) Each(text string, found func(at, word int)) {
	for at := 0; at < len(text); at++ {
		c := text[at]
		if x.firsts[c>>6]&(1<<(c&63)) == 0 {
			continue // no word begins with this byte, nor with a continuation byte
		}
		v := uint64(0) // load8(text, at), its common case inlined
		if len(text)-at >= 8 {
			v = le64(text[at : at+8])
		} else {
			v = load8Tail(text, at)
		}
		if c&0xF0 == 0xE0 && len(text)-at >= 3 {
			// No word begins with these three bytes when their key's bit
			// is not set (a key is shared by other bytes only, such as
			// invalid ones, which the bucket then rules out), nor with
			// these six when no word of fewer begins so and their pair
			// bit is not set (with fewer than six bytes left, v's zeros
			// stand for the rest, and only a shorter word could fit):
			// go on after them as below, past a rune's continuation
			// bytes.
			c1, c2 := byte(v>>8), byte(v>>16)
			k := threeByteKey(c, c1, c2)
			h := pairBit(v)
			// The three bits are read without a branch between them: the
			// first is set at four runes in ten, a branch on it mispredicted.
			if x.starts3[k>>6]>>(k&63)&(x.short3[k>>6]>>(k&63)|x.pairs[h>>6]>>(h&63))&1 == 0 {
				if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
					at += 2
				}
				continue
			}
		}
		b := bucketOf(runeKey(v))
		ws := x.words[x.start[b]:x.start[b+1]]
		for k := range ws {
			if ws[k].at(text, at, v) {
				found(at, ws[k].id)
			}
		}
		// A three-byte rune's two continuation bytes would be skipped
		// one by one above; v holds them.
		if v&0xC0C0F0 == 0x8080E0 {
			at += 2
		}
	}
}

// AppendHits appends to hits every occurrence in text of every word, in
// the order of Each.
func (x *Index) AppendHits(hits []Hit, text string) []Hit {
	x.Each(text, func(at, w int) { hits = append(hits, Hit{w, at}) })
	return hits
}

// at reports whether w occurs at byte i of s, whose bytes from i are v.
// The length check comes first in effect: the bytes of v past the end of
// s are zeros, but a word that fits holds none of them.
func (w *entry) at(s string, i int, v uint64) bool {
	return v&w.mask == w.head && len(w.word) <= len(s)-i && (len(w.word) <= 8 || s[i+8:i+len(w.word)] == w.word[8:])
}

// load8 reads the eight bytes of s from i as a little-endian number, the
// first byte lowest; past the end of s it reads zeros.
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

// threeByteKey is the code point of a three-byte rune, from its bytes'
// payload bits: 16 bits, unique to each valid rune.
func threeByteKey(c0, c1, c2 byte) uint32 {
	return uint32(c0&0x0F)<<12 | uint32(c1&0x3F)<<6 | uint32(c2&0x3F)
}

// pairBit is the bit of Index.pairs for the six bytes that begin v.
func pairBit(v uint64) uint64 { return (v & (1<<48 - 1)) * 0x9E3779B97F4A7C15 >> (64 - pairBits) }

// bucketOf hashes a key by Fibonacci hashing: kana and the common kanji
// sit in narrow ranges that low bits alone would crowd.
func bucketOf(key uint32) uint32 { return key * 0x9E3779B1 >> (32 - bucketBits) }

// Set is a set of word indexes, as Present fills it.
type Set [maxWords / 64]uint64

// maxWords bounds the words of an Index that Present is used on.
const maxWords = 256

// Has reports whether word i is in the set.
func (s *Set) Has(i int) bool { return s[i>>6]&(1<<(i&63)) != 0 }

// Present returns the set of words that occur in text, like
// strings.Contains for each word. It panics on an Index of more than 256
// words.
func (x *Index) Present(text string) Set {
	if len(x.list) > maxWords {
		panic("wordscan: Present on more than 256 words")
	}
	var s Set
	x.Each(text, func(_, w int) { s[w>>6] |= 1 << (w & 63) })
	return s
}
