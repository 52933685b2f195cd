// Package cause decides a notice's cause (Find) from the title and the
// sentences that state one: the cues of rules/cause with their weights,
// counted once a sentence, weighted by where the sentence sits (title,
// heading, body) and by whether it states, speculates or answers; the
// verbs whose conjugation matters are read by their kagome base forms.
package cause
