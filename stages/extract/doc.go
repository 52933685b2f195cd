// Package extract reads the fields of one notice from its normalized text:
// case id, report number, organization, dates and their timeline, affected
// count, data types and cause, each with the sentence it came from.
//
// The extractors read the language of the notices, not the seeds' lines:
// dates by rule on normalized text (西暦, 和暦, year-less dates placed by
// the text around them and by the weekday in brackets), the kind of each
// dated event by the verb of its clause, counts by their unit and the noun
// they count, data types from the vocabulary of the GUIDE minus the types a
// sentence says were not leaked, and the cause from the sentences that
// state a cause. kagome's base forms are used where conjugation matters.
//
// Extract is pure: the same input gives the same output, and it never
// panics on any text (fuzz tests hold it to that). The extractor New makes
// relies on it: it copies the fields of an input it extracted recently
// instead of extracting it again (memo.go). An extractor must therefore
// read nothing but its Input: no clock, no file path, no state of its own.
//
// Layout: this package holds the Input, the Extractor (Rules, its
// Prepare and Finish), the order the fields are read in and Terms; each
// field is read by a package of its own, each with its rules' loading
// (*_rules.go, over the files of rules/), its tests, cases, fuzz targets
// and benchmarks:
//
//	dates         the dates of a sentence and their years (dates.Find)
//	timeline      the published date, the dated events and their kinds,
//	              the dates of discovery, occurrence and report (timeline.Fill)
//	reportno      which report of its incident a notice is (reportno.Find)
//	counts        how many were affected (counts.Affected)
//	datatypes     the types of data leaked (datatypes.Find)
//	organization  who held the data (organization.Find), with the tokenizer
//	cause         the cause (cause.Find), with the tokenizer
//	text          what they all read with: sentences, word lists and their
//	              prefilters, kagome's morphemes, the time budget, helpers
//
// A field package reads another only through what it exports for that
// (the timeline asks counts.MentionsLeak and reportno.TitleLabel); the
// tests' shared helpers are in internal/extracttest.
//
// Every scanner is linear in the length of the text: a sentence is cut at
// text.MaxSentenceRunes, an organization's name at
// organization.MaxNameRunes, the text given to kagome at
// text.MaxSentenceRunes (BenchmarkHostile feeds runs of 10k to 1M
// characters to each field). The scanners check the context and the
// segment's time budget (Rules.Budget) once a sentence or a line, and
// give up with the context's error or ErrBudget; no goroutine is started.
package extract
