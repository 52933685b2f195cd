package link

import (
	"bytes"
	"hash/maphash"
)

// handle names a string of an intern table; 0 is the empty string.
type handle uint32

// internTable keeps each distinct string once and names it by a handle.
// It holds no pointer the garbage collector has to follow: the strings
// lie end to end in one byte slice and the hash table is a slice of
// handles, so a table of 300k organizations costs the collector nothing
// to mark (a map[string]string of them was ~30 MB of pointers, marked at
// every collection of the run).
type internTable struct {
	text  []byte   // the strings, end to end
	ends  []uint32 // ends[h] is where string h ends in text (ends[0] = 0: "")
	slots []handle // open addressing, linear probing; 0 is a free slot
	seed  maphash.Seed
}

func newInternTable() *internTable {
	return &internTable{ends: []uint32{0}, slots: make([]handle, 64), seed: maphash.MakeSeed()}
}

// of is the handle of s, interned on first sight.
func (t *internTable) of(s []byte) handle {
	if len(s) == 0 {
		return 0
	}
	mask := uint64(len(t.slots) - 1)
	for i := maphash.Bytes(t.seed, s) & mask; ; i = (i + 1) & mask {
		h := t.slots[i]
		if h == 0 {
			break
		}
		if bytes.Equal(t.bytes(h), s) {
			return h
		}
	}
	h := handle(len(t.ends))
	t.text = append(t.text, s...)
	t.ends = append(t.ends, uint32(len(t.text)))
	t.place(h)
	if 2*len(t.ends) > len(t.slots) {
		t.grow()
	}
	return h
}

// place puts h in the first free slot of its probe sequence.
func (t *internTable) place(h handle) {
	mask := uint64(len(t.slots) - 1)
	i := maphash.Bytes(t.seed, t.bytes(h)) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = h
}

// grow doubles the hash table, keeping it at most half full.
func (t *internTable) grow() {
	t.slots = make([]handle, 2*len(t.slots))
	for h := handle(1); int(h) < len(t.ends); h++ {
		t.place(h)
	}
}

// bytes is the string of h, in the table's own memory.
func (t *internTable) bytes(h handle) []byte {
	if h == 0 {
		return nil
	}
	return t.text[t.ends[h-1]:t.ends[h]:t.ends[h]]
}

// len is the number of handles given out, the empty string's included.
func (t *internTable) len() int { return len(t.ends) }

// strings is the table as Go strings (one copy of its text, which every
// string shares), for the rows built at the end of a run.
func (t *internTable) strings() []string {
	all := string(t.text)
	out := make([]string, len(t.ends))
	for h := 1; h < len(t.ends); h++ {
		out[h] = all[t.ends[h-1]:t.ends[h]]
	}
	return out
}
