// Package recent keeps the values of recently seen keys, for memos of
// work that a run may repeat: a bounded map of two generations.
//
// When the current generation is full (by entries or by the size of its
// keys) it becomes the old one and the old one is dropped; a key found in
// the old generation moves to the current one, so a key that keeps coming
// stays. A Memo thus holds at most two generations, whatever the run
// reads, and costs one map look-up a key.
package recent

import "sync"

// Memo maps recent keys to their values. It is safe for concurrent use;
// values are shared, so callers must not change them.
type Memo[K comparable, V any] struct {
	mu         sync.Mutex
	cur, old   map[K]V
	curSize    int
	maxEntries int
	maxSize    int
	size       func(K) int
}

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
