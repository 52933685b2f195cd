package recent

import (
	"sync"
	"weak"
)

// every holds a function per Memo made, that clears it while the memo is
// alive and reports whether it was; it refers to the memo weakly, so a
// memo the program dropped is collected as if it were not listed.
var every struct {
	sync.Mutex
	clears []func() bool
}

// register lists m for ClearAll.
func register[K comparable, V any](m *Memo[K, V]) {
	p := weak.Make(m)
	every.Lock()
	defer every.Unlock()
	every.clears = append(every.clears, func() bool {
		if m := p.Value(); m != nil {
			m.Clear()
			return true
		}
		return false
	})
}

// ClearAll clears every Memo that is still in use: a program that is done
// with the work its memos served (a run whose notices are all extracted)
// gives their keys and values to the GC, package-level memos included.
// The memos stay usable; they fill again.
func ClearAll() {
	every.Lock()
	defer every.Unlock()
	alive := every.clears[:0]
	for _, clear := range every.clears {
		if clear() {
			alive = append(alive, clear)
		}
	}
	clear(every.clears[len(alive):]) // the dropped memos' functions, for the GC
	every.clears = alive
}
