// Package link is the stage that runs over all notices at once, after
// they are extracted and enriched: it links the reports of one incident
// (same case id and organization, or the same organization key with a
// continuing subject in a window of days), groups the incidents of one
// shared breach into events (one contractor or platform, one case number),
// places each incident in time (quarter, year, what dated it) and computes
// the APPI legal clock per incident.
//
// It reads only the compact fields of a notice (no text); what must be
// read from the text, such as the contractor a notice names, the
// per-notice stage enrich has set before. What it keeps of each notice
// until the incidents are written holds no pointer (member.go), so that
// the garbage collector does not mark it however large the corpus. Its settings are
// rules/link/settings.tsv and rules/link/appi_reasons.tsv.
package link
