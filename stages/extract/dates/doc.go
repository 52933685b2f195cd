// Package dates finds the dates written in a sentence (Find) — 西暦,
// 和暦, year-less dates, day-only dates (同月5日, 翌11日) — and places
// their year (YearContext.Resolve) by the notice's published date, the
// blog case number and the dates before them. It reads the words of
// rules/dates; which event a date is, and which date is the notice's own,
// is the timeline's to say.
package dates
