package link

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/enrich"
)

// LinkWindowDays is how far apart two reports of one organization may be
// published and still be one incident when no case id ties them
// (rules/link/settings.tsv).
var LinkWindowDays = int32(linkSettings.Int("link_window_days"))

// LinkDiscoveryDays is how far apart two notices that are no follow-ups
// may date their discoveries and still be one incident
// (rules/link/settings.tsv).
var LinkDiscoveryDays = int32(linkSettings.Int("link_discovery_days"))

// The APPI clock of rules/link/settings.tsv: the day the amended APPI's
// reporting duty began, the 速報 and 確報 deadlines in days after
// discovery, and the word that marks a 確報.
var (
	lawInForce         = schemas.MustDate(linkSettings.String("law_in_force"))
	preliminaryDays    = int32(linkSettings.Int("preliminary_days"))
	finalDays          = int32(linkSettings.Int("final_days"))
	finalDaysMalicious = int32(linkSettings.Int("final_days_malicious"))
	finalReportWord    = linkSettings.String("final_report_word")
	finalReportPending = strings.Split(linkSettings.String("final_report_pending"), "|")
)

// namesFinalReport reports whether a report event's sentence tells of a
// 確報 made: it names one (final_report_word), and no word after it says
// the 確報 is still to come (final_report_pending: 「速報を提出し、確報は準備
// が整い次第提出いたします」, whose date is the 速報's).
func namesFinalReport(sentence string) bool {
	i := strings.Index(sentence, finalReportWord)
	if i < 0 {
		return false
	}
	rest := sentence[i+len(finalReportWord):]
	for _, w := range finalReportPending {
		if w != "" && strings.Contains(rest, w) {
			return false
		}
	}
	return true
}

// Linker groups incident notices into incidents as they come, in corpus
// order: the same case id and organization (the blog gives one case number
// to the notices of several clients of one breached contractor: each
// client is its own incident, and the event groups them); else the same
// organization key with a continuing subject (same cause, or a numbered
// follow-up) published within LinkWindowDays. A notice's incident id is known when it is added — the
// id of a group is fixed by the notice that opens it — so the pipeline
// writes notices with their incident id as it streams them.
//
// What it keeps holds no pointer per notice (see member, group, chains,
// internTable): the garbage collector does not mark it, however many
// notices a run links.
type Linker struct {
	members   memberStore
	noticeIDs []byte // the members' notice ids, end to end
	groups    []group
	extras    []groupExtra // of the groups of several notices
	byCase    chains       // groups by case id
	byOrg     chains       // groups by the organization keys of their notices
	strings   *internTable // every string of the members but their notice ids
	// orgKeys is enrich.OrgKey of each organization seen, by its handle:
	// the key's handle plus one, 0 while not computed.
	orgKeys      []handle
	scratch      []byte // Add's compact form of the notice being added
	unknownCause handle // of the cause "unknown"

	// Analysts' corrections (Override): notice id → the notices it must
	// share an incident with, or must not; groupOf places the notices
	// they name, as they are added.
	same, apart map[string][]string
	groupOf     map[string]int32
}

// Override makes the linker follow an analyst's corrections: each pair of
// same names two notices (by notice id) that are reports of one incident,
// each pair of apart two that are not, whatever the rules say. Call it
// before the first Add. A same pair wins over the rules; an apart pair
// only keeps the later notice out of the earlier one's group.
func (l *Linker) Override(same, apart [][2]string) {
	if len(same)+len(apart) == 0 {
		return
	}
	l.same, l.apart, l.groupOf = map[string][]string{}, map[string][]string{}, map[string]int32{}
	for _, p := range same {
		l.same[p[0]] = append(l.same[p[0]], p[1])
		l.same[p[1]] = append(l.same[p[1]], p[0])
	}
	for _, p := range apart {
		l.apart[p[0]] = append(l.apart[p[0]], p[1])
		l.apart[p[1]] = append(l.apart[p[1]], p[0])
	}
}

// overridden is the group a correction puts notice id in (-1: none), and
// keptApart whether group i is one a correction keeps it out of.
func (l *Linker) overridden(id []byte) int32 {
	for _, other := range l.same[string(id)] {
		if g, ok := l.groupOf[other]; ok {
			return g
		}
	}
	return -1
}

func (l *Linker) keptApart(id []byte, i int32) bool {
	for _, other := range l.apart[string(id)] {
		if g, ok := l.groupOf[other]; ok && g == i {
			return true
		}
	}
	return false
}

// NewLinker returns an empty Linker.
func NewLinker() *Linker {
	l := &Linker{byCase: newChains(), byOrg: newChains(), strings: newInternTable()}
	l.unknownCause = l.strings.of([]byte("unknown"))
	return l
}

// Add links notice and sets its IncidentID; it keeps a compact copy of
// the fields linking needs (member), not the notice. Notices that are not
// incidents are ignored.
func (l *Linker) Add(notice *schemas.Notice) {
	if !notice.IsIncident {
		return
	}
	l.scratch = AppendCompact(l.scratch[:0], notice)
	id, err := l.add(l.scratch)
	if err != nil {
		panic(fmt.Sprintf("link: the compact form of notice %q does not decode: %v", notice.NoticeID, err))
	}
	notice.IncidentID = id
}

// AddKept links k, an incident notice of an earlier run, as Add links the
// notice it was made from, and sets its IncidentID. k.Compact must have
// passed CheckCompact (the rerun's reader checks every one): a compact
// form that does not decode is a bug, and panics.
func (l *Linker) AddKept(k *Kept) {
	id, err := l.add(k.Compact)
	if err != nil {
		panic(fmt.Sprintf("link: a kept notice (incident %s): %v", k.IncidentID, err))
	}
	k.IncidentID = id
}

// add links the notice of compact form b and returns its incident id.
func (l *Linker) add(b []byte) (string, error) {
	m, id, err := decodeMember(b, l.strings.of)
	if err != nil {
		return "", err
	}
	g := l.overridden(id)
	key := l.orgKey(m.org)
	m.orgKey = key
	if g < 0 && m.caseID != 0 {
		l.byCase.groups(m.caseID, func(i int32) bool {
			if l.sameOrganization(i, key) && !l.keptApart(id, i) {
				g = i
			}
			return g < 0
		})
	}
	if g < 0 && key != 0 {
		// The latest group the notice continues, one of its cause first: a
		// 第2報 of a misdelivery joins the misdelivery, not a ransomware
		// attack the organization reported the month before, and a notice
		// the latest incident of its kind.
		sameCause := false
		l.byOrg.groups(key, func(i int32) bool {
			first := l.members.at(l.groups[i].first).caseID
			if !l.continues(i, &m) || !(m.caseID == 0 || first == 0 || first == m.caseID) || l.keptApart(id, i) {
				return true
			}
			if l.ofCause(i, &m) {
				g, sameCause = i, true
			} else if !sameCause {
				g = i
			}
			return true
		})
	}
	m.noticeID = [2]uint32{uint32(len(l.noticeIDs)), uint32(len(id))}
	l.noticeIDs = append(l.noticeIDs, id...)
	mi := l.members.add(m)
	if g < 0 {
		g = int32(len(l.groups))
		l.groups = append(l.groups, group{first: -1, last: -1, extra: -1, id: l.incidentHash(&m, id)})
		if m.caseID != 0 {
			l.byCase.add(m.caseID, g)
		}
	}
	l.join(g, mi)
	if l.groupOf != nil && (len(l.same[string(id)]) > 0 || len(l.apart[string(id)]) > 0) {
		l.groupOf[string(id)] = g
	}
	return incidentIDOf(l.groups[g].id), nil
}

// orgKey is the handle of enrich.OrgKey of the organization of handle org.
func (l *Linker) orgKey(org handle) handle {
	if int(org) >= len(l.orgKeys) {
		l.orgKeys = append(l.orgKeys, make([]handle, l.strings.len()-len(l.orgKeys))...)
	}
	if k := l.orgKeys[org]; k != 0 {
		return k - 1
	}
	k := l.strings.of([]byte(enrich.OrgKey(string(l.strings.bytes(org)))))
	if int(k) >= len(l.orgKeys) {
		l.orgKeys = append(l.orgKeys, make([]handle, l.strings.len()-len(l.orgKeys))...)
	}
	l.orgKeys[org] = k + 1
	return k
}

// sameOrganization reports whether a notice of organization key may join
// group i: either does not name the organization, or they name the same.
func (l *Linker) sameOrganization(i int32, key handle) bool {
	return key == 0 || l.noKeys(i) || l.hasKey(i, key)
}

// Incidents returns one row per incident, in order of their first notice,
// each with its event (see groupEvents).
func (l *Linker) Incidents() []schemas.Incident {
	r := rowStrings{strings: l.strings.strings(), noticeIDs: string(l.noticeIDs), unnamedKey: enrich.OrgKey("")}
	out := make([]schemas.Incident, 0, len(l.groups))
	var g []int32
	for i := range l.groups {
		g = l.membersOf(g[:0], int32(i))
		out = append(out, l.incidentOf(incidentIDOf(l.groups[i].id), g, &r))
	}
	groupEvents(out)
	return out
}

// rowStrings are the strings of the incident rows: the intern table's and
// the notice ids, each one string that the rows' strings share.
type rowStrings struct {
	strings    []string // by handle
	noticeIDs  string   // Linker.noticeIDs
	unnamedKey string   // enrich.OrgKey("")

	// The rows' lists and counts are cut from shared blocks, not
	// allocated one by one: 300k incidents were 1.2M small allocations.
	lists   []string
	counts  []int64
	sources []handle // incidentOf's scratch
}

// list is a slice of n strings for a row, cut from a shared block (its
// capacity n: an append to it does not reach its neighbour's).
func (r *rowStrings) list(n int) []string {
	if cap(r.lists)-len(r.lists) < n {
		r.lists = make([]string, 0, max(n, 1<<14))
	}
	at := len(r.lists)
	r.lists = r.lists[:at+n]
	return r.lists[at : at+n : at+n]
}

// count is a pointer to an int64 set to v, cut from a shared block.
func (r *rowStrings) count(v int64) *int64 {
	if len(r.counts) == cap(r.counts) {
		r.counts = make([]int64, 0, 1<<14)
	}
	r.counts = append(r.counts, v)
	return &r.counts[len(r.counts)-1]
}

func (r *rowStrings) noticeID(m *member) string {
	return r.noticeIDs[m.noticeID[0] : m.noticeID[0]+m.noticeID[1]]
}

// Link links notices (in corpus order) at once: NewLinker, Add each,
// Incidents.
func Link(notices []*schemas.Notice) []schemas.Incident {
	l := NewLinker()
	for _, n := range notices {
		l.Add(n)
	}
	return l.Incidents()
}

// incidentHash is the hash of the stable id of the incident a notice (m,
// of notice id) opens: from its case id when it has one (and, for the
// k-th other organization under one case id, k), else from the notice's
// own id.
func (l *Linker) incidentHash(m *member, id []byte) [8]byte {
	h := sha256.New()
	if m.caseID != 0 {
		h.Write([]byte("case:"))
		h.Write(l.strings.bytes(m.caseID))
		if k := l.byCase.len(m.caseID); k > 0 {
			fmt.Fprintf(h, "#%d", k)
		}
	} else {
		h.Write([]byte("notice:"))
		h.Write(id)
	}
	var sum [sha256.Size]byte
	return [8]byte(h.Sum(sum[:0]))
}

// incidentIDOf is the incident id of hash: "inc-" and its 16 hex digits.
func incidentIDOf(hash [8]byte) string {
	var b [4 + 16]byte
	copy(b[:], "inc-")
	hex.Encode(b[4:], hash[:])
	return string(b[:])
}

// continues reports whether n reports on the incident of group i: a
// notice of the group was published within LinkWindowDays of it, and n is
// a numbered or final follow-up, or one of the group has its cause (other
// than unknown) and n dates no discovery apart from the group's
// (discoveredApart).
//
// A follow-up that gives no date of its own (its page cut above the date
// line) continues a group of its cause, however far: it is another
// report of one of the organization's incidents of that kind, and the
// latest is taken (add).
func (l *Linker) continues(i int32, n *member) bool {
	sameCause := l.ofCause(i, n)
	if n.published.IsZero() {
		return n.followUp() && sameCause
	}
	if !l.publishedNear(i, n.published.Days()) {
		return false
	}
	return n.followUp() || sameCause && !l.discoveredApart(i, n)
}

// ofCause reports whether a notice of group i has n's cause, a known one.
func (l *Linker) ofCause(i int32, n *member) bool {
	return n.cause != l.unknownCause && l.hasCause(i, n.cause)
}

func (l *Linker) incidentOf(id string, g []int32, r *rowStrings) schemas.Incident {
	// Reports in order: 第N報 first by number, then by date, then as found.
	if len(g) > 1 {
		sort.SliceStable(g, func(i, j int) bool {
			a, b := l.members.at(g[i]), l.members.at(g[j])
			if a.has(hasReportSeq) && b.has(hasReportSeq) && a.reportSeq != b.reportSeq {
				return a.reportSeq < b.reportSeq
			}
			if a.has(finalReport) != b.has(finalReport) {
				return b.has(finalReport)
			}
			if !a.published.IsZero() && !b.published.IsZero() && a.published != b.published {
				return a.published.Before(b.published)
			}
			return false
		})
	}
	inc := schemas.Incident{IncidentID: id, Reports: int32(len(g)), NoticeIDs: r.list(len(g))[:0]}
	var types uint64
	sources := r.sources[:0]
	var seen map[handle]bool // a large incident's sources, so that listing them is not quadratic
	if len(g) > 16 {
		seen = map[handle]bool{}
	}
	var caseID, org, orgKey, contractor, sector, cause handle
	var named bool
	var count, most int64
	var counted, approx bool
	var final *member // the last notice (in report order) that reports a 確報
	for _, mi := range g {
		n := l.members.at(mi)
		if caseID == 0 {
			caseID = n.caseID
		}
		inc.NoticeIDs = append(inc.NoticeIDs, r.noticeID(n))
		if seen != nil && !seen[n.source] || seen == nil && !slices.Contains(sources, n.source) {
			sources = append(sources, n.source)
			if seen != nil {
				seen[n.source] = true
			}
		}
		if !named && n.org != 0 {
			org, orgKey, named = n.org, n.orgKey, true
		}
		if contractor == 0 {
			contractor = n.contractor
		}
		if sector == 0 {
			sector = n.sector
		}
		if n.cause != 0 && n.cause != l.unknownCause || cause == 0 {
			cause = n.cause // the latest report that states a cause knows it best
		}
		types |= n.dataTypes
		if n.has(hasCount) {
			count, approx = n.count, n.has(affectedApprox)
			if !counted || n.count > most {
				most = n.count
			}
			counted = true
		}
		inc.OccurredDate = earliest(inc.OccurredDate, n.occurred)
		inc.DiscoveredDate = earliest(inc.DiscoveredDate, n.discovered)
		inc.FirstPublished = earliest(inc.FirstPublished, n.published)
		if inc.LastPublished.Before(n.published) || inc.LastPublished.IsZero() {
			inc.LastPublished = n.published
		}
		inc.ReportedDate = earliest(inc.ReportedDate, n.reported)
		inc.FinalReport = inc.FinalReport || n.has(finalReport)
		if n.has(hasFinalEvent) {
			final = n
		}
	}
	inc.CaseID, inc.Contractor, inc.Sector, inc.Cause = r.strings[caseID], r.strings[contractor], r.strings[sector], r.strings[cause]
	inc.Organization, inc.OrganizationKey = r.strings[org], r.strings[orgKey]
	r.sources = sources
	inc.Sources = r.list(len(sources))
	for i, s := range sources {
		inc.Sources[i] = r.strings[s]
	}
	inc.DataTypes = dataTypesOf(types)
	if counted {
		inc.AffectedCount, inc.AffectedApprox, inc.AffectedMax = r.count(count), approx, r.count(most)
	}
	if c, ok := schemas.CauseByName(inc.Cause); ok {
		inc.VerisAction, inc.TSRCategory = c.Veris, c.TSR
	}
	if !inc.FirstPublished.IsZero() && !inc.DiscoveredDate.IsZero() {
		d := inc.FirstPublished.Sub(inc.DiscoveredDate)
		inc.DisclosureDelayDays = &d
	}
	if !inc.DiscoveredDate.IsZero() && !inc.OccurredDate.IsZero() {
		d := inc.DiscoveredDate.Sub(inc.OccurredDate)
		inc.ExposureDays = &d
	}
	if inc.Organization == "" {
		inc.OrganizationKey = r.unnamedKey // as the key of a named one, from its notice (Add)
	}
	placeInTime(&inc)
	var finalDate *schemas.Date
	if final != nil {
		finalDate = &final.finalEvent
	}
	appiClock(&inc, finalDate)
	return inc
}

// appiClock decides whether the incident is reportable to the Personal
// Information Protection Commission under the amended APPI, and whether
// the 速報 (3–5 days) and 確報 (30 days, 60 for malicious acts) deadlines
// were met, when the notices give the dates to tell. final is the date of
// the last report to a regulator, in report order, that names a 確報 (nil:
// none does).
func appiClock(inc *schemas.Incident, final *schemas.Date) {
	var reasons []string
	for _, a := range appiReasons {
		if !slices.Contains(reasons, a.reason) && a.holds(inc) {
			reasons = append(reasons, a.reason)
		}
	}
	malicious := slices.Contains(reasons, "malicious")
	inc.Reportable = len(reasons) > 0
	inc.ReportableReason = strings.Join(reasons, ",")
	if !inc.Reportable || inc.DiscoveredDate.IsZero() || inc.DiscoveredDate.Before(lawInForce) {
		return
	}
	// A report dated before the discovery is a date misread (a year
	// resolved wrong): the clock cannot tell. Nor can it tell the 速報 when
	// the first report known is the 確報 itself.
	onlyFinal := final != nil && !final.IsZero() && *final == inc.ReportedDate
	if gap := inc.ReportedDate.Sub(inc.DiscoveredDate); !inc.ReportedDate.IsZero() && gap >= 0 && !onlyFinal {
		ok := gap <= preliminaryDays
		inc.PreliminaryMet = &ok
	}
	limit := finalDays
	if malicious {
		limit = finalDaysMalicious
	}
	if final != nil && (final.IsZero() || final.Sub(inc.DiscoveredDate) >= 0) {
		ok := final.Sub(inc.DiscoveredDate) <= limit
		inc.FinalMet = &ok
	}
}

// holds reports whether the line of appi_reasons.tsv applies to inc.
func (a appiReason) holds(inc *schemas.Incident) bool {
	switch a.kind {
	case "data_type":
		return slices.Contains(inc.DataTypes, a.value)
	case "cause":
		return inc.Cause == a.value
	default: // count_over
		return inc.AffectedMax != nil && *inc.AffectedMax > a.over
	}
}

func earliest(a, b schemas.Date) schemas.Date {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}
