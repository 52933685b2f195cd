package link

// The linker before its members became pointer-free (commit 635249b),
// kept as the oracle of TestLinkerAsTheOldOne: the compact linker must
// give the same incidents and incident ids.

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

type refMember struct {
	NoticeID, SourcePath, CaseID  string
	Organization, OrganizationKey string
	Contractor, Cause, Sector     string
	VerisAction, TSRCategory      string
	SegmentIndex                  int32
	IsIncident, FinalReport       bool
	AffectedApprox                bool
	ReportSeq                     *int32
	DisclosureDelayDays           *int32
	AffectedCount                 *int64
	PublishedDate, DiscoveredDate schemas.Date
	OccurredDate, ReportedDate    schemas.Date
	DataTypes                     []string
	Events                        []schemas.Event // the reports to a regulator only (the APPI clock)
}

// refMemberOf copies what linking needs out of n. Strings are copied, so a
// refMember never pins the notice's text (a name may be a substring of it);
// those that many notices share (their source file, case id,
// organization, cause, sector, data types) are copied once, through
// strings.
func refMemberOf(n *schemas.Notice, strings refInterned) *refMember {
	m := &refMember{
		NoticeID: refClone(n.NoticeID), SourcePath: strings.of(n.SourcePath), CaseID: strings.of(n.CaseID),
		Organization: strings.of(n.Organization),
		Contractor:   strings.of(n.Contractor), Cause: strings.of(n.Cause), Sector: strings.of(n.Sector),
		VerisAction: n.VerisAction, TSRCategory: n.TSRCategory,
		SegmentIndex: n.SegmentIndex, IsIncident: n.IsIncident, FinalReport: n.FinalReport, AffectedApprox: n.AffectedApprox,
		ReportSeq: n.ReportSeq, DisclosureDelayDays: n.DisclosureDelayDays, AffectedCount: n.AffectedCount,
		PublishedDate: n.PublishedDate, DiscoveredDate: n.DiscoveredDate, OccurredDate: n.OccurredDate, ReportedDate: n.ReportedDate,
	}
	if n.DataTypes != nil {
		m.DataTypes = make([]string, len(n.DataTypes))
		for i, d := range n.DataTypes {
			m.DataTypes[i] = strings.of(d)
		}
	}
	for _, e := range n.Events {
		if e.Kind == schemas.EventReported {
			m.Events = append(m.Events, schemas.Event{Kind: e.Kind, Date: e.Date, Sentence: refClone(e.Sentence)})
		}
	}
	return m
}

// clone is strings.Clone (the parameter of refMemberOf shadows the package).
var refClone = strings.Clone

// refInterned are copies of the strings many members share, each kept once.
type refInterned map[string]string

// of is a copy of s, the one already made when there is one.
func (in refInterned) of(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := in[s]; ok {
		return c
	}
	c := strings.Clone(s)
	in[c] = c
	return c
}

type refLinker struct {
	groups [][]*refMember
	// dates are the published dates of each group's notices (those that
	// have one), sorted, and causes the distinct causes of its notices:
	// whether a notice continues a group is then a binary search and a
	// look through a few causes, not a pass over every notice of the
	// group (quadratic in the reports of one organization).
	dates  [][]int32
	causes [][]string
	ids    []string
	keys   [][]string // organization keys of each group's notices
	byCase map[string][]int
	byOrg  map[string][]int

	// Analysts' corrections (Override): notice id → the notices it must
	// share an incident with, or must not; groupOf places the notices
	// they name, as they are added.
	same, apart map[string][]string
	groupOf     map[string]int
	orgKeys     map[string]string // enrich.OrgKey of the organizations seen
	strings     refInterned       // the members' shared strings
}

// Override makes the linker follow an analyst's corrections: each pair of
// same names two notices (by notice id) that are reports of one incident,
// each pair of apart two that are not, whatever the rules say. Call it
// before the first Add. A same pair wins over the rules; an apart pair
// only keeps the later notice out of the earlier one's group.
func (l *refLinker) Override(same, apart [][2]string) {
	if len(same)+len(apart) == 0 {
		return
	}
	l.same, l.apart, l.groupOf = map[string][]string{}, map[string][]string{}, map[string]int{}
	for _, p := range same {
		l.same[p[0]] = append(l.same[p[0]], p[1])
		l.same[p[1]] = append(l.same[p[1]], p[0])
	}
	for _, p := range apart {
		l.apart[p[0]] = append(l.apart[p[0]], p[1])
		l.apart[p[1]] = append(l.apart[p[1]], p[0])
	}
}

// overridden is the group a correction puts n in (-1: none), and whether
// group i is one a correction keeps n out of.
func (l *refLinker) overridden(n *refMember) int {
	for _, id := range l.same[n.NoticeID] {
		if g, ok := l.groupOf[id]; ok {
			return g
		}
	}
	return -1
}

func (l *refLinker) keptApart(n *refMember, i int) bool {
	for _, id := range l.apart[n.NoticeID] {
		if g, ok := l.groupOf[id]; ok && g == i {
			return true
		}
	}
	return false
}

// newRefLinker returns an empty refLinker.
func newRefLinker() *refLinker {
	return &refLinker{byCase: map[string][]int{}, byOrg: map[string][]int{}, orgKeys: map[string]string{}, strings: refInterned{}}
}

// Add links notice and sets its IncidentID; it keeps a compact copy of
// the fields linking needs (refMember), not the notice. Notices that are not
// incidents are ignored.
func (l *refLinker) Add(notice *schemas.Notice) {
	if !notice.IsIncident {
		return
	}
	n := refMemberOf(notice, l.strings)
	g := l.overridden(n)
	key, ok := l.orgKeys[n.Organization]
	if !ok {
		key = enrich.OrgKey(n.Organization)
		l.orgKeys[n.Organization] = key
	}
	n.OrganizationKey = key
	for _, i := range l.byCase[n.CaseID] {
		if g < 0 && n.CaseID != "" && l.sameOrganization(i, key) && !l.keptApart(n, i) {
			g = i
			break
		}
	}
	if g < 0 && key != "" {
		// The last group it continues of its cause, else the last it
		// continues.
		var continued []int
		for _, i := range l.byOrg[key] {
			first := l.groups[i][0]
			if l.continues(i, n) && (n.CaseID == "" || first.CaseID == "" || first.CaseID == n.CaseID) && !l.keptApart(n, i) {
				continued = append(continued, i)
			}
		}
		for _, i := range slices.Backward(continued) {
			if n.Cause != "unknown" && slices.Contains(l.causes[i], n.Cause) {
				g = i
				break
			}
		}
		if g < 0 && len(continued) > 0 {
			g = continued[len(continued)-1]
		}
	}
	if g < 0 {
		g = len(l.groups)
		l.groups = append(l.groups, nil)
		l.dates = append(l.dates, nil)
		l.causes = append(l.causes, nil)
		l.keys = append(l.keys, nil)
		l.ids = append(l.ids, refIncidentID(n, len(l.byCase[n.CaseID])))
		if n.CaseID != "" {
			l.byCase[n.CaseID] = append(l.byCase[n.CaseID], g)
		}
	}
	if key != "" && !slices.Contains(l.keys[g], key) {
		l.keys[g] = append(l.keys[g], key)
		l.byOrg[key] = append(l.byOrg[key], g)
	}
	l.groups[g] = append(l.groups[g], n)
	if !n.PublishedDate.IsZero() {
		d := n.PublishedDate.Days()
		at, _ := slices.BinarySearch(l.dates[g], d)
		l.dates[g] = slices.Insert(l.dates[g], at, d)
	}
	if !slices.Contains(l.causes[g], n.Cause) {
		l.causes[g] = append(l.causes[g], n.Cause)
	}
	notice.IncidentID = l.ids[g]
	if l.groupOf != nil && (len(l.same[n.NoticeID]) > 0 || len(l.apart[n.NoticeID]) > 0) {
		l.groupOf[n.NoticeID] = g
	}
}

// sameOrganization reports whether a notice of organization key may join
// group i: either does not name the organization, or they name the same.
func (l *refLinker) sameOrganization(i int, key string) bool {
	return key == "" || len(l.keys[i]) == 0 || slices.Contains(l.keys[i], key)
}

// Incidents returns one row per incident, in order of their first notice,
// each with its event (see groupEvents).
func (l *refLinker) Incidents() []schemas.Incident {
	out := make([]schemas.Incident, 0, len(l.groups))
	for i, g := range l.groups {
		out = append(out, refIncidentOf(l.ids[i], g))
	}
	groupEvents(out)
	return out
}

// refIncidentID is the stable id of the incident a notice opens: from its case
// id when it has one (and, for the k-th other organization under one case
// id, k), else from the notice's own id.
func refIncidentID(n *refMember, k int) string {
	h := sha256.New()
	if n.CaseID != "" {
		h.Write([]byte("case:" + n.CaseID))
		if k > 0 {
			fmt.Fprintf(h, "#%d", k)
		}
	} else {
		h.Write([]byte("notice:" + n.NoticeID))
	}
	return "inc-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// continues reports whether n reports on the incident of group i: a
// notice of the group was published within LinkWindowDays of it, and n is
// a numbered or final follow-up, or one has its cause (other than
// unknown) and n dates its discovery near one of the group's, or one of
// them dates none.
func (l *refLinker) continues(i int, n *refMember) bool {
	if n.PublishedDate.IsZero() {
		// An undated follow-up: a group of its cause, however far.
		return (n.FinalReport || (n.ReportSeq != nil && *n.ReportSeq > 1)) &&
			n.Cause != "unknown" && slices.Contains(l.causes[i], n.Cause)
	}
	d := n.PublishedDate.Days()
	dates := l.dates[i]
	at, _ := slices.BinarySearch(dates, d-LinkWindowDays)
	if at == len(dates) || dates[at] > d+LinkWindowDays {
		return false
	}
	followUp := n.FinalReport || (n.ReportSeq != nil && *n.ReportSeq > 1)
	if followUp {
		return true
	}
	if n.Cause == "unknown" || !slices.Contains(l.causes[i], n.Cause) {
		return false
	}
	// Not a discovery of its own: when it and a notice of the group date
	// their discoveries, one is within LinkDiscoveryDays of its.
	if n.DiscoveredDate.IsZero() {
		return true
	}
	dated := false
	for _, m := range l.groups[i] {
		if m.DiscoveredDate.IsZero() {
			continue
		}
		dated = true
		if gap := m.DiscoveredDate.Days() - n.DiscoveredDate.Days(); gap >= -LinkDiscoveryDays && gap <= LinkDiscoveryDays {
			return true
		}
	}
	return !dated
}

func refIncidentOf(id string, g []*refMember) schemas.Incident {
	// Reports in order: 第N報 first by number, then by date, then as found.
	sort.SliceStable(g, func(i, j int) bool {
		a, b := g[i], g[j]
		if a.ReportSeq != nil && b.ReportSeq != nil && *a.ReportSeq != *b.ReportSeq {
			return *a.ReportSeq < *b.ReportSeq
		}
		if a.FinalReport != b.FinalReport {
			return b.FinalReport
		}
		if !a.PublishedDate.IsZero() && !b.PublishedDate.IsZero() && a.PublishedDate != b.PublishedDate {
			return a.PublishedDate.Before(b.PublishedDate)
		}
		return false
	})
	inc := schemas.Incident{IncidentID: id, Reports: int32(len(g)), NoticeIDs: make([]string, 0, len(g))}
	var types []string
	var sources map[string]bool // a large incident's sources, so that listing them is not quadratic
	if len(g) > 16 {
		sources = map[string]bool{}
	}
	for _, n := range g {
		if inc.CaseID == "" {
			inc.CaseID = n.CaseID
		}
		inc.NoticeIDs = append(inc.NoticeIDs, n.NoticeID)
		if sources != nil && !sources[n.SourcePath] || sources == nil && !slices.Contains(inc.Sources, n.SourcePath) {
			inc.Sources = append(inc.Sources, n.SourcePath)
			if sources != nil {
				sources[n.SourcePath] = true
			}
		}
		if inc.Organization == "" {
			inc.Organization, inc.OrganizationKey = n.Organization, n.OrganizationKey
		}
		if inc.Contractor == "" {
			inc.Contractor = n.Contractor
		}
		if inc.Sector == "" {
			inc.Sector = n.Sector
		}
		if n.Cause != "" && n.Cause != "unknown" || inc.Cause == "" {
			inc.Cause = n.Cause // the latest report that states a cause knows it best
		}
		for _, t := range n.DataTypes {
			if !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
		if n.AffectedCount != nil {
			c := *n.AffectedCount
			inc.AffectedCount = &c
			inc.AffectedApprox = n.AffectedApprox
			if inc.AffectedMax == nil || c > *inc.AffectedMax {
				m := c
				inc.AffectedMax = &m
			}
		}
		inc.OccurredDate = earliest(inc.OccurredDate, n.OccurredDate)
		inc.DiscoveredDate = earliest(inc.DiscoveredDate, n.DiscoveredDate)
		inc.FirstPublished = earliest(inc.FirstPublished, n.PublishedDate)
		if inc.LastPublished.Before(n.PublishedDate) || inc.LastPublished.IsZero() {
			inc.LastPublished = n.PublishedDate
		}
		inc.ReportedDate = earliest(inc.ReportedDate, n.ReportedDate)
		inc.FinalReport = inc.FinalReport || n.FinalReport
	}
	for _, t := range schemas.DataTypes {
		if slices.Contains(types, t) {
			inc.DataTypes = append(inc.DataTypes, t)
		}
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
		inc.OrganizationKey = enrich.OrgKey("") // as the key of a named one, from its notice (Add)
	}
	placeInTime(&inc)
	refAPPIClock(&inc, g)
	return inc
}

// refAPPIClock is appiClock with the date of the last 確報 found by a pass
// over the group's events, as the previous linker kept them whole: the
// oracle of the compact member's one kept date.
func refAPPIClock(inc *schemas.Incident, g []*refMember) {
	var final *schemas.Date
	for _, n := range g {
		for _, e := range n.Events {
			if e.Kind == schemas.EventReported && namesFinalReport(e.Sentence) {
				d := e.Date
				final = &d
			}
		}
	}
	appiClock(inc, final)
}
