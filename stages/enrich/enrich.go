package enrich

import (
	"github.com/breachtrend/breachtrend/schemas"
)

// Enricher adds the per-notice derived fields. Safe for concurrent use.
type Enricher struct {
	Sectors *Sectors
}

// New returns an Enricher with the bundled organization table.
func New() *Enricher { return &Enricher{Sectors: NewSectors()} }

// Notice sets the organization a regulator's notice is about, the
// organization key, the breached contractor, sector, VERIS action, TSR
// category and disclosure delay. (A report to the regulator is labelled
// reported by the extractor, which reads each date's own clause.)
func (e *Enricher) Notice(n *schemas.Notice) {
	if !n.IsIncident {
		return
	}
	if body := SupervisedBody(n.Organization, n.Title, n.Text); body != "" {
		n.Organization = body // the regulator published it; the incident is the body's
		setSource(n, "organization", "enrich:supervised_body")
	}
	n.OrganizationKey = OrgKey(n.Organization)
	n.Contractor = Contractor(n.Text)
	if n.Cause == "" {
		n.Cause = "unknown"
		setSource(n, "cause", "default:unknown")
	}
	if c, ok := schemas.CauseByName(n.Cause); ok {
		n.VerisAction, n.TSRCategory = c.Veris, c.TSR
	}
	var route string
	n.Sector, route = e.Sectors.SectorRoute(n.Organization, n.Text)
	if route != "" {
		setSource(n, "sector", route)
	}
	if !n.PublishedDate.IsZero() && !n.DiscoveredDate.IsZero() {
		d := n.PublishedDate.Sub(n.DiscoveredDate)
		n.DisclosureDelayDays = &d
	}
}

// setSource records how field was found (Notice.FieldSources).
func setSource(n *schemas.Notice, field, source string) {
	if n.FieldSources == nil {
		n.FieldSources = map[string]string{}
	}
	n.FieldSources[field] = source
}
