package enrich

import (
	"testing"

	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
)

// sampleNotices returns the normalized text of every segment of the sample
// corpus (26 segments), as the pipeline hands them to Sector.
func sampleNotices(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, data := range testcorpus.SampleTexts(tb) {
		for _, s := range segment.Split(data) {
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
	gazetteerCompanies() // built once per process, on first use: not per notice
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

// BenchmarkContractor measures Contractor on every segment of the sample
// corpus (one op is all 26).
func BenchmarkContractor(b *testing.B) {
	texts := sampleNotices(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			Contractor(t)
		}
	}
}

// BenchmarkOrgKey measures OrgKey on names with a legal form, an
// abbreviation or neither (one op is all of benchOrgs).
func BenchmarkOrgKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, name := range benchOrgs {
			OrgKey(name)
		}
	}
}
