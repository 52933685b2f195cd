package extract

import (
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/counts"
	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/reportno"
	"github.com/breachtrend/breachtrend/stages/extract/text"
	"github.com/breachtrend/breachtrend/stages/extract/timeline"

	"github.com/breachtrend/breachtrend/schemas"
)

// BenchmarkSentences measures the steps of Extract that read every
// sentence for dates, events, counts, report numbers and the words of
// cause and datatypes, on the sample
// corpus (one op is all its files), so that their cost shows apart from
// the tokenizer's and the other fields'.
func BenchmarkSentences(b *testing.B) {
	texts := extracttest.SeedTexts(b)
	var sents [][]text.Sentence
	for _, t := range texts {
		sents = append(sents, text.SplitSentences(t))
	}
	b.Run("split", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range texts {
				text.SplitSentences(t)
			}
		}
	})
	b.Run("dates", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, ss := range sents {
				for _, s := range ss {
					dates.Find(s.Text)
				}
			}
		}
	})
	b.Run("timeline", func(b *testing.B) {
		// The notice's own date, as Extract finds it first.
		type own struct {
			date          schemas.Date
			sent, mention int
		}
		var owns []own
		var dated [][]timeline.DatedSentence
		for i, ss := range sents {
			var o own
			dated = append(dated, timeline.DatedSentences(ss))
			o.date, o.sent, o.mention = timeline.PublishedDate(nil, "", "", dated[i], &dates.YearContext{})
			owns = append(owns, o)
		}
		b.ReportAllocs()
		for b.Loop() {
			for i, ds := range dated {
				o := owns[i]
				timeline.Events(nil, ds, &dates.YearContext{Published: o.date}, o.sent, o.mention)
			}
		}
	})
	b.Run("affected", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, ss := range sents {
				counts.Affected(nil, ss)
			}
		}
	})
	b.Run("scan", func(b *testing.B) {
		// One scan of each sentence for cause's and datatypes' words:
		// the word index's own cost on the extractor's list.
		b.ReportAllocs()
		for b.Loop() {
			for _, ss := range sents {
				scanSentences(nil, ss).release()
			}
		}
	})
	b.Run("report", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, ss := range sents {
				reportno.Find(nil, "", ss, nil, schemas.Date{})
			}
		}
	})
}
