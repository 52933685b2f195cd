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
//
// Its generations are keyed by the key's hash, the key held beside its
// value and compared on every hit: a key is hashed once for Get's look-up
// in both generations, and once in all for Look, Again and AddMissed,
// where string-keyed maps hashed a missed key up to six times (two
// look-ups, Again's hash, Add's look-up, delete and insert). Two keys of
// one hash share a slot: the later one's Add replaces the earlier.
type Memo[K comparable, V any] struct {
	mu         sync.Mutex
	cur, old   map[uint64]entry[K, V]
	curSize    int
	maxEntries int
	maxSize    int
	size       func(K) int
	seed       maphash.Seed
	// seen holds the hashes of keys offered to Again, one a slot, by the
	// hash's low bits, with the count of offers when each came; made at
	// the first Again. offers counts the offers, offeredSize adds up the
	// sizes of their keys.
	seen        []seenKey
	offers      uint64
	offeredSize uint64
}

// entry is a kept key and its value.
type entry[K comparable, V any] struct {
	key   K
	value V
}

// seenKey is a key offered to Again: its hash and the offer it came at.
type seenKey struct{ hash, at uint64 }

// New makes a Memo whose generations hold at most maxEntries keys and
// keys of at most maxSize in all, a key's size being size(key) (the bytes
// of its text, say). A key larger than a quarter of maxSize is never
// kept.
func New[K comparable, V any](maxEntries, maxSize int, size func(K) int) *Memo[K, V] {
	m := &Memo[K, V]{cur: map[uint64]entry[K, V]{}, maxEntries: maxEntries, maxSize: maxSize, size: size,
		seed: maphash.MakeSeed()}
	register(m)
	return m
}

func (m *Memo[K, V]) hash(k K) uint64 { return maphash.Comparable(m.seed, k) }

// Get returns the value of k, if it is kept.
func (m *Memo[K, V]) Get(k K) (V, bool) {
	h := m.hash(k)
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.get(k, h)
}

// get is Get of k of hash h. m.mu is held.
func (m *Memo[K, V]) get(k K, h uint64) (V, bool) {
	if e, ok := m.cur[h]; ok && e.key == k {
		return e.value, true
	}
	e, ok := m.old[h]
	if !ok || e.key != k {
		var none V
		return none, false
	}
	delete(m.old, h)
	m.put(h, e, m.size(k))
	return e.value, true
}

// Miss is a key Look or Find did not find: its hash, and whether its
// value is to be kept (AddMissed).
type Miss struct {
	hash uint64
	keep bool
}

// Keep reports whether the missed key fits and came again (Again): the
// caller copies it and its value, if it must, and hands them to
// AddMissed.
func (mi Miss) Keep() bool { return mi.keep }

// Look is Get of k and, when k is not kept, Again of k if it Fits, with
// k hashed once for both and for AddMissed: the way of the memos that
// copy a key before they keep it.
func (m *Memo[K, V]) Look(k K) (v V, found bool, miss Miss) { return m.look(k, true) }

// Find is Get of k, with k hashed once for it and for AddMissed: the way
// of the memos that keep every key that fits (Keep is Fits).
func (m *Memo[K, V]) Find(k K) (v V, found bool, miss Miss) { return m.look(k, false) }

// look is Look of k, or Find when offer is false.
func (m *Memo[K, V]) look(k K, offer bool) (v V, found bool, miss Miss) {
	h := m.hash(k)
	fits := m.Fits(k)
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, found = m.get(k, h); found || !fits {
		return v, found, Miss{}
	}
	return v, false, Miss{hash: h, keep: !offer || m.again(k, h)}
}

// AddMissed is Add of k and v after Look or Find missed k: k is that key,
// or a copy of it. It keeps nothing unless the miss said to Keep.
func (m *Memo[K, V]) AddMissed(mi Miss, k K, v V) (kept V) {
	if !mi.keep {
		return v
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.add(k, mi.hash, v, m.size(k))
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
	h := m.hash(k)
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.add(k, h, v, m.size(k)), true
}

// add is Add of k of hash h and size. m.mu is held.
func (m *Memo[K, V]) add(k K, h uint64, v V, size int) V {
	if first, ok := m.cur[h]; ok && first.key == k {
		return first.value
	}
	delete(m.old, h)
	m.put(h, entry[K, V]{k, v}, size)
	return v
}

// put adds e, of hash h, to the current generation, starting a new one
// first when it is full. m.mu is held.
func (m *Memo[K, V]) put(h uint64, e entry[K, V], size int) {
	if len(m.cur) >= m.maxEntries || m.curSize+size > m.maxSize {
		m.old, m.cur, m.curSize = m.cur, make(map[uint64]entry[K, V], len(m.cur)), 0
	}
	m.cur[h] = e
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
	h := m.hash(k)
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.again(k, h)
}

// again is Again of k of hash h. m.mu is held.
func (m *Memo[K, V]) again(k K, h uint64) bool {
	if m.seen == nil {
		n := 1
		for n < 2*m.maxEntries {
			n <<= 1
		}
		m.seen = make([]seenKey, n)
	}
	m.offers++
	m.offeredSize += uint64(max(m.size(k), 0))
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
	m.cur, m.old, m.curSize = map[uint64]entry[K, V]{}, nil, 0
	m.seen, m.offers, m.offeredSize = nil, 0, 0
}
