package timeline

import (
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// BenchmarkFillShort measures Fill on one-sentence notices with no title
// line, as a JSON Lines feed of short records gives them (bench-hostile's
// jsonl-records): the title is the opening sentence. One op is one notice.
func BenchmarkFillShort(b *testing.B) {
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
		var out schemas.Notice
		Fill(nil, "", "", "", n.title, n.sents, &out)
		i++
	}
}
