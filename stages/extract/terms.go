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
// A one-line notice (a short JSON Lines record) has its text for title:
// jatok cuts its pieces at every line break, so the terms of
// title+"\n"+title are the title's twice, read once here instead of
// looked up again in jatok's memo with the text copied after the title.
func Terms(title, txt string) []string {
	opening := txt[:text.PrefixBytes(txt, text.TermBudget)]
	if opening == title {
		terms, err := jatok.NounTerms(title)
		if err != nil {
			return nil
		}
		return append(terms, terms...)
	}
	terms, err := jatok.NounTerms(title + "\n" + opening)
	if err != nil {
		return nil
	}
	return terms
}
