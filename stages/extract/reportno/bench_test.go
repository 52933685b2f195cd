package reportno

import (
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// BenchmarkFindShort measures Find on one-sentence notices with no title
// line, as a JSON Lines feed of short records gives them (bench-hostile's
// jsonl-records): the title is the opening sentence. One op is one notice.
func BenchmarkFindShort(b *testing.B) {
	type notice struct {
		title string
		sents []text.Sentence
	}
	var ns []notice
	for i := range 1024 {
		s := testcorpus.ShortNotice(i)
		ns = append(ns, notice{title: s, sents: text.SplitSentences(s)})
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		n := &ns[i%len(ns)]
		Find(nil, n.title, n.sents, nil, schemas.Date{})
		i++
	}
}
