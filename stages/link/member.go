package link

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/breachtrend/breachtrend/schemas"
)

// member is what linking keeps of an incident notice until the incidents
// are written: a corpus of a few hundred thousand notices keeps one each.
// It is a fixed-size struct with no pointer in it — strings are handles
// of the Linker's intern table, the notice id an offset into one byte
// slice, optional values a value and a flag — so the Linker's slice of
// members is memory the garbage collector never marks (a struct of ~15
// strings, pointers and slices per notice was ~1 KB of live heap each,
// marked at every collection: ~30% of the CPU of a run of 307k short
// JSON Lines records).
type member struct {
	noticeID   [2]uint32 // offset and length in Linker.noticeIDs
	next       int32     // the next member of its group, in order of Add; -1 for the last
	source     handle
	caseID     handle
	org        handle
	orgKey     handle // enrich.OrgKey of org, set by Add
	contractor handle
	cause      handle
	sector     handle
	flags      uint8
	reportSeq  int32 // with hasReportSeq
	count      int64 // with hasCount
	dataTypes  uint64
	published  schemas.Date
	discovered schemas.Date
	occurred   schemas.Date
	reported   schemas.Date
	// finalEvent is the date of the notice's last report to a regulator
	// whose sentence names a 確報 (with hasFinalEvent; the date itself
	// may be unset): the APPI clock reads nothing else of the events.
	finalEvent schemas.Date
}

// The flags of a member, and of its compact form.
const (
	finalReport    = 1 << iota // Notice.FinalReport
	affectedApprox             // Notice.AffectedApprox
	hasReportSeq               // Notice.ReportSeq is set
	hasCount                   // Notice.AffectedCount is set
	hasFinalEvent              // finalEvent is set (see member)
	knownFlags     = 1<<iota - 1
)

func (m *member) has(flag uint8) bool { return m.flags&flag != 0 }

// followUp reports whether the notice is a numbered (第2報 on) or final
// report.
func (m *member) followUp() bool {
	return m.has(finalReport) || m.has(hasReportSeq) && m.reportSeq > 1
}

// dataTypeBit is the bit of each data type of schemas.DataTypes in
// member.dataTypes: an incident lists only those (in their order), so a
// notice's other data types do not count.
var dataTypeBit = func() map[string]uint64 {
	if len(schemas.DataTypes) > 64 {
		panic(fmt.Sprintf("link: %d data types do not fit a member's 64 bits", len(schemas.DataTypes)))
	}
	bits := make(map[string]uint64, len(schemas.DataTypes))
	for i, t := range schemas.DataTypes {
		bits[t] = 1 << i
	}
	return bits
}()

// Kept is an incident notice as linking reads it (AppendCompact) with the
// incident id it got: what a rerun keeps of the notices whose rows it
// does not rewrite, saved beside the tables, and links again (AddKept)
// without building the notice. Adding a Kept links as adding its notice
// does (TestCompactLinksAsTheNotice).
type Kept struct {
	Compact    []byte
	IncidentID string
}

// AppendCompact appends to dst the compact form of n: the fields linking
// reads — its id, source, case id, organization, contractor, cause,
// sector, report number and final flag, count, dates, data types — and,
// of its events, the date of its last report to a regulator that names a
// 確報. Its incident id is not part of it.
func AppendCompact(dst []byte, n *schemas.Notice) []byte {
	for _, s := range [...]string{n.NoticeID, n.SourcePath, n.CaseID, n.Organization, n.Contractor, n.Cause, n.Sector} {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	var flags uint8
	if n.FinalReport {
		flags |= finalReport
	}
	if n.AffectedApprox {
		flags |= affectedApprox
	}
	if n.ReportSeq != nil {
		flags |= hasReportSeq
	}
	if n.AffectedCount != nil {
		flags |= hasCount
	}
	final, hasFinal := finalEventOf(n.Events)
	if hasFinal {
		flags |= hasFinalEvent
	}
	dst = append(dst, flags)
	if n.ReportSeq != nil {
		dst = binary.AppendVarint(dst, int64(*n.ReportSeq))
	}
	if n.AffectedCount != nil {
		dst = binary.AppendVarint(dst, *n.AffectedCount)
	}
	for _, d := range [...]schemas.Date{n.PublishedDate, n.DiscoveredDate, n.OccurredDate, n.ReportedDate, final} {
		dst = appendDate(dst, d)
	}
	var types uint64
	for _, t := range n.DataTypes {
		types |= dataTypeBit[t]
	}
	return binary.AppendUvarint(dst, types)
}

// finalEventOf is the date of the last report to a regulator among events
// whose sentence names a 確報, and whether there is one.
func finalEventOf(events []schemas.Event) (schemas.Date, bool) {
	var d schemas.Date
	found := false
	for _, e := range events {
		if e.Kind == schemas.EventReported && namesFinalReport(e.Sentence) {
			d, found = e.Date, true
		}
	}
	return d, found
}

// appendDate appends d: 0 when unset, else its days zigzag-encoded plus one.
func appendDate(dst []byte, d schemas.Date) []byte {
	if d.IsZero() {
		return append(dst, 0)
	}
	days := d.Days()
	return binary.AppendUvarint(dst, uint64(uint32(days<<1^days>>31))+1)
}

// errCompact is a compact form that does not decode.
var errCompact = errors.New("link: damaged compact notice")

// compactReader reads a compact form; a damaged one sets err.
type compactReader struct {
	b   []byte
	err error
}

func (r *compactReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errCompact, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *compactReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = errCompact, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// bytes is the next string, in the reader's memory.
func (r *compactReader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err, r.b = errCompact, nil
		return nil
	}
	s := r.b[:n:n]
	r.b = r.b[n:]
	return s
}

func (r *compactReader) date() schemas.Date {
	v := r.uvarint()
	if v == 0 || v > 1<<32 {
		if v != 0 {
			r.err, r.b = errCompact, nil
		}
		return schemas.Date{}
	}
	z := uint32(v - 1)
	return schemas.DateFromDays(int32(z>>1) ^ -int32(z&1))
}

// decodeMember reads the compact form b into a member, its strings
// interned by intern, and returns the notice id (in b's memory).
func decodeMember(b []byte, intern func([]byte) handle) (member, []byte, error) {
	r := compactReader{b: b}
	var m member
	id := r.bytes()
	for _, h := range [...]*handle{&m.source, &m.caseID, &m.org, &m.contractor, &m.cause, &m.sector} {
		*h = intern(r.bytes())
	}
	if len(r.b) == 0 {
		return member{}, nil, errCompact
	}
	m.flags, r.b = r.b[0], r.b[1:]
	if m.flags&^knownFlags != 0 {
		return member{}, nil, errCompact
	}
	if m.has(hasReportSeq) {
		m.reportSeq = int32(r.varint())
	}
	if m.has(hasCount) {
		m.count = r.varint()
	}
	for _, d := range [...]*schemas.Date{&m.published, &m.discovered, &m.occurred, &m.reported, &m.finalEvent} {
		*d = r.date()
	}
	m.dataTypes = r.uvarint()
	if r.err == nil && (len(r.b) != 0 || m.dataTypes>>len(schemas.DataTypes) != 0) {
		r.err = errCompact
	}
	if r.err != nil {
		return member{}, nil, r.err
	}
	m.next = -1
	return m, id, nil
}

// CheckCompact reports whether b is a compact form AddKept can link.
func CheckCompact(b []byte) error {
	_, _, err := decodeMember(b, func([]byte) handle { return 0 })
	return err
}

// dataTypesOf are the data types of mask, in the order of schemas.DataTypes
// (nil for none).
func dataTypesOf(mask uint64) []string {
	var out []string
	for i, t := range schemas.DataTypes {
		if mask&(1<<i) != 0 {
			out = append(out, t)
		}
	}
	return out
}
