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
// panics on any text (fuzz tests hold it to that).
//
// Every scanner is linear in the length of the text: a sentence is cut at
// MaxSentenceRunes, an organization's name at MaxNameRunes, the text given
// to kagome at MaxSentenceRunes (BenchmarkHostile feeds runs of 10k to 1M
// characters to each field). The scanners check the context and the
// segment's time budget (Rules.Budget) once a sentence or a line, and
// give up with the context's error or ErrBudget; no goroutine is started.
package extract
