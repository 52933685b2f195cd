// Package timeline reads when things happened (Fill): the notice's own
// published date (the header's, the loader's or a letterhead date near
// the top), every dated event of the sentences with its kind read from
// the verb of its clause (rules/timeline), and from them the dates of
// discovery, occurrence and report. Dates and their years come from the
// dates package; a title's report label from reportno.
package timeline
