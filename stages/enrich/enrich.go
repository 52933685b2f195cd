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

// Notice sets sector, VERIS action, TSR category and disclosure delay.
func (e *Enricher) Notice(n *schemas.Notice) {
	if !n.IsIncident {
		return
	}
	if n.Cause == "" {
		n.Cause = "unknown"
	}
	if c, ok := schemas.CauseByName(n.Cause); ok {
		n.VerisAction, n.TSRCategory = c.Veris, c.TSR
	}
	n.Sector = e.Sectors.Sector(n.Organization, n.Text)
	if !n.PublishedDate.IsZero() && !n.DiscoveredDate.IsZero() {
		d := n.PublishedDate.Sub(n.DiscoveredDate)
		n.DisclosureDelayDays = &d
	}
}
