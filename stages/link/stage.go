package link

import "github.com/breachtrend/breachtrend/schemas"

// Stage links notices into incidents as they stream past.
//
// Add takes the notices in corpus order and sets each incident notice's
// IncidentID at once, so the caller can write the notice with it; a notice
// that is not an incident is left as it is. The Stage keeps a compact copy
// of what it reads of n, not n: the caller may change or drop n afterwards.
// Linking has no error: a notice with no organization, no case id or no
// dates becomes an incident of its own.
//
// Incidents returns one row per incident, in order of their first notice,
// with events, time placement and the APPI clock set; empty when no
// incident notice was added. Call it once, after the last Add.
type Stage interface {
	Add(n *schemas.Notice)
	Incidents() []schemas.Incident
}

var _ Stage = (*Linker)(nil)
