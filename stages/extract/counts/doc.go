// Package counts reads how many people or records a notice says were
// affected (Affected): numbers with their unit and the noun they count,
// the counts of the wrong people (reporters, addressees, staff) filtered
// out by the lists of rules/counts, counts of categories added up.
package counts
