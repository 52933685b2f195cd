package extract

import (
	"context"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// BenchmarkExtract measures Extract on every notice of the sample corpus
// (one op is all 24 notices). The kagome tokenizer is built before the
// clock starts: its 0.6 s start-up is paid once per process, not per op.
// The extractor has no memo: every op extracts every notice again.
func BenchmarkExtract(b *testing.B) {
	var ins []Input
	for _, n := range noticesIn(b, sampleCorpus) {
		ins = append(ins, n.in)
	}
	x := &Rules{Budget: DefaultBudget}
	size := 0
	for _, in := range ins {
		size += len(in.Text)
		var n schemas.Notice
		x.Extract(context.Background(), in, &n) // warm-up: kagome's dictionary
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range ins {
			var n schemas.Notice
			x.Extract(context.Background(), in, &n)
		}
	}
	b.ReportMetric(float64(len(ins)*b.N)/b.Elapsed().Seconds(), "notices/s")
}
