package segment_test

import (
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// seedTexts reads the sample corpus, one string per file.
func seedTexts(b *testing.B) []string {
	b.Helper()
	return testcorpus.SampleTexts(b)
}

// BenchmarkSplit measures Split on every file of the sample corpus (one op
// is the whole corpus: 5 files, 26 segments).
func BenchmarkSplit(b *testing.B) {
	texts := seedTexts(b)
	size, segs := 0, 0
	for _, t := range texts {
		size += len(t)
		segs += len(segment.Split(t))
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			segment.Split(t)
		}
	}
	b.ReportMetric(float64(segs*b.N)/b.Elapsed().Seconds(), "segments/s")
}

// BenchmarkIsNotice measures the notice/article classification the
// pipeline runs on every normalized segment (counted in the extract stage's
// time).
func BenchmarkIsNotice(b *testing.B) {
	type seg struct {
		text   string
		header bool
	}
	var segs []seg
	size := 0
	for _, t := range seedTexts(b) {
		for _, s := range segment.Split(t) {
			n := normalize.Text(s.Text)
			segs = append(segs, seg{n, s.Header != nil})
			size += len(n)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range segs {
			segment.IsNotice(s.text, s.header)
		}
	}
	b.ReportMetric(float64(len(segs)*b.N)/b.Elapsed().Seconds(), "segments/s")
}
