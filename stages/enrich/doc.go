// Package enrich adds what follows from each notice's extracted fields:
// the organization a regulator's notice is about, the organization key,
// the contractor that held the data, the JSIC sector of the organization,
// the VERIS action and TSR category of the cause and the disclosure delay.
//
// Enrichment (Notice) is per notice, pure and safe for concurrent use.
// Linking notices into incidents and events over all notices at once is
// the stage after it, stages/link.
package enrich
