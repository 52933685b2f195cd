package jatok

import (
	"sync"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// Morpheme is one token of a text as kagome's tokenizer (normal mode, no
// user dictionary, BOS and EOS left out) gives it: its class, its id in
// the dictionary of its class, and its surface, a substring of the text.
type Morpheme struct {
	Class   tokenizer.TokenClass
	ID      int
	Surface string
}

// POSAt returns the i-th POS field of m, as POSAt does for its token.
func (m Morpheme) POSAt(i int) string { return dictFields().posAt(m.Class, m.ID, i) }

// BaseForm returns the base form of m, as BaseForm does for its token.
func (m Morpheme) BaseForm() (string, bool) { return dictFields().baseForm(m.Class, m.ID) }

// Tokenize returns the morphemes of s: the tokens of the shared
// Tokenizer's Tokenize(s), read without building them (see bestPath).
func Tokenize(s string) ([]Morpheme, error) {
	st, err := shared()
	if err != nil {
		return nil, err
	}
	v := viterbis.Get().(*viterbi)
	defer viterbis.Put(v)
	path := st.fields.bestPath(v, s)
	out := make([]Morpheme, len(path))
	for i, k := range path {
		n := &v.nodes[k]
		out[i] = Morpheme{Class: tokenizer.TokenClass(n.class), ID: int(n.id), Surface: s[n.from:n.to]}
	}
	return out, nil
}

// The lattice's costs and bounds, as kagome's lattice package has them.
const (
	maximumCost              = 1<<31 - 1
	maximumUnknownWordLength = 1024
	bosEosID                 = -1
)

// Node classes, as kagome's lattice numbers them (tokenizer.TokenClass
// has the same values).
const (
	classDummy   = int8(tokenizer.DUMMY)
	classKnown   = int8(tokenizer.KNOWN)
	classUnknown = int8(tokenizer.UNKNOWN)
)

// viterbi is the reusable state of bestPath: kagome's lattice takes every
// node from a sync.Pool and gives it back one by one (a third of its
// time on a sentence), and holds its lists of nodes by end as slices of
// pointers; here a text's nodes are one slice of values, and the nodes
// that end at a byte a linked list through it, in the order kagome's
// lists hold them.
type viterbi struct {
	nodes      []node
	head, tail []int32 // by end byte: the first and the last node that ends there, -1 for none
	path       []int32
	// before are the nodes that end where the nodes being made start,
	// in list order: every node made there reads them all, from one
	// array rather than down the list.
	before []predecessor
}

// predecessor is what connect reads of a node that ends where another
// starts.
type predecessor struct {
	right, cost, index int32
}

var viterbis = sync.Pool{New: func() any { return new(viterbi) }}

// node is a lattice node: a candidate word from byte from to byte to, its
// connection ids and weight, and the best path's cost up to its end and
// the node before it on that path.
type node struct {
	from, to            int32
	id                  int32
	left, right, weight int32
	cost                int32
	prev, next          int32 // the best path's previous node, and the next node ending at to; -1 for none
	class               int8
}

// bestPath returns, in text order, the nodes (indexes in v.nodes) of the
// path that kagome's lattice finds for s in normal mode with no user
// dictionary, BOS and EOS left out. It builds the same nodes in the same
// order as lattice.Build (known words by the index's common prefixes,
// unknown words by character category) and picks each node's best
// predecessor as lattice.Forward does, the first of the cheapest in the
// order of the nodes that end where it starts, with kagome's int64 sums
// clamped at maximumCost. The nodes that end at a byte all start before
// it, so each node's cost is final when it is made and one pass does
// both. Byte offsets stand for kagome's rune positions: a known word's
// match is valid UTF-8 that starts at a rune, so it ends at one too.
// TestBestPathAsKagome and FuzzBestPath hold it to kagome's tokens.
func (f *fields) bestPath(v *viterbi, s string) []int32 {
	d := f.dict
	v.nodes = v.nodes[:0]
	if cap(v.head) < len(s)+1 {
		v.head, v.tail = make([]int32, len(s)+1), make([]int32, len(s)+1)
	}
	v.head, v.tail = v.head[:len(s)+1], v.tail[:len(s)+1]
	for i := range v.head {
		v.head[i], v.tail[i] = -1, -1
	}
	v.add(node{from: 0, to: 0, id: bosEosID, class: classDummy, prev: -1}) // BOS: cost 0
	da := d.Index.Da
	for pos, ch := range s {
		v.gather(pos)
		// (2) of lattice.Build: the known words that s has at pos, by
		// the double array's common prefix search (trie's
		// CommonPrefixSearchCallback, inlined), each with its duplicates.
		anyMatches := false
		p, q := 0, 0
		for i := pos; i < len(s); i++ {
			c := s[i]
			if c == 0 { // the trie's terminator
				break
			}
			p = q
			q = int(da[p].Base) + int(c)
			if q >= len(da) || int(da[q].Check) != p {
				break
			}
			ahead := int(da[q].Base)
			if ahead < len(da) && int(da[ahead].Check) == q && da[ahead].Base <= 0 {
				id := int(-da[ahead].Base)
				for x := id; x <= id+int(f.knownDup[id]); x++ {
					m := d.Morphs[x]
					v.connect(d, node{from: int32(pos), to: int32(i + 1), id: int32(x), class: classKnown,
						left: int32(m.LeftID), right: int32(m.RightID), weight: int32(m.Weight)})
				}
				anyMatches = true
			}
		}
		// (3): unknown words, when no known word starts here or the
		// character's category always invokes them.
		class := d.CharacterCategory(ch)
		if anyMatches && !d.InvokeList[int(class)] {
			continue
		}
		endPos := pos + 1
		if ch != utf8.RuneError {
			endPos = pos + utf8.RuneLen(ch)
		}
		if d.GroupList[int(class)] {
			unkWordLen := 1
			for i, w := endPos, 0; i < len(s); i += w {
				var c rune
				c, w = utf8.DecodeRuneInString(s[i:])
				if d.CharacterCategory(c) != class {
					break
				}
				endPos += w
				unkWordLen++
				if unkWordLen >= maximumUnknownWordLength {
					break
				}
			}
		}
		prev := pos
		if c, size := utf8.DecodeLastRuneInString(s[pos:endPos]); c != utf8.RuneError {
			prev = endPos - size
		}
		id, dup := int(f.unkIndex[class]), int(f.unkDup[class])
		for x := range dup + 1 {
			m := d.UnkDict.Morphs[id+x]
			n := node{id: int32(id + x), class: classUnknown, left: int32(m.LeftID), right: int32(m.RightID), weight: int32(m.Weight)}
			if pos < prev {
				// The word with its last character cut off.
				n.from, n.to = int32(pos), int32(prev)
				v.connect(d, n)
			}
			n.from, n.to = int32(pos), int32(endPos)
			v.connect(d, n)
		}
	}
	v.gather(len(s))
	eos := v.connect(d, node{from: int32(len(s)), to: int32(len(s)), id: bosEosID, class: classDummy})
	// lattice.Backward from EOS, and the tokenizer's order and omission
	// of BOS and EOS.
	v.path = v.path[:0]
	for k := v.nodes[eos].prev; k >= 0; k = v.nodes[k].prev {
		if v.nodes[k].id != bosEosID {
			v.path = append(v.path, k)
		}
	}
	for i, j := 0, len(v.path)-1; i < j; i, j = i+1, j-1 {
		v.path[i], v.path[j] = v.path[j], v.path[i]
	}
	return v.path
}

// gather reads the nodes that end at byte at into v.before.
func (v *viterbi) gather(at int) {
	v.before = v.before[:0]
	for k := v.head[at]; k >= 0; k = v.nodes[k].next {
		v.before = append(v.before, predecessor{right: v.nodes[k].right, cost: v.nodes[k].cost, index: k})
	}
}

// connect gives n its best predecessor among v.before, the nodes that end
// where it starts, as lattice.Forward does, and adds it. It returns n's
// index.
func (v *viterbi) connect(d *dict.Dict, n node) int32 {
	n.prev = -1
	if len(v.before) == 0 {
		n.cost = maximumCost
		return v.add(n)
	}
	// The first of the cheapest: the minimum is taken without a branch
	// on each total (which one wins is as good as random to a branch
	// predictor), the index only when a total is strictly less. The
	// totals are compared as int64, which is comparing them as the int32
	// costs they become: a path's cost falls by at most two int16s a
	// node, far from int32's least.
	conn := d.Connection.Vec[d.Connection.Row*int64(n.left):] // the column of n.left: the matrix is transposed
	weight := int64(n.weight)
	first := v.before[0]
	best, prev := min(int64(conn[first.right])+weight+int64(first.cost), maximumCost), first.index
	for _, p := range v.before[1:] {
		total := min(int64(conn[p.right])+weight+int64(p.cost), maximumCost)
		if total < best {
			best, prev = total, p.index
		}
	}
	n.cost, n.prev = int32(best), prev
	return v.add(n)
}

// add appends n to the nodes and to the list of those that end where it
// ends, and returns its index.
func (v *viterbi) add(n node) int32 {
	k := int32(len(v.nodes))
	n.next = -1
	v.nodes = append(v.nodes, n)
	if t := v.tail[n.to]; t >= 0 {
		v.nodes[t].next = k
	} else {
		v.head[n.to] = k
	}
	v.tail[n.to] = k
	return k
}
