package ipadict

import (
	"strings"

	"github.com/ikawaha/kagome-dict/dict"
)

// Tables are the parts of a known word's features that jatok reads, in
// flat tables without pointers, so that the GC has nothing to mark in
// them: its POS name ids and its base form, by word id.
//
// Word id's POS name ids are PosIDs[PosFrom[id]:PosFrom[id+1]]; its base
// form is Bases[BaseFrom[id]:BaseFrom[id+1]] if HasBase[id].
type Tables struct {
	PosFrom, BaseFrom []uint32
	PosIDs            []dict.POSID
	Bases             string
	HasBase           []bool
}

// NewTables reads d's features (POSTable.POSs and Contents) into Tables.
// It leaves d as it is.
func NewTables(d *dict.Dict) *Tables {
	knownBase := -1
	if v, ok := d.ContentsMeta[dict.BaseFormIndex]; ok {
		knownBase = int(v)
	}
	// Sized first: grown by appends, the tables would leave ~30 MB of
	// garbage on the dictionary load's critical path.
	n, posTotal, baseTotal := len(d.POSTable.POSs), 0, 0
	for id, pos := range d.POSTable.POSs {
		posTotal += len(pos)
		if b, ok := knownBaseForm(d, knownBase, id); ok {
			baseTotal += len(b)
		}
	}
	t := &Tables{
		PosFrom:  make([]uint32, 1, n+1),
		BaseFrom: make([]uint32, 1, n+1),
		PosIDs:   make([]dict.POSID, 0, posTotal),
		HasBase:  make([]bool, n),
	}
	var bases strings.Builder
	bases.Grow(baseTotal)
	for id, pos := range d.POSTable.POSs {
		t.PosIDs = append(t.PosIDs, pos...)
		t.PosFrom = append(t.PosFrom, uint32(len(t.PosIDs)))
		if b, ok := knownBaseForm(d, knownBase, id); ok {
			t.HasBase[id] = true
			bases.WriteString(b)
		}
		t.BaseFrom = append(t.BaseFrom, uint32(bases.Len()))
	}
	t.Bases = bases.String()
	return t
}

// knownBaseForm is the base form of the known word id, read as
// Token.FeatureAt reads the feature at index i.
func knownBaseForm(d *dict.Dict, i, id int) (string, bool) {
	if i < 0 {
		return "", false
	}
	pos := d.POSTable.POSs[id]
	if i < len(pos) {
		if int(pos[i]) > len(d.POSTable.NameList) {
			return "", false
		}
		return d.POSTable.NameList[pos[i]], true
	}
	i -= len(pos)
	if len(d.Contents) <= id || i >= len(d.Contents[id]) {
		return "", false
	}
	return d.Contents[id][i], true
}

// KnownPOS is the POS name ids of the known word id.
func (t *Tables) KnownPOS(id int) []dict.POSID { return t.PosIDs[t.PosFrom[id]:t.PosFrom[id+1]] }

// KnownBaseForm is the base form of the known word id, if it has one.
func (t *Tables) KnownBaseForm(id int) (string, bool) {
	if id < 0 || id >= len(t.HasBase) || !t.HasBase[id] {
		return "", false
	}
	return t.Bases[t.BaseFrom[id]:t.BaseFrom[id+1]], true
}
