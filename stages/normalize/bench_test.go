package normalize_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// seedSegments returns the original text of every segment of the sample
// corpus (26 segments), as the pipeline hands them to Text.
func seedSegments(b *testing.B) []string {
	b.Helper()
	files, err := filepath.Glob("../../testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no seed files: %v", err)
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range segment.Split(string(data)) {
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
