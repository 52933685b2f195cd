package link

import "github.com/breachtrend/breachtrend/schemas"

// Stage links notices into incidents as they stream past.
//
// Add takes the notices in corpus order and sets each incident notice's
// IncidentID at once, so the caller can write the notice with it; a notice
// that is not an incident is left as it is. The Stage keeps n: the caller
// must not change it afterwards (hand it a compact copy when the text is
// to be dropped). Linking has no error: a notice with no organization, no
// case id or no dates becomes an incident of its own.
//
// Incidents returns one row per incident, in order of their first notice,
// with events, time placement and the APPI clock set; empty when no
// incident notice was added. Call it once, after the last Add.
type Stage interface {
	Add(n *schemas.Notice)
	Incidents() []schemas.Incident
}

var _ Stage = (*Linker)(nil)
