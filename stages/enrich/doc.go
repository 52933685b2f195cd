// Package enrich adds what follows from the extracted fields: the JSIC
// sector of the organization, the VERIS action and TSR category of the
// cause, the disclosure delay; and, over all notices at once, links the
// reports of one incident and computes the APPI legal clock per incident.
//
// Per-notice enrichment (Notice) is pure and safe for concurrent use.
// Linking (Link) sees every notice's compact fields and runs once, after
// all notices are extracted.
package enrich
