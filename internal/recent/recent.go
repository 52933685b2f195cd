// Package recent keeps the values of recently seen keys, for memos of
// work that a run may repeat: a bounded map of two generations.
//
// When the current generation is full (by entries or by the size of its
// keys) it becomes the old one and the old one is dropped; a key found in
// the old generation moves to the current one, so a key that keeps coming
// stays. A Memo thus holds at most two generations, whatever the run
// reads, and costs one map look-up a key.
//
// A memo that copies its keys (so as not to keep alive the document a key
// is a slice of) pays the copy for every key, while most keys of most
// runs never come again. Again lets it keep a key only the second time
// the key comes: the first time leaves only the key's hash.
package recent

import (
	"hash/maphash"
	"sync"
)

// Memo maps recent keys to their values. It is safe for concurrent use;
// values are shared, so callers must not change them.
type Memo[K comparable, V any] struct {
	mu         sync.Mutex
	cur, old   map[K]V
	curSize    int
	maxEntries int
	maxSize    int
	size       func(K) int
	// seen holds the hashes of keys offered to Again, one a slot, by the
	// hash's low bits, with the count of offers when each came; made at
	// the first Again. offers counts the offers, offeredSize adds up the
	// sizes of their keys.
	seen        []seenKey
	seenSeed    maphash.Seed
	offers      uint64
	offeredSize uint64
}

// seenKey is a key offered to Again: its hash and the offer it came at.
type seenKey struct{ hash, at uint64 }

// New makes a Memo whose generations hold at most maxEntries keys and
// keys of at most maxSize in all, a key's size being size(key) (the bytes
// of its text, say). A key larger than a quarter of maxSize is never
// kept.
func New[K comparable, V any](maxEntries, maxSize int, size func(K) int) *Memo[K, V] {
	return &Memo[K, V]{cur: map[K]V{}, maxEntries: maxEntries, maxSize: maxSize, size: size}
}

// Get returns the value of k, if it is kept.
func (m *Memo[K, V]) Get(k K) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.cur[k]; ok {
		return v, true
	}
	v, ok := m.old[k]
	if ok {
		delete(m.old, k)
		m.put(k, v, m.size(k))
	}
	return v, ok
}

// Fits reports whether k is small enough to keep: callers that copy a key
// before Add ask first, so a key Add would refuse is never copied.
func (m *Memo[K, V]) Fits(k K) bool { return m.size(k) <= m.maxSize/4 }

// Add keeps v as the value of k, unless k has one already (another
// goroutine was first), and returns the value kept; ok is false when k is
// too large to keep.
func (m *Memo[K, V]) Add(k K, v V) (kept V, ok bool) {
	if !m.Fits(k) {
		return v, false
	}
	size := m.size(k)
	m.mu.Lock()
	defer m.mu.Unlock()
	if first, ok := m.cur[k]; ok {
		return first, true
	}
	delete(m.old, k)
	m.put(k, v, size)
	return v, true
}

// put adds k to the current generation, starting a new one first when it
// is full. m.mu is held.
func (m *Memo[K, V]) put(k K, v V, size int) {
	if len(m.cur) >= m.maxEntries || m.curSize+size > m.maxSize {
		m.old, m.cur, m.curSize = m.cur, make(map[K]V, len(m.cur)), 0
	}
	m.cur[k] = v
	m.curSize += size
}

// Again reports whether k was offered to Again before, recently, and
// remembers that it was offered now. A caller that copies a key before
// Add asks it first, and keeps the key only when it comes again: a key
// seen once costs a hash, not a copy. The hashes sit in a table of twice
// as many slots as a generation has entries, a hash in the slot of its
// low bits, so a key is forgotten when another key takes its slot (it is
// kept at a later coming), and a key whose slot holds another key's equal
// hash comes again early (it is kept at once, as without Again). Which
// keys are kept changes, never what Get returns for one.
//
// "Recently" is within reach: a key that comes again only after more
// offers than the memo's two generations hold keys would be dropped
// before its next coming, so copying it buys no hit. A JSON Lines feed
// whose 13,860 records come round again and again, each ~300 bytes of
// key, had every memo of 1 MiB generations copy and add every record
// from its second coming on, and find none.
func (m *Memo[K, V]) Again(k K) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil {
		n := 1
		for n < 2*m.maxEntries {
			n <<= 1
		}
		m.seen, m.seenSeed = make([]seenKey, n), maphash.MakeSeed()
	}
	m.offers++
	m.offeredSize += uint64(max(m.size(k), 0))
	h := maphash.Comparable(m.seenSeed, k)
	slot := &m.seen[h&uint64(len(m.seen)-1)]
	again := slot.hash == h && slot.at > 0 && m.offers-slot.at <= m.reach()
	*slot = seenKey{hash: h, at: m.offers}
	return again
}

// reach is how many offers apart a key may come again and still find
// itself kept: what two generations hold, by entries or, at the mean size
// of the keys offered so far, by size. m.mu is held.
func (m *Memo[K, V]) reach() uint64 {
	keys := uint64(m.maxEntries)
	if mean := m.offeredSize / m.offers; mean > 0 {
		keys = min(keys, uint64(m.maxSize)/mean)
	}
	return 2 * keys
}

// Len is the number of keys kept.
func (m *Memo[K, V]) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.cur) + len(m.old)
}

// Clear drops every key.
func (m *Memo[K, V]) Clear() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cur, m.old, m.curSize = map[K]V{}, nil, 0
}
