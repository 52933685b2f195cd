package enrich

import (
	"strings"

	"github.com/breachtrend/breachtrend/internal/recent"
)

// memo remembers what Enricher.derive found for the recent notices of a
// run, so that a notice that comes again (a blog archive export holds the
// same notice many times) gets it without a second search. derive is a
// pure function of the organization, the title, the text and the table of
// Sectors (a bundled table, and the --sectors lines Load adds before the
// run), which are the whole key: the table by its pointer and its count of
// loads, the strings compared in full. The values are strings, so no two
// notices share anything they could change.
//
// A notice is kept the second time it comes (recent.Memo.Again): most
// come once. The strings kept are copies: a title is a slice of its whole document,
// which must not be kept alive by the memo. Bounded (recent.Memo): a
// generation holds 16k notices or 1 MiB of their text. A nil *memo keeps
// nothing. Safe for concurrent use.
//
// A notice shorter than memoMinBytes is not looked up: its fields are
// found anew.
type memo struct {
	derived *recent.Memo[memoKey, derived]
}

// memoMinBytes is the least organization, title and text, in bytes, of a
// notice that derive looks up in the memo. A shorter one (a JSON Lines
// record of one sentence) is derived faster than the memo looks it up,
// hashing its three strings and the table: Enricher.Notice on distinct
// records of ~200 bytes took ~1.1 µs without the memo and ~2.5 µs with it.
const memoMinBytes = 512

// memoKey is everything derive reads.
type memoKey struct {
	sectors          *Sectors
	loads            int
	org, title, text string
}

func newMemo() *memo {
	return &memo{derived: recent.New[memoKey, derived](16384, 1<<20, func(k memoKey) int {
		return len(k.org) + len(k.title) + len(k.text)
	})}
}

// get returns the fields derived for k, if they are kept; else the miss
// that add keeps them by.
func (m *memo) get(k memoKey) (derived, bool, recent.Miss) {
	if m == nil {
		return derived{}, false, recent.Miss{}
	}
	return m.derived.Look(k)
}

// add keeps d as the fields derived for k, copied, when get's miss says so
// (k fits, and came before: recent.Memo.Again).
func (m *memo) add(miss recent.Miss, k memoKey, d derived) {
	if !miss.Keep() {
		return
	}
	k.org, k.title, k.text = strings.Clone(k.org), strings.Clone(k.title), strings.Clone(k.text)
	d.body, d.orgKey, d.contractor = strings.Clone(d.body), strings.Clone(d.orgKey), strings.Clone(d.contractor)
	d.sector, d.route = strings.Clone(d.sector), strings.Clone(d.route)
	m.derived.AddMissed(miss, k, d)
}
