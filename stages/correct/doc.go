// Package correct applies an analyst's corrections to extracted notices.
//
// A corrections file is CSV (UTF-8, a BOM allowed; or Shift_JIS, as
// Excel saves plain CSV on a Japanese Windows) whose columns are found
// by their header names, so a filled review sheet (breachtrend review) is
// one as it is: a row names a notice by notice_id, or source_path and
// segment_index, or case_id (every notice of that case); a field; and a
// value (column value or corrected_value). note, author and date are kept.
// A row with no value is an unfilled sheet row, not a correction.
//
// Read validates every row against its field's type and vocabulary
// (schemas.Causes, schemas.DataTypes, JSIC letters); an invalid row is
// never applied and becomes both a corrections row (status invalid) and a
// rejects row naming the file and line. Apply is called once per notice,
// after extraction and before linking: the corrected value wins, its
// field_sources entry says corrected, the note is its evidence, and the
// value the extractor gave is kept in extracted_values. Rows reports every
// row: applied (one row per notice it changed), invalid, or orphaned when
// no notice of the run matched it.
//
// same_incident and not_same_incident rows name a second notice by its
// notice_id in value; Pairs hands them to the incident linker.
//
// A Set is used by one goroutine (the pipeline's collector): Apply is not
// safe for concurrent use.
package correct
