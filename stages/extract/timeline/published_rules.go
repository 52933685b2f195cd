package timeline

import (
	"regexp"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The rules of where a notice gives its own date, read from rules/dates/
// once at start.

var (
	// eventOpeners open the clause of an event after a date that opens a
	// line ("2023年6月5日、"): such a line is no title.
	eventOpeners = rules.Words("dates/event_openers.tsv")
	// timelineHeadingWords make a heading one over a timeline, under
	// which a line with only a date starts an event, not the notice.
	timelineHeadingWords = rules.Words("dates/timeline_headings.tsv")

	// publishedWeights say where the notice's own date may be
	// (dates/weights.tsv).
	publishedWeights  = text.Weights("dates/weights.tsv", "header_block", "title_date_lines", "bracket_date_lines", "body_sentence_runes")
	headerBlock       = publishedWeights["header_block"]
	titleDateLines    = publishedWeights["title_date_lines"]
	bracketDateLines  = publishedWeights["bracket_date_lines"]
	bodySentenceRunes = publishedWeights["body_sentence_runes"]

	// publishedLabelRE marks a date as the notice's own: 更新日, 公表日, 発表.
	publishedLabelRE = regexp.MustCompile(text.OrderedAlternation(rules.Words("dates/published_labels.tsv")) + `\s*[::]?\s*$`)
)
