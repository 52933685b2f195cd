package recent

import (
	"runtime"
	"testing"
)

// TestClearAll: ClearAll empties every memo still in use, which stays
// usable, and forgets the memos the program dropped.
func TestClearAll(t *testing.T) {
	kept := New[string, int](16, 1<<10, func(s string) int { return len(s) })
	kept.Add("a", 1)
	kept.Add("b", 2)
	dropped := New[string, int](16, 1<<10, func(s string) int { return len(s) })
	dropped.Add("c", 3)
	dropped = nil
	runtime.GC() // the weak pointer to the dropped memo is now nil

	every.Lock()
	before := len(every.clears)
	every.Unlock()
	ClearAll()
	if n := kept.Len(); n != 0 {
		t.Errorf("after ClearAll the memo holds %d keys, want 0", n)
	}
	if _, ok := kept.Get("a"); ok {
		t.Error(`after ClearAll "a" is still found`)
	}
	kept.Add("a", 4)
	if v, ok := kept.Get("a"); !ok || v != 4 {
		t.Errorf(`a cleared memo: Get("a") = %d, %v after Add, want 4, true`, v, ok)
	}
	every.Lock()
	after := len(every.clears)
	every.Unlock()
	if after >= before {
		t.Errorf("ClearAll lists %d memos, %d before: the dropped one is still listed", after, before)
	}
	runtime.KeepAlive(kept)
}
