// Package schemas holds breachtrend's row types, their Arrow schemas and the
// table dictionary.
//
// Stages fill the plain Go structs of this package (Notice, Event, Incident,
// Reject); only this package turns them into Arrow records, so a column's
// name and type are decided in one place. The dictionary (Tables) documents
// every output table and column; README and `breachtrend query` read it.
package schemas
