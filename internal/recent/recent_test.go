package recent

import (
	"fmt"
	"strings"
	"testing"
)

func textSize(s string) int { return len(s) }

func TestGetAdd(t *testing.T) {
	m := New[string, int](4, 1<<10, textSize)
	if _, ok := m.Get("a"); ok {
		t.Fatal("an empty memo holds a")
	}
	if v, ok := m.Add("a", 1); !ok || v != 1 {
		t.Fatalf("Add(a, 1) = %d, %v", v, ok)
	}
	if v, ok := m.Add("a", 2); !ok || v != 1 {
		t.Fatalf("Add(a, 2) after Add(a, 1) = %d, %v: the first value is kept", v, ok)
	}
	if v, ok := m.Get("a"); !ok || v != 1 {
		t.Fatalf("Get(a) = %d, %v", v, ok)
	}
	if _, ok := m.Add(string(make([]byte, 257)), 3); ok {
		t.Error("a key over a quarter of the size bound was kept")
	}
	m.Clear()
	if m.Len() != 0 {
		t.Errorf("Len after Clear = %d", m.Len())
	}
}

// TestBounded: a stream of distinct keys keeps at most two generations,
// by entries and by size, and the latest keys are kept.
func TestBounded(t *testing.T) {
	for _, c := range []struct {
		name              string
		entries, size, kb int
	}{
		{"by entries", 100, 1 << 20, 0},
		{"by size", 1 << 20, 100 << 10, 10},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := New[string, int](c.entries, c.size, textSize)
			pad := string(make([]byte, c.kb<<10))
			for i := range 1000 {
				m.Add(fmt.Sprint(i, pad), i)
				if m.Len() > 2*c.entries || m.curSize > c.size {
					t.Fatalf("after %d keys: %d kept, %d bytes in the current generation", i+1, m.Len(), m.curSize)
				}
			}
			if v, ok := m.Get(fmt.Sprint(999, pad)); !ok || v != 999 {
				t.Errorf("the last key: %d, %v", v, ok)
			}
			if _, ok := m.Get(fmt.Sprint(0, pad)); ok {
				t.Error("the first key is still kept")
			}
		})
	}
}

// TestOldMovesUp: a key found in the old generation survives the next
// turn of generations.
func TestOldMovesUp(t *testing.T) {
	m := New[int, int](2, 1<<10, func(int) int { return 1 })
	m.Add(1, 1)
	m.Add(2, 2)
	m.Add(3, 3) // {1, 2} old, {3} current
	if _, ok := m.Get(1); !ok {
		t.Fatal("1 is gone after one turn")
	}
	m.Add(4, 4) // {3, 1} old, {4} current: 2 dropped
	if _, ok := m.Get(2); ok {
		t.Error("2 is kept: it was never used again")
	}
	if _, ok := m.Get(1); !ok {
		t.Error("1 is gone: it moved up when found")
	}
}

// TestFits: a key fits when its size is at most a quarter of a
// generation, and Add refuses exactly the keys that do not fit.
func TestFits(t *testing.T) {
	m := New[string, int](10, 8, func(s string) int { return len(s) })
	if !m.Fits("ab") || m.Fits("abc") {
		t.Fatalf("Fits(ab) = %v, Fits(abc) = %v; want true, false (a quarter of 8 is 2)", m.Fits("ab"), m.Fits("abc"))
	}
	if _, ok := m.Add("abc", 1); ok {
		t.Error("Add kept a key that does not fit")
	}
	if _, ok := m.Add("ab", 1); !ok {
		t.Error("Add refused a key that fits")
	}
}

// TestAgain: a key is again the second time it is offered, not the first;
// a stream of distinct keys is mostly not again (a hash collision in a
// slot may say so, rarely), and a key forgotten when its slot is taken
// comes again at its next coming but one.
func TestAgain(t *testing.T) {
	m := New[string, int](64, 1<<20, textSize)
	if m.Again("a") {
		t.Fatal("a is again at its first coming")
	}
	if !m.Again("a") {
		t.Fatal("a is not again at its second coming")
	}
	if !m.Again("a") {
		t.Fatal("a is not again at its third coming")
	}
	again := 0
	for i := range 10000 {
		if m.Again(fmt.Sprint("k", i)) {
			again++
		}
	}
	if again > 10 {
		t.Errorf("%d of 10000 distinct keys were again", again)
	}
	type pair struct {
		s string
		b bool
	}
	// The two keys differ by one field; in a table of 128 slots their
	// hashes share a slot once in 128 seeds, and then the second would
	// rightly take the first's slot. Draw seeds until they do not, so the
	// test asks only whether every field is hashed.
	var p *Memo[pair, int]
	for {
		p = New[pair, int](64, 1<<20, func(k pair) int { return len(k.s) })
		const slots = 128
		if p.hash(pair{"x", true})%slots != p.hash(pair{"x", false})%slots {
			break
		}
	}
	if p.Again(pair{"x", true}) || p.Again(pair{"x", false}) || !p.Again(pair{"x", true}) {
		t.Error("a struct key is again by all its fields")
	}
}

// TestAgainWithinReach: a key that comes again after more offers than two
// generations hold keys (by entries, or by size at the mean key size) is
// not again: kept then, it would be dropped before its next coming. (Within
// reach, a key is again unless another took its slot meanwhile: TestAgain.)
func TestAgainWithinReach(t *testing.T) {
	m := New[string, int](64, 1<<20, textSize)
	m.Again("a")
	if got := m.reach(); got != 128 {
		t.Errorf("reach of generations of 64 keys = %d, want 128", got)
	}
	for i := range 200 {
		m.Again(fmt.Sprint("k", i))
	}
	if m.Again("a") {
		t.Error("a is again 201 offers on, past 128")
	}
	// Keys of 10 bytes in generations of 100 bytes: two hold 20 keys.
	s := New[string, int](1024, 100, textSize)
	s.Again("key-000000")
	if got := s.reach(); got != 20 {
		t.Errorf("reach of generations of 100 bytes, keys of 10 = %d, want 20", got)
	}
	for i := range 30 {
		s.Again(fmt.Sprintf("key-%06d", i+1))
	}
	if s.Again("key-000000") {
		t.Error("a key is again 31 offers of 10-byte keys on, past 20")
	}
	if !s.Again("key-000000") {
		t.Error("a key is not again at once")
	}
}

// TestLookAddMissed: Look finds what Add kept; a miss is kept by
// AddMissed only when it fits and came again, as Get, Fits, Again and Add
// would keep it; Find's miss is kept whenever the key fits.
func TestLookAddMissed(t *testing.T) {
	m := New[string, int](64, 1<<10, textSize)
	_, found, miss := m.Look("a")
	if found || miss.Keep() {
		t.Fatalf("Look(a) at its first coming: found %v, keep %v", found, miss.Keep())
	}
	m.AddMissed(miss, "a", 1)
	if _, ok := m.Get("a"); ok {
		t.Fatal("AddMissed kept a miss that was not to be kept")
	}
	_, found, miss = m.Look("a")
	if found || !miss.Keep() {
		t.Fatalf("Look(a) at its second coming: found %v, keep %v", found, miss.Keep())
	}
	if kept := m.AddMissed(miss, strings.Clone("a"), 1); kept != 1 {
		t.Fatalf("AddMissed(a, 1) = %d", kept)
	}
	if v, found, _ := m.Look("a"); !found || v != 1 {
		t.Fatalf("Look(a) after AddMissed = %d, %v", v, found)
	}
	m.Add("b", 2)
	if v, found, _ := m.Look("b"); !found || v != 2 {
		t.Fatalf("Look(b) after Add = %d, %v", v, found)
	}
	big := string(make([]byte, 257))
	m.Again(big)
	if _, _, miss := m.Look(big); miss.Keep() {
		t.Error("Look says to keep a key over a quarter of the size bound")
	}
	if _, found, miss := m.Find("c"); found || !miss.Keep() {
		t.Errorf("Find(c) at its first coming: found %v, keep %v; want false, true", found, miss.Keep())
	}
	if _, _, miss := m.Find(big); miss.Keep() {
		t.Error("Find says to keep a key over a quarter of the size bound")
	}
}

// TestSameHash: a key whose hash is another kept key's is not found
// (the keys are compared), and its Add takes the slot.
func TestSameHash(t *testing.T) {
	m := New[string, int](64, 1<<10, textSize)
	h := m.hash("a")
	m.mu.Lock()
	m.add("a", h, 1, 1)
	if _, ok := m.get("b", h); ok {
		t.Error("b is found in a's slot")
	}
	if v := m.add("b", h, 2, 1); v != 2 {
		t.Errorf("add(b) in a's slot kept %d", v)
	}
	v, ok := m.get("b", h)
	m.mu.Unlock()
	if !ok || v != 2 {
		t.Errorf("get(b) = %d, %v", v, ok)
	}
	if _, ok := m.Get("a"); ok {
		t.Error("a is still found after b took its slot")
	}
}
