// Package pipeline runs breachtrend's stages over a corpus and writes the
// tables. It alone starts goroutines.
//
// Stages, in order, for each file: load (decode into documents) → segment
// (one segment per notice or post) → normalize → extract → enrich (per
// notice). Files are processed by at most Config.Workers goroutines of an
// errgroup; a single collector puts their results back in corpus order and
// streams them to the Parquet writers. The number of files in flight is
// bounded, and so is their size (a budget of three of the largest files the
// loader reads); a big file is handed on in batches of notices, never held
// whole, so memory does not grow with a file or the corpus and the rows are
// the same whatever the number of workers. After enrich, provenance records
// how each field was found (field_sources), and the results are cached. The
// collector applies an analyst's corrections (stages/correct, after the
// cache, so they are no part of its key) to each notice before it is
// linked and written. Then, over the compact fields of
// all notices (no text): linking into incidents and the APPI clock; then
// the derived tables, built with DuckDB SQL from the Parquet tables.
//
// Tables (see schemas.Dictionary): notices, timeline, incidents, rejects,
// corrections, and the derived trends_quarterly, delay_distribution, terms_quarterly and
// events, whose queries are schemas/derived/<table>.sql.
//
// Scheduled runs: per-segment results are cached in <out>/_cache keyed by
// the segment's text and the rules' version, so a rerun extracts only new
// segments, and a per-file index (fileindex.go) serves the results of
// files whose stat data are unchanged unread. A rerun over unchanged
// inputs keeps the previous tables whole (keep.go); one after inputs were
// added, changed or removed anywhere in the walk keeps the notices and
// timeline part files (parts.go: a run of whole inputs each) that no change
// touches, relinking the kept inputs from the link state (linkstate.go)
// instead of reading them (extend.go). <out>/manifest.json records what a run
// read and wrote; an flock on <out>.lock keeps two runs off one output
// folder.
//
// Errors: bad input is data — a file or segment that cannot be used becomes
// a rejects row and the run goes on. Only a systemic failure (a cancelled
// context, an unwritable output folder, a missing --in root) ends Run with
// an error. Outputs are written to a staging folder beside --out and
// swapped in at the end; a failed run leaves the previous tables as they
// were.
package pipeline
