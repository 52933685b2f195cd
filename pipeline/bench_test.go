package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/pipeline"
)

// BenchmarkPipeline runs pipeline.Run with Full on the sample corpus (5
// files, 26 segments), DuckDB's derived tables and the atomic swap
// included: one op is a whole run into the same output folder. The first
// run builds kagome's tokenizer (0.6 s) before the clock starts.
func BenchmarkPipeline(b *testing.B) {
	corpus := testcorpus.SampleDir()
	files := testcorpus.SampleFiles(b)
	size := int64(0)
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			size += fi.Size()
		}
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			cfg := pipeline.Config{Inputs: []string{corpus}, Out: filepath.Join(b.TempDir(), "out"), Workers: workers, Full: true}
			if err := cfg.Validate(); err != nil {
				b.Fatal(err)
			}
			sum, err := pipeline.Run(context.Background(), cfg) // warm-up
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := pipeline.Run(context.Background(), cfg); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(sum.Segments*b.N)/b.Elapsed().Seconds(), "notices/s")
		})
	}
}
