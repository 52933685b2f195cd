package link

import (
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
)

// member is what linking keeps of a notice: the fields an incident is built
// from, copied out of the notice so that neither its text nor the rest of
// its row stays in memory. A corpus of a few hundred thousand notices keeps
// one member each until the incidents are written.
type member struct {
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

// memberOf copies what linking needs out of n. Strings are copied, so a
// member never pins the notice's text (a name may be a substring of it);
// those that many notices share (their source file, case id,
// organization, cause, sector, data types) are copied once, through
// strings.
func memberOf(n *schemas.Notice, strings interned) *member {
	m := &member{
		NoticeID: clone(n.NoticeID), SourcePath: strings.of(n.SourcePath), CaseID: strings.of(n.CaseID),
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
			m.Events = append(m.Events, schemas.Event{Kind: e.Kind, Date: e.Date, Sentence: clone(e.Sentence)})
		}
	}
	return m
}

// clone is strings.Clone (the parameter of memberOf shadows the package).
var clone = strings.Clone

// interned are copies of the strings many members share, each kept once.
type interned map[string]string

// of is a copy of s, the one already made when there is one.
func (in interned) of(s string) string {
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

// Compact is n with only what linking reads of it (the fields memberOf
// copies, the reports to a regulator among its events) and its incident
// id: a rerun that keeps a notice's row links it again from this copy,
// saved beside the tables, instead of reading the notice back whole.
// Adding Compact(n) links as adding n does (TestCompactLinksAsTheNotice).
func Compact(n *schemas.Notice) schemas.Notice {
	c := schemas.Notice{
		NoticeID: n.NoticeID, SourcePath: n.SourcePath, CaseID: n.CaseID, Organization: n.Organization,
		Contractor: n.Contractor, Cause: n.Cause, Sector: n.Sector, VerisAction: n.VerisAction, TSRCategory: n.TSRCategory,
		SegmentIndex: n.SegmentIndex, IsIncident: n.IsIncident, FinalReport: n.FinalReport, AffectedApprox: n.AffectedApprox,
		ReportSeq: n.ReportSeq, DisclosureDelayDays: n.DisclosureDelayDays, AffectedCount: n.AffectedCount,
		PublishedDate: n.PublishedDate, DiscoveredDate: n.DiscoveredDate, OccurredDate: n.OccurredDate, ReportedDate: n.ReportedDate,
		DataTypes: n.DataTypes, IncidentID: n.IncidentID,
	}
	for _, e := range n.Events {
		if e.Kind == schemas.EventReported {
			c.Events = append(c.Events, e)
		}
	}
	return c
}
