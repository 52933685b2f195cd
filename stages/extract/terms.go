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
func Terms(title, txt string) []string {
	n := 0
	cut := len(txt)
	for i := range txt {
		if n == text.TermBudget {
			cut = i
			break
		}
		n++
	}
	terms, err := jatok.NounTerms(title + "\n" + txt[:cut])
	if err != nil {
		return nil
	}
	return terms
}
