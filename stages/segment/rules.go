package segment

import (
	"fmt"
	"slices"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/rules"
)

// The rule files of the segmenter: what tells a notice from an article,
// and the lines a blog post ends with.
const (
	FileClassifier         = "segment/classifier.tsv"
	FileClassifierSettings = "segment/classifier_settings.tsv"
	FileEndOfPost          = "segment/end_of_post.tsv"
)

// weighted is a term and the evidence it gives.
type weighted struct {
	term   string
	weight float64
}

var (
	noticeTerms, articleTerms = mustClassifier(rules.Table(FileClassifier, 3))
	classifierSettings        = rules.ReadSettings(FileClassifierSettings)
	// noticeThreshold is the notice evidence a segment needs.
	noticeThreshold = classifierSettings.Number("notice_threshold")
	// headerPrior is the evidence a blog header gives.
	headerPrior = classifierSettings.Number("header_prior")
	// articleFactor weighs article evidence against notice evidence.
	articleFactor = classifierSettings.Number("article_factor")
	// endOfPost are lines a blog post ends with: a link to the archived
	// release or the source.
	endOfPost = rules.Words(FileEndOfPost)
)

// classifierTerms indexes noticeTerms then articleTerms, then the words of
// incident.tsv that ownIncident first asks of the whole text (gateParts),
// so that one walk over a text finds all of them: most terms are absent
// from most segments, and a segment is thousands of bytes that
// strings.Contains would scan once for each absent term.
var (
	classifierTerms = func() *wordscan.Index {
		var words []string
		for _, t := range append(append([]weighted(nil), noticeTerms...), articleTerms...) {
			words = append(words, t.term)
		}
		return wordscan.New(slices.Concat(append([][]string{words}, gateParts...)...))
	}()
	// gateParts are incident.tsv's warning, loss, no_data, titled and
	// outage words, in this order after the classifier's terms in
	// classifierTerms.
	gateParts = [][]string{incident.warning, incident.loss, incident.noData, incident.titled, incident.outage}
)

func mustClassifier(rows []rules.Row) (notice, article []weighted) {
	notice, article, err := parseClassifier(rows)
	if err != nil {
		panic(err) // the file is embedded; TestClassifierRules reads it
	}
	return notice, article
}

// parseClassifier reads the rows of classifier.tsv: term, side, weight.
func parseClassifier(rows []rules.Row) (notice, article []weighted, err error) {
	seen := map[string]rules.Row{}
	for _, r := range rows {
		term := r.Fields[0]
		if first, dup := seen[term]; dup {
			return nil, nil, fmt.Errorf("rules: %s: %q is already on line %d", r.Pos(), term, first.Line)
		}
		seen[term] = r
		if err := r.CheckOneOf(1, "side", "notice", "article"); err != nil {
			return nil, nil, err
		}
		w, err := r.Number(2, "weight")
		if err != nil {
			return nil, nil, err
		}
		if r.Fields[1] == "notice" {
			notice = append(notice, weighted{term, w})
		} else {
			article = append(article, weighted{term, w})
		}
	}
	return notice, article, nil
}
