package extract

import (
	"github.com/breachtrend/breachtrend/internal/jatok"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// Terms returns the nouns (kagome IPA base forms, repeats included) of a
// notice's title and the opening of its text, for term trends: TermBudget (rules/text/weights.tsv) characters of the
// text, since the title and the opening sentence name what happened (the
// attack, the mistake); tokenizing every notice whole would cost more than
// the rest of the pipeline together (kagome is ~3× slower than MeCab), and
// even 300 characters took a fifth of a run's CPU. It returns
// nil when the tokenizer cannot be built.
//
// The title and the opening are read one after the other, as jatok would
// read them joined by a line break (it cuts its pieces at every one),
// with neither copied. A one-line notice (a short JSON Lines record) has
// its text for title: its terms are the title's twice, read once.
func Terms(title, txt string) []string {
	opening := txt[:text.PrefixBytes(txt, text.TermBudget)]
	terms, err := jatok.AppendNounTerms(nil, title)
	if err != nil {
		return nil
	}
	if opening == title {
		return append(terms, terms...)
	}
	terms, _ = jatok.AppendNounTerms(terms, opening)
	return terms
}
