package ipadict

import (
	"fmt"

	"github.com/ikawaha/kagome-dict/dict"
)

// validate checks every value that kagome's lattice or jatok uses as an
// index, so that a dictionary that passed decodePayload tokenizes without
// an index out of range, but for the double array's (validateDoubleArray,
// which Cache.Write runs). The checksum already catches a corrupt file;
// this catches a file written wrong. It reads each value once, in order
// (~4 ms for IPA).
func validate(d *dict.Dict, t *Tables) error {
	rows, cols := d.Connection.Row, d.Connection.Col
	if rows <= 0 || cols <= 0 || rows > 1<<16 || cols > 1<<16 || rows*cols != int64(len(d.Connection.Vec)) {
		return fmt.Errorf("connection matrix %d x %d of %d costs", rows, cols, len(d.Connection.Vec))
	}
	// Lattice.Forward reads Connection.At(previous.Right, next.Left).
	for what, morphs := range map[string]dict.Morphs{"morph": d.Morphs, "unknown morph": d.UnkDict.Morphs} {
		for id, m := range morphs {
			if m.LeftID < 0 || int64(m.LeftID) >= cols || m.RightID < 0 || int64(m.RightID) >= rows {
				return fmt.Errorf("%s %d: left id %d, right id %d outside the %d x %d connection matrix",
					what, id, m.LeftID, m.RightID, rows, cols)
			}
		}
	}
	words := len(d.Morphs)
	for id, dup := range d.Index.Dup {
		if id < 0 || dup < 0 || int(id)+int(dup) >= words {
			return fmt.Errorf("word %d has %d duplicates, of %d words", id, dup, words)
		}
	}
	// Dict.CharacterCategory falls back on CharCategory[0]; Lattice.Build
	// indexes InvokeList and GroupList with a category, and the unknown
	// words with UnkDict.Index[category] + up to IndexDup[category].
	classes := len(d.InvokeList)
	if len(d.CharCategory) == 0 || len(d.GroupList) != classes {
		return fmt.Errorf("%d char categories, %d invoke and %d group flags", len(d.CharCategory), classes, len(d.GroupList))
	}
	for r, c := range d.CharCategory {
		if int(c) >= classes {
			return fmt.Errorf("character %U: category %d of %d", r, c, classes)
		}
	}
	unknown := len(d.UnkDict.Morphs)
	for c := range int32(classes) {
		id, dup := d.UnkDict.Index[c], d.UnkDict.IndexDup[c]
		if id < 0 || dup < 0 || int(id)+int(dup) >= unknown {
			return fmt.Errorf("category %d: unknown words %d to %d, of %d", c, id, id+dup, unknown)
		}
	}
	if len(d.UnkDict.Contents) != unknown {
		return fmt.Errorf("%d unknown words, %d of their features", unknown, len(d.UnkDict.Contents))
	}
	if len(t.HasBase) != words {
		return fmt.Errorf("%d words, %d base form flags", words, len(t.HasBase))
	}
	if err := validateOffsets("POS", t.PosFrom, words, len(t.PosIDs)); err != nil {
		return err
	}
	if err := validateOffsets("base form", t.BaseFrom, words, len(t.Bases)); err != nil {
		return err
	}
	for i, id := range t.PosIDs {
		if int(id) >= len(d.POSTable.NameList) {
			return fmt.Errorf("POS id %d at %d, of %d names", id, i, len(d.POSTable.NameList))
		}
	}
	return nil
}

// validateOffsets checks that from holds words+1 offsets rising from 0 to
// total.
func validateOffsets(what string, from []uint32, words, total int) error {
	if len(from) != words+1 || from[0] != 0 || int(from[words]) != total {
		return fmt.Errorf("%s offsets: %d for %d words, of %d values", what, len(from), words, total)
	}
	for id := 1; id <= words; id++ {
		if from[id] < from[id-1] {
			return fmt.Errorf("%s offsets: word %d ends at %d, before its start %d", what, id-1, from[id], from[id-1])
		}
	}
	return nil
}

// validateDoubleArray checks the double array as its searches walk it:
// from node p, byte c leads to q = Base[p]+c when Check[q] == p, and
// q's child by the terminator (byte 0) is a word whose id is -Base.
// Every node some byte reaches must hold a Base that keeps its children
// at a non-negative index, and every word id must be a word's, its
// duplicates too.
//
// Reading each node's parent is a random access into 11 MB: ~6 ms, a
// fifth of a load. So Cache.Write runs it on what it is about to write,
// and Cache.Read relies on the checksum: the bytes it reads are those
// that were checked.
func validateDoubleArray(d *dict.Dict, words int) error {
	da := d.Index.Da
	if len(da) == 0 {
		return fmt.Errorf("empty double array")
	}
	if da[0].Base < 0 {
		return fmt.Errorf("double array root base %d", da[0].Base)
	}
	for q := 1; q < len(da); q++ {
		p := int(da[q].Check)
		if p < 0 || p >= len(da) {
			continue // a free node: no Check matches it
		}
		c := q - int(da[p].Base)
		switch {
		case c < 0 || c > 255:
			continue // no byte reaches it
		case c == 0: // a word, when its Base is not positive
			if da[q].Base > 0 {
				continue
			}
			// Its duplicates, id+1 to id+Dup[id], are checked with Dup.
			if id := -int(da[q].Base); id >= words {
				return fmt.Errorf("double array node %d: word %d of %d", q, id, words)
			}
		case da[q].Base < 0:
			return fmt.Errorf("double array node %d: base %d", q, da[q].Base)
		}
	}
	return nil
}
