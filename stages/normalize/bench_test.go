package normalize_test

import (
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// seedSegments returns the original text of every segment of the sample
// corpus (26 segments), as the pipeline hands them to Text.
func seedSegments(b *testing.B) []string {
	b.Helper()
	var out []string
	for _, data := range testcorpus.SampleTexts(b) {
		for _, s := range segment.Split(data) {
			out = append(out, s.Text)
		}
	}
	return out
}

// BenchmarkNormalize measures Text on every segment of the sample corpus
// (one op is all 26 segments).
func BenchmarkNormalize(b *testing.B) {
	segs := seedSegments(b)
	size := 0
	for _, s := range segs {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range segs {
			normalize.Text(s)
		}
	}
	b.ReportMetric(float64(len(segs)*b.N)/b.Elapsed().Seconds(), "segments/s")
}

// BenchmarkChars measures Chars, which the segmenter runs on every line
// that starts with 【.
func BenchmarkChars(b *testing.B) {
	segs := seedSegments(b)
	size := 0
	for _, s := range segs {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range segs {
			normalize.Chars(s)
		}
	}
}
