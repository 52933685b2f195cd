package link

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/breachtrend/breachtrend/schemas"
)

// A snapshot is the whole state of a Linker after its last Add: its
// members, groups, chains and intern table, laid out as varints. A rerun
// whose previous notices all come first, in the same order, restores it
// (RestoreLinker) instead of linking each of them again, then adds only
// the new notices: the linker it gets is the one it would have built
// (TestRestoredLinkerIsTheRelinkedOne), so every incident id is the same.
// Restoring costs a pass over a few bytes a notice; linking them again
// interned every string and computed every organization key anew.

// snapshotMagic opens a snapshot; another one is refused.
const snapshotMagic = "link-snapshot-2\n"

// ErrOverridden: a linker that follows analysts' corrections has no
// snapshot (they are part of what it links by, not of its state).
var ErrOverridden = errors.New("link: a linker with corrections has no snapshot")

// AppendSnapshot appends the linker's state to dst.
func (l *Linker) AppendSnapshot(dst []byte) ([]byte, error) {
	if l.same != nil || l.apart != nil {
		return dst, ErrOverridden
	}
	// Sized up front: grown by append, the ~20 MB of 100k notices were
	// copied over and over (0.2 s of a rerun's CPU).
	size := len(snapshotMagic) + len(l.strings.text) + 3*len(l.strings.ends) + 2*len(l.orgKeys) + len(l.noticeIDs) +
		int(l.members.n)*56 + len(l.groups)*20 + len(l.byCase.nodes)*8 + len(l.byOrg.nodes)*8 +
		(len(l.byCase.heads)+len(l.byOrg.heads))*16 + len(l.extras)*16 + 64
	w := snapshotWriter{b: slices.Grow(dst, size)}
	l.snapshot(&w)
	return w.b, nil
}

// WriteSnapshot hands the linker's snapshot, the bytes AppendSnapshot
// appends, to emit in pieces of about 1 MB (emit must not keep them), so
// that the snapshot of a large run (~30 MB at 300k notices) is never held
// whole beside its incidents.
func (l *Linker) WriteSnapshot(emit func([]byte) error) error {
	if l.same != nil || l.apart != nil {
		return ErrOverridden
	}
	w := snapshotWriter{b: make([]byte, 0, 2*snapshotPiece), emit: emit}
	l.snapshot(&w)
	w.spill(0)
	return w.err
}

// snapshotPiece is the size of the pieces WriteSnapshot hands out.
const snapshotPiece = 1 << 20

// snapshot writes the linker's state to w.
func (l *Linker) snapshot(w *snapshotWriter) {
	w.b = append(w.b, snapshotMagic...)
	t := l.strings
	w.bytes(t.text)
	w.u(len(t.ends))
	for i := 1; i < len(t.ends); i++ {
		w.u(int(t.ends[i] - t.ends[i-1]))
		w.spill(snapshotPiece)
	}
	w.u(len(l.orgKeys))
	for _, k := range l.orgKeys {
		w.u(int(k))
		w.spill(snapshotPiece)
	}
	w.u(int(l.unknownCause))
	w.bytes(l.noticeIDs)
	w.u(int(l.members.n))
	for i := int32(0); i < l.members.n; i++ {
		m := l.members.at(i)
		w.u(int(m.noticeID[0]))
		w.u(int(m.noticeID[1]))
		w.i(int64(m.next))
		for _, h := range [...]handle{m.source, m.caseID, m.org, m.orgKey, m.contractor, m.cause, m.sector} {
			w.u(int(h))
		}
		w.b = append(w.b, m.flags)
		w.i(int64(m.reportSeq))
		w.i(m.count)
		w.b = binary.AppendUvarint(w.b, m.dataTypes)
		for _, d := range [...]schemas.Date{m.published, m.discovered, m.occurred, m.reported, m.finalEvent} {
			w.b = appendDate(w.b, d)
		}
		w.spill(snapshotPiece)
	}
	w.u(len(l.groups))
	for _, g := range l.groups {
		w.i(int64(g.first))
		w.i(int64(g.last))
		w.i(int64(g.extra))
		w.b = append(w.b, g.id[:]...)
		w.spill(snapshotPiece)
	}
	w.u(len(l.extras))
	for _, e := range l.extras {
		for _, days := range [...][]int32{e.dates, e.discovered} {
			w.u(len(days))
			for _, d := range days {
				w.i(int64(d))
			}
		}
		for _, hs := range [...][]handle{e.causes, e.keys} {
			w.u(len(hs))
			for _, h := range hs {
				w.u(int(h))
			}
		}
		w.spill(snapshotPiece)
	}
	for _, c := range [...]*chains{&l.byCase, &l.byOrg} {
		keys := make([]handle, 0, len(c.heads))
		for k := range c.heads {
			keys = append(keys, k)
		}
		slices.Sort(keys) // the same linker, the same bytes
		w.u(len(keys))
		for _, k := range keys {
			h := c.heads[k]
			w.u(int(k))
			w.i(int64(h.first))
			w.i(int64(h.last))
			w.i(int64(h.len))
			w.spill(snapshotPiece)
		}
		w.u(len(c.nodes))
		for _, n := range c.nodes {
			w.i(int64(n.group))
			w.i(int64(n.next))
			w.spill(snapshotPiece)
		}
	}
}

// RestoreLinker is the linker whose snapshot b is, ready for more Adds.
// Every index and handle in b is checked against what it points into: a
// damaged snapshot is an error, never a linker that panics later.
func RestoreLinker(b []byte) (*Linker, error) {
	if len(b) < len(snapshotMagic) || string(b[:len(snapshotMagic)]) != snapshotMagic {
		return nil, errors.New("link: not a linker snapshot, or of another version")
	}
	r := snapshotReader{compactReader: compactReader{b: b[len(snapshotMagic):]}}
	l := NewLinker()
	t := l.strings
	t.text = slices.Clone(r.bytes())
	nStrings := r.count(len(t.text) + 1)
	t.ends = make([]uint32, 1, max(nStrings, 1))
	for i := 1; i < nStrings && r.err == nil; i++ {
		t.ends = append(t.ends, t.ends[i-1]+uint32(r.upTo(len(t.text)-int(t.ends[i-1]))))
	}
	if r.err == nil && (nStrings == 0 || int(t.ends[len(t.ends)-1]) != len(t.text)) {
		r.fail()
	}
	h := func() handle { return handle(r.upTo(nStrings - 1)) }
	l.orgKeys = make([]handle, r.count(nStrings))
	for i := range l.orgKeys {
		l.orgKeys[i] = handle(r.upTo(nStrings))
	}
	l.unknownCause = h()
	l.noticeIDs = slices.Clone(r.bytes())
	nMembers := r.count(len(r.b))
	for i := 0; i < nMembers && r.err == nil; i++ {
		var m member
		at := r.upTo(len(l.noticeIDs))
		m.noticeID = [2]uint32{uint32(at), uint32(r.upTo(len(l.noticeIDs) - at))}
		m.next = r.index(nMembers)
		for _, p := range [...]*handle{&m.source, &m.caseID, &m.org, &m.orgKey, &m.contractor, &m.cause, &m.sector} {
			*p = h()
		}
		m.flags = r.byte()
		m.reportSeq = int32(r.varint())
		m.count = r.varint()
		m.dataTypes = r.uvarint()
		for _, d := range [...]*schemas.Date{&m.published, &m.discovered, &m.occurred, &m.reported, &m.finalEvent} {
			*d = r.date()
		}
		if m.flags&^knownFlags != 0 {
			r.fail()
		}
		l.members.add(m)
	}
	l.groups = make([]group, 0, r.count(len(r.b)))
	for i := 0; i < cap(l.groups) && r.err == nil; i++ {
		g := group{first: r.index(nMembers), last: r.index(nMembers), extra: int32(r.varint())}
		copy(g.id[:], r.raw(len(g.id)))
		if g.first < 0 || g.last < 0 {
			r.fail()
		}
		l.groups = append(l.groups, g)
	}
	l.extras = make([]groupExtra, r.count(len(r.b)))
	nExtras := len(l.extras)
	for i := range l.extras {
		e := &l.extras[i]
		for _, days := range [...]*[]int32{&e.dates, &e.discovered} {
			*days = make([]int32, r.count(len(r.b)))
			for j := range *days {
				(*days)[j] = int32(r.varint())
			}
		}
		for _, hs := range [...]*[]handle{&e.causes, &e.keys} {
			*hs = make([]handle, r.count(len(r.b)))
			for j := range *hs {
				(*hs)[j] = h()
			}
		}
	}
	for _, g := range l.groups {
		if g.extra < -1 || int(g.extra) >= nExtras {
			r.fail()
		}
	}
	for _, c := range [...]*chains{&l.byCase, &l.byOrg} {
		n := r.count(len(r.b))
		c.heads = make(map[handle]chainHead, n) // sized: grown, it was most of a restore's time
		heads := make([]handle, 0, n)
		for range n {
			k := h()
			c.heads[k] = chainHead{first: r.index(len(r.b)), last: r.index(len(r.b)), len: int32(r.varint())}
			heads = append(heads, k)
		}
		c.nodes = make([]chainNode, r.count(len(r.b)))
		for i := range c.nodes {
			c.nodes[i] = chainNode{group: r.index(len(l.groups)), next: r.index(len(c.nodes))}
			if c.nodes[i].group < 0 {
				r.fail()
			}
		}
		for _, k := range heads {
			hd := c.heads[k]
			if hd.first < 0 || int(hd.first) >= len(c.nodes) || hd.last < 0 || int(hd.last) >= len(c.nodes) {
				r.fail()
			}
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail()
	}
	if r.err == nil && !l.wellFormed() {
		r.fail()
	}
	if r.err != nil {
		return nil, fmt.Errorf("link: a damaged linker snapshot: %w", r.err)
	}
	t.slots = make([]handle, 64)
	for 2*len(t.ends) > len(t.slots) {
		t.slots = make([]handle, 2*len(t.slots))
	}
	for h := handle(1); int(h) < len(t.ends); h++ {
		t.place(h)
	}
	return l, nil
}

// snapshotWriter gathers a snapshot in b, handed to emit as it grows (nil:
// b is the whole snapshot).
type snapshotWriter struct {
	b    []byte
	emit func([]byte) error
	err  error
}

func (w *snapshotWriter) u(v int)   { w.b = binary.AppendUvarint(w.b, uint64(v)) }
func (w *snapshotWriter) i(v int64) { w.b = binary.AppendVarint(w.b, v) }

// bytes writes a length and b; a long b goes to emit as it is, uncopied.
func (w *snapshotWriter) bytes(b []byte) {
	w.u(len(b))
	if w.emit == nil || len(b) < snapshotPiece {
		w.b = append(w.b, b...)
		w.spill(snapshotPiece)
		return
	}
	w.spill(0)
	if w.err == nil {
		w.err = w.emit(b)
	}
}

// spill hands what w gathered to emit once it holds at least n bytes.
func (w *snapshotWriter) spill(n int) {
	if w.emit == nil || len(w.b) < n || len(w.b) == 0 {
		return
	}
	if w.err == nil {
		w.err = w.emit(w.b)
	}
	w.b = w.b[:0]
}

// snapshotReader reads a snapshot; every number it hands out for an index
// or a count is bounded, so no slice is made or indexed from damage.
type snapshotReader struct{ compactReader }

func (r *snapshotReader) fail() {
	if r.err == nil {
		r.err = errCompact
	}
	r.b = nil
}

// upTo is a number in [0, n]; anything else fails the reader (and is 0).
func (r *snapshotReader) upTo(n int) int {
	v := r.uvarint()
	if n < 0 || v > uint64(n) {
		r.fail()
		return 0
	}
	return int(v)
}

// count is a length of at most n, the bound that keeps a damaged count
// from allocating more than the snapshot could describe.
func (r *snapshotReader) count(n int) int { return r.upTo(n) }

// index is -1 or an index below n.
func (r *snapshotReader) index(n int) int32 {
	v := r.varint()
	if v < -1 || v >= int64(n) {
		r.fail()
		return -1
	}
	return int32(v)
}

func (r *snapshotReader) byte() uint8 {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *snapshotReader) raw(n int) []byte {
	if len(r.b) < n {
		r.fail()
		return make([]byte, n)
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// bytes is a length-prefixed byte string, in the reader's memory.
func (r *snapshotReader) bytes() []byte {
	n := r.upTo(len(r.b))
	return r.raw(n)
}

// wellFormed reports whether the lists of a restored linker are lists:
// each member in the chain of exactly one group, from its first to its
// last, and each chain of groups from its head's first node to its last,
// of its length, every node in one chain. A snapshot that decodes but
// breaks them would make Add or Incidents loop or panic.
func (l *Linker) wellFormed() bool {
	seen := make([]bool, l.members.n)
	visited := 0
	for _, g := range l.groups {
		x, last := g.first, int32(-1)
		for x >= 0 {
			if seen[x] {
				return false
			}
			seen[x], last = true, x
			visited++
			x = l.members.at(x).next
		}
		if last != g.last {
			return false
		}
	}
	if visited != int(l.members.n) {
		return false
	}
	for _, c := range [...]*chains{&l.byCase, &l.byOrg} {
		used := make([]bool, len(c.nodes))
		total := 0
		for _, h := range c.heads {
			x, last, n := h.first, int32(-1), int32(0)
			for x >= 0 {
				if used[x] {
					return false
				}
				used[x], last = true, x
				n++
				x = c.nodes[x].next
			}
			if last != h.last || n != h.len {
				return false
			}
			total += int(n)
		}
		if total != len(c.nodes) {
			return false
		}
	}
	return true
}
