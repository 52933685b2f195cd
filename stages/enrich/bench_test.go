package enrich

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// sampleNotices returns the normalized text of every segment of the sample
// corpus (26 segments), as the pipeline hands them to Sector.
func sampleNotices(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("../../testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no sample files: %v", err)
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, s := range segment.Split(string(data)) {
			out = append(out, normalize.Text(s.Text))
		}
	}
	return out
}

// benchOrgs are names that the table, the name rules or neither decide.
var benchOrgs = []string{"トヨタ自動車株式会社", "架空市", "株式会社架空", "医療法人社団青葉会みどり病院", "株式会社さくら不動産販売", "架空ソフト"}

// BenchmarkSector measures Sector on every segment of the sample corpus
// (one op is all 26): "text" with no organization, so that the text rules
// decide, and "name" with organizations in turn, as the pipeline has them.
func BenchmarkSector(b *testing.B) {
	texts := sampleNotices(b)
	s := NewSectors()
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.Run("text", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range texts {
				s.Sector("", t)
			}
		}
	})
	b.Run("name", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for i, t := range texts {
				s.Sector(benchOrgs[i%len(benchOrgs)], t)
			}
		}
	})
}
