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

// memberOf copies what linking needs out of n.
func memberOf(n *schemas.Notice) *member {
	m := &member{
		NoticeID: strings.Clone(n.NoticeID), SourcePath: strings.Clone(n.SourcePath), CaseID: strings.Clone(n.CaseID),
		Organization: strings.Clone(n.Organization),
		Contractor:   strings.Clone(n.Contractor), Cause: strings.Clone(n.Cause), Sector: strings.Clone(n.Sector),
		VerisAction: n.VerisAction, TSRCategory: n.TSRCategory,
		SegmentIndex: n.SegmentIndex, IsIncident: n.IsIncident, FinalReport: n.FinalReport, AffectedApprox: n.AffectedApprox,
		ReportSeq: n.ReportSeq, DisclosureDelayDays: n.DisclosureDelayDays, AffectedCount: n.AffectedCount,
		PublishedDate: n.PublishedDate, DiscoveredDate: n.DiscoveredDate, OccurredDate: n.OccurredDate, ReportedDate: n.ReportedDate,
	}
	if n.DataTypes != nil {
		m.DataTypes = make([]string, len(n.DataTypes))
		for i, d := range n.DataTypes {
			m.DataTypes[i] = strings.Clone(d)
		}
	}
	for _, e := range n.Events {
		if e.Kind == schemas.EventReported {
			m.Events = append(m.Events, schemas.Event{Kind: e.Kind, Date: e.Date, Sentence: strings.Clone(e.Sentence)})
		}
	}
	return m
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
