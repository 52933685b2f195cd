package recent

import (
	"fmt"
	"strings"
	"testing"
)

// benchKeys are 64k texts of 50 to 400 bytes, as the memos' keys are
// (lines, sentences, short notices): distinct ("once"), every key a miss
// that only offers, or each coming twice in a row ("twice"), the second
// coming a miss that keeps. 6 MB of keys: none is still kept when the
// stream comes round again.
func benchKeys(twice bool) []string {
	keys := make([]string, 0, 1<<16)
	for i := 0; len(keys) < 1<<16; i++ {
		k := fmt.Sprintf("%06d", i) + strings.Repeat("個人情報の漏えい", 1+i%16)
		keys = append(keys, k)
		if twice {
			keys = append(keys, k)
		}
	}
	return keys
}

// BenchmarkMemo measures a memo that copies its keys, one op a key: Look
// and AddMissed ("look"), and Get, Fits, Again and Add, the memos' way
// before Look ("get").
func BenchmarkMemo(b *testing.B) {
	for _, stream := range []string{"once", "twice"} {
		keys := benchKeys(stream == "twice")
		b.Run(stream+"/look", func(b *testing.B) {
			m := New[string, int](16384, 1<<20, textSize)
			i := 0
			for b.Loop() {
				k := keys[i&(len(keys)-1)]
				i++
				if _, ok, miss := m.Look(k); !ok && miss.Keep() {
					m.AddMissed(miss, strings.Clone(k), len(k))
				}
			}
		})
		b.Run(stream+"/get", func(b *testing.B) {
			m := New[string, int](16384, 1<<20, textSize)
			i := 0
			for b.Loop() {
				k := keys[i&(len(keys)-1)]
				i++
				if _, ok := m.Get(k); !ok && m.Fits(k) && m.Again(k) {
					m.Add(strings.Clone(k), len(k))
				}
			}
		})
	}
}
