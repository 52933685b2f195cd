package enrich

import (
	"github.com/breachtrend/breachtrend/schemas"
)

// Enricher adds the per-notice derived fields. Safe for concurrent use,
// once Sectors is loaded.
type Enricher struct {
	Sectors *Sectors
	memo    *memo // nil: no memo
}

// New returns an Enricher with the bundled organization table, and a memo
// of the notices it enriched.
func New() *Enricher { return &Enricher{Sectors: NewSectors(), memo: newMemo()} }

// Notice sets the organization a regulator's notice is about, the
// organization key, the breached contractor, sector, VERIS action, TSR
// category and disclosure delay. (A report to the regulator is labelled
// reported by the extractor, which reads each date's own clause.)
func (e *Enricher) Notice(n *schemas.Notice) { e.NoticeBody(n, n.Text) }

// NoticeBody is Notice reading body for the notice's text: the notice
// without the page it was copied from (the menus above it, the footer
// below), as the extractor read it. A city site's menu (市政情報, くらしの
// 情報) above a hospital's notice made its sector the city's.
func (e *Enricher) NoticeBody(n *schemas.Notice, body string) {
	if !n.IsIncident {
		return
	}
	d := e.derive(n.Organization, n.Title, body)
	if d.body != "" {
		n.Organization = d.body // the regulator published it; the incident is the body's
		setSource(n, "organization", "enrich:supervised_body")
	}
	n.OrganizationKey = d.orgKey
	n.Contractor = d.contractor
	if n.Cause == "" {
		n.Cause = "unknown"
		setSource(n, "cause", "default:unknown")
	}
	if c, ok := schemas.CauseByName(n.Cause); ok {
		n.VerisAction, n.TSRCategory = c.Veris, c.TSR
	}
	n.Sector = d.sector
	if d.route != "" {
		setSource(n, "sector", d.route)
	}
	if !n.PublishedDate.IsZero() && !n.DiscoveredDate.IsZero() {
		d := n.PublishedDate.Sub(n.DiscoveredDate)
		n.DisclosureDelayDays = &d
	}
}

// derived are the fields Notice finds in a notice's organization, title
// and text: strings only, so a memo's entry is shared by no notice.
type derived struct {
	body, orgKey, contractor, sector, route string
}

// derive finds the derived fields of an organization, title and text,
// from the memo when they came before and are long enough to be looked up
// (memoMinBytes).
func (e *Enricher) derive(org, title, text string) derived {
	if len(org)+len(title)+len(text) < memoMinBytes {
		return e.deriveAnew(org, title, text)
	}
	k := memoKey{sectors: e.Sectors, loads: e.Sectors.loads, org: org, title: title, text: text}
	d, ok, miss := e.memo.get(k)
	if ok {
		return d
	}
	d = e.deriveAnew(org, title, text)
	e.memo.add(miss, k, d)
	return d
}

// deriveAnew is derive without the memo.
func (e *Enricher) deriveAnew(org, title, text string) (d derived) {
	d.body = SupervisedBody(org, title, text)
	if d.body != "" {
		org = d.body
	}
	d.orgKey = OrgKey(org)
	d.contractor = Contractor(text)
	d.sector, d.route = e.Sectors.SectorRoute(org, text)
	return d
}

// setSource records how field was found (Notice.FieldSources).
func setSource(n *schemas.Notice, field, source string) {
	if n.FieldSources == nil {
		n.FieldSources = map[string]string{}
	}
	n.FieldSources[field] = source
}
