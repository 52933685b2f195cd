package timeline

import (
	"regexp"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/dates"
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
	// titleLineEnds end a notice's title line, under which a line with
	// only a date is the notice's own.
	titleLineEnds = rules.Words("dates/title_line_ends.tsv")

	// publishedWeights say where the notice's own date may be
	// (dates/weights.tsv).
	publishedWeights = text.Weights("dates/weights.tsv", "header_block", "title_date_lines", "bracket_date_lines", "body_sentence_runes",
		"signature_lines", "signature_runes", "signer_name_runes", "category_max_runes")
	headerBlock       = publishedWeights["header_block"]
	titleDateLines    = publishedWeights["title_date_lines"]
	bracketDateLines  = publishedWeights["bracket_date_lines"]
	bodySentenceRunes = publishedWeights["body_sentence_runes"]
	signatureLines    = publishedWeights["signature_lines"]
	signatureRunes    = publishedWeights["signature_runes"]
	signerNameRunes   = publishedWeights["signer_name_runes"]
	categoryMaxRunes  = publishedWeights["category_max_runes"]

	// publishedLabelRE marks a date as the notice's own: 更新日, 公表日, 発表,
	// maybe closing a bracket (【掲載日】2024年5月10日);
	// publishedLabelLineRE is a line holding only such a label, which
	// marks the date opening the next line (公表日\n令和4年6月20日), maybe
	// after a word of up to four kanji or katakana that qualifies it
	// (報道発表日, 記者発表日, ページ公開日), as labelBefore allows before a
	// date on the label's line.
	publishedLabelWords = dates.PublishedLabels
	updateLabelWords    = rules.Words("dates/update_labels.tsv")
	letterOpeners       = rules.Words("dates/letter_openers.tsv")
	// addressees end a letter's salutation (各位, 皆様): a date after one
	// on its line is the letter's dateline, set beside it (pdftotext
	// -layout: 「各位            令和2年2月26日」).
	addressees           = rules.Words("dates/addressees.tsv")
	publishedLabels      = text.OrderedAlternation(publishedLabelWords)
	publishedLabelRE     = regexp.MustCompile(publishedLabels + `\s*[` + labelCloseMarks + `]?\s*[` + labelColons + `]?\s*$`)
	publishedLabelLineRE = regexp.MustCompile(`^\s*[\p{Han}\p{Katakana}ー]{0,4}` + publishedLabels + `\s*[::]?\s*$`)

	// suffixAtEnd and suffixNext: words after a date that make it the
	// notice's own, ending the line (総務課発表) or right after it (更新);
	// suffixLead, every word of the file: right after a date that opens
	// the text, whatever follows (2022年5月20日掲載 …).
	suffixAtEnd, suffixNext, suffixLead = loadPublishedSuffixes()

	// todayRE: 本日 right before a date, maybe with a bracket or 、 between.
	todayWords = rules.Words("dates/published_today.tsv")
	todayRE    = regexp.MustCompile(text.OrderedAlternation(todayWords) + `\s*[(、,]?\s*$`)

	// newsDatelineWords: the ends of a paper's name before a news item's
	// date and the editions after it (dates/news_datelines.tsv).
	newsDatelineWords = rules.MustParts(rules.Table("dates/news_datelines.tsv", 2), []string{"paper", "edition", "update"})

	// signature: the lines that sign a notice under its dateline.
	signature = loadSignature()
)

func loadPublishedSuffixes() (atEnd, next, lead []string) {
	for _, r := range rules.Table("dates/published_suffixes.tsv", 2) {
		rules.Must(r.CheckOneOf(1, "reach", "end", "next", "lead"))
		switch r.Fields[1] {
		case "end":
			atEnd = append(atEnd, r.Fields[0])
		case "next":
			next = append(next, r.Fields[0])
		}
		lead = append(lead, r.Fields[0]) // every word leads
	}
	return atEnd, next, lead
}

// signatureWords are the parts of dates/published_signatures.tsv.
type signatureWords struct{ role, legal, body, notIf []string }

func loadSignature() signatureWords {
	part, err := rules.Parts(rules.Table("dates/published_signatures.tsv", 2), []string{"role", "legal", "body", "not_if"})
	rules.Must(err)
	return signatureWords{role: part["role"], legal: part["legal"], body: part["body"], notIf: part["not_if"]}
}

// signs reports whether line signs a notice: it names a role, a legal
// form or ends with a body's word, and tells of no event.
func (w signatureWords) signs(line string) bool {
	if text.ContainsAny(line, w.notIf) {
		return false
	}
	return text.ContainsAny(line, w.role) || text.ContainsAny(line, w.legal) || text.HasSuffixAny(line, w.body)
}
