package extract_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract"
	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// seedInputs returns the extractor's input for every notice of the sample
// corpus (24 of its 26 segments), built as pipeline.processFile builds it.
func seedInputs(b *testing.B) []extract.Input {
	b.Helper()
	files, err := filepath.Glob("../../testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no seed files: %v", err)
	}
	var out []extract.Input
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range segment.Split(string(data)) {
			text := normalize.Text(s.Text)
			if !segment.IsNotice(text, s.Header != nil) {
				continue
			}
			in := extract.Input{Text: text, Title: s.Title}
			if s.Header != nil {
				in.CaseID, in.HeaderRest = s.Header.CaseID, s.Header.Rest
			}
			out = append(out, in)
		}
	}
	return out
}

// BenchmarkExtract measures Extract on every notice of the sample corpus
// (one op is all 24 notices). The kagome tokenizer is built before the
// clock starts: its 0.6 s start-up is paid once per process, not per op.
func BenchmarkExtract(b *testing.B) {
	ins := seedInputs(b)
	x := extract.New()
	size := 0
	for _, in := range ins {
		size += len(in.Text)
		var n schemas.Notice
		x.Extract(in, &n) // warm-up: kagome's dictionary
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range ins {
			var n schemas.Notice
			x.Extract(in, &n)
		}
	}
	b.ReportMetric(float64(len(ins)*b.N)/b.Elapsed().Seconds(), "notices/s")
}
