// Package wordscan finds where the words of a fixed list occur in a text,
// in one pass over the text.
//
// strings.Contains or strings.Index once per word is slow on Japanese
// UTF-8: the first byte of the word (0xE3 for every kana) matches at
// nearly every rune of the text, so each search walks the text rune by
// rune, once per word. An Index walks the text once instead and compares
// only the words whose first rune is the rune at hand.
package wordscan

import (
	"strings"
	"unicode/utf8"
)

// Index is a list of words indexed by their first rune. It is read-only
// once made and safe for concurrent use.
type Index struct {
	words []string
	// bucket maps a rune's hash to 1 + the index in starts of the words
	// whose first rune has that hash, 0 when none has.
	bucket [1 << hashBits]uint16
	starts [][]int
}

const hashBits = 12

// hash spreads code points over the buckets by Fibonacci hashing: kana and
// the common kanji sit in narrow ranges that low bits alone would crowd.
func hash(r rune) uint32 { return uint32(r) * 0x9E3779B1 >> (32 - hashBits) }

// New indexes words; empty words are never found.
func New(words []string) *Index {
	x := &Index{words: words}
	for i, w := range words {
		if w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		h := hash(r)
		if x.bucket[h] == 0 {
			x.starts = append(x.starts, nil)
			x.bucket[h] = uint16(len(x.starts))
		}
		b := x.bucket[h] - 1
		x.starts[b] = append(x.starts[b], i)
	}
	return x
}

// Words returns the indexed words.
func (x *Index) Words() []string { return x.words }

// Each calls found for every occurrence of a word in text: at is where it
// starts and word its index in the list. Occurrences come in the order of
// at, and at one position in the order of the list; occurrences of a word
// may overlap. A word occurs at a position exactly where strings.Index
// would find it: a valid word can only start where a rune of text starts,
// and the walk visits each position where one does, for invalid UTF-8 too.
func (x *Index) Each(text string, found func(at, word int)) {
	for at := 0; at < len(text); {
		r, size := rune(text[at]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[at:])
		}
		if b := x.bucket[hash(r)]; b != 0 {
			for _, w := range x.starts[b-1] {
				if strings.HasPrefix(text[at:], x.words[w]) {
					found(at, w)
				}
			}
		}
		at += size
	}
}

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
	if len(x.words) > maxWords {
		panic("wordscan: Present on more than 256 words")
	}
	var s Set
	x.Each(text, func(_, w int) { s[w>>6] |= 1 << (w & 63) })
	return s
}
