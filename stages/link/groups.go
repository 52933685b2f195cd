package link

import "slices"

// group is an incident being built: its members, linked through
// member.next in order of Add, and the hash its id is made of.
type group struct {
	first, last int32 // members
	// extra is the group's index in Linker.extras once it has a second
	// member; -1 before, when its dates, causes and keys are its first
	// member's (most incidents have one notice: no slice for them).
	extra int32
	id    [8]byte // incidentID's hash
}

// groupExtra is what a group of several notices keeps to decide whether a
// notice continues it: the published dates of its notices (those that
// have one), sorted, the distinct causes and the organization keys of
// its notices. Whether a notice continues a group is then a binary search
// and a look through a few causes, not a pass over every notice of the
// group (quadratic in the reports of one organization).
type groupExtra struct {
	dates      []int32
	discovered []int32 // the discovery days its notices state, sorted
	causes     []handle
	keys       []handle
}

// chains are lists of groups by a string's handle (the groups of a case
// id, or of an organization key), in the order they were added. They hold
// no pointer: a map[string][]int of 300k case ids was a slice each for
// the garbage collector to mark.
type chains struct {
	heads map[handle]chainHead
	nodes []chainNode
}

type chainHead struct{ first, last, len int32 }

type chainNode struct{ group, next int32 }

func newChains() chains { return chains{heads: map[handle]chainHead{}} }

// add appends group g to the chain of k.
func (c *chains) add(k handle, g int32) {
	x := int32(len(c.nodes))
	c.nodes = append(c.nodes, chainNode{group: g, next: -1})
	h, ok := c.heads[k]
	if !ok {
		c.heads[k] = chainHead{first: x, last: x, len: 1}
		return
	}
	c.nodes[h.last].next = x
	h.last = x
	h.len++
	c.heads[k] = h
}

// groups calls yield with the groups of k in order until it returns false.
func (c *chains) groups(k handle, yield func(g int32) bool) {
	h, ok := c.heads[k]
	if !ok {
		return
	}
	for x := h.first; x >= 0; x = c.nodes[x].next {
		if !yield(c.nodes[x].group) {
			return
		}
	}
}

// len is the number of groups in the chain of k.
func (c *chains) len(k handle) int { return int(c.heads[k].len) }

// extraOf is group g's groupExtra, made from its first member when it has
// none yet.
func (l *Linker) extraOf(g int32) *groupExtra {
	gr := &l.groups[g]
	if gr.extra < 0 {
		m := l.members.at(gr.first)
		e := groupExtra{causes: []handle{m.cause}}
		if !m.published.IsZero() {
			e.dates = []int32{m.published.Days()}
		}
		if !m.discovered.IsZero() {
			e.discovered = []int32{m.discovered.Days()}
		}
		if m.orgKey != 0 {
			e.keys = []handle{m.orgKey}
		}
		gr.extra = int32(len(l.extras))
		l.extras = append(l.extras, e)
	}
	return &l.extras[gr.extra]
}

// hasKey reports whether a notice of group g has organization key k.
func (l *Linker) hasKey(g int32, k handle) bool {
	if gr := &l.groups[g]; gr.extra < 0 {
		return l.members.at(gr.first).orgKey == k
	}
	return slices.Contains(l.extras[l.groups[g].extra].keys, k)
}

// noKeys reports whether no notice of group g names an organization.
func (l *Linker) noKeys(g int32) bool {
	if gr := &l.groups[g]; gr.extra < 0 {
		return l.members.at(gr.first).orgKey == 0
	}
	return len(l.extras[l.groups[g].extra].keys) == 0
}

// hasCause reports whether a notice of group g has cause c.
func (l *Linker) hasCause(g int32, c handle) bool {
	if gr := &l.groups[g]; gr.extra < 0 {
		return l.members.at(gr.first).cause == c
	}
	return slices.Contains(l.extras[l.groups[g].extra].causes, c)
}

// publishedNear reports whether a notice of group g was published within
// LinkWindowDays of day d.
func (l *Linker) publishedNear(g int32, d int32) bool {
	if gr := &l.groups[g]; gr.extra < 0 {
		p := l.members.at(gr.first).published
		return !p.IsZero() && p.Days() >= d-LinkWindowDays && p.Days() <= d+LinkWindowDays
	}
	dates := l.extras[l.groups[g].extra].dates
	at, _ := slices.BinarySearch(dates, d-LinkWindowDays)
	return at < len(dates) && dates[at] <= d+LinkWindowDays
}

// discoveredApart reports whether notice n states a discovery day that is
// more than LinkDiscoveryDays from every one a notice of group g states,
// when one does: a discovery of its own, another incident of the same
// organization and cause (a city's misdeliveries of one spring).
func (l *Linker) discoveredApart(g int32, n *member) bool {
	if n.discovered.IsZero() {
		return false
	}
	d := n.discovered.Days()
	near := func(x int32) bool { return x >= d-LinkDiscoveryDays && x <= d+LinkDiscoveryDays }
	if gr := &l.groups[g]; gr.extra < 0 {
		x := l.members.at(gr.first).discovered
		return !x.IsZero() && !near(x.Days())
	}
	days := l.extras[l.groups[g].extra].discovered
	if len(days) == 0 {
		return false
	}
	at, _ := slices.BinarySearch(days, d-LinkDiscoveryDays)
	return !(at < len(days) && near(days[at]))
}

// join adds member mi to group g: a new group's first member, or the
// next of one that has members.
func (l *Linker) join(g int32, mi int32) {
	gr := &l.groups[g]
	if gr.first < 0 { // a new group: its first member is its extra
		gr.first, gr.last = mi, mi
		if k := l.members.at(mi).orgKey; k != 0 {
			l.byOrg.add(k, g)
		}
		return
	}
	e := l.extraOf(g)
	gr = &l.groups[g]
	m := l.members.at(mi)
	l.members.at(gr.last).next = mi
	gr.last = mi
	if m.orgKey != 0 && !slices.Contains(e.keys, m.orgKey) {
		e.keys = append(e.keys, m.orgKey)
		l.byOrg.add(m.orgKey, g)
	}
	if !m.published.IsZero() {
		d := m.published.Days()
		at, _ := slices.BinarySearch(e.dates, d)
		e.dates = slices.Insert(e.dates, at, d)
	}
	if !m.discovered.IsZero() {
		d := m.discovered.Days()
		if at, found := slices.BinarySearch(e.discovered, d); !found {
			e.discovered = slices.Insert(e.discovered, at, d)
		}
	}
	if !slices.Contains(e.causes, m.cause) {
		e.causes = append(e.causes, m.cause)
	}
}

// membersOf appends the members of group g to dst, in order of Add.
func (l *Linker) membersOf(dst []int32, g int32) []int32 {
	for x := l.groups[g].first; x >= 0; x = l.members.at(x).next {
		dst = append(dst, x)
	}
	return dst
}

// memberStore holds the members in chunks of a fixed size: a slice grown
// by append copies itself as it grows (five times the 31 MB of 300k
// members, allocated and copied) and is at times twice its size.
type memberStore struct {
	chunks [][]member
	n      int32
}

const memberChunk = 4096

// add appends m and returns its index.
func (s *memberStore) add(m member) int32 {
	if int(s.n)%memberChunk == 0 {
		s.chunks = append(s.chunks, make([]member, 0, memberChunk))
	}
	c := &s.chunks[len(s.chunks)-1]
	*c = append(*c, m)
	s.n++
	return s.n - 1
}

// at is member i.
func (s *memberStore) at(i int32) *member {
	return &s.chunks[i/memberChunk][i%memberChunk]
}
