package cause

import "github.com/breachtrend/breachtrend/stages/extract/text"

// causeScores scores each cause by the cues of the title and the sentences,
// with the text that gave each cause its strongest cue, as maps by cause
// name: a cause is a key once a cue added to it (evidence: once a cue of
// weight above 0 did), as the oracle's maps hold them.
func causeScores(w *text.Watch, title string, sents []text.Sentence) (map[string]float64, map[string]string) {
	scores, _, evidence := causeScoresByPart(w, title, sents)
	return scores, evidence
}

// causeScoresByPart is causeScores with the title's part of each score
// apart.
func causeScoresByPart(w *text.Watch, title string, sents []text.Sentence) (scores, titleScores map[string]float64, evidence map[string]string) {
	var t tally
	t.score(w, title, sents, nil)
	scores, titleScores, evidence = map[string]float64{}, map[string]float64{}, map[string]string{}
	for c, name := range causeOrder {
		if t.noted&(1<<c) != 0 {
			scores[name], titleScores[name] = t.scores[c], t.titleScores[c]
		}
		if t.evidenced&(1<<c) != 0 {
			evidence[name] = t.evidence[c]
		}
	}
	return scores, titleScores, evidence
}
