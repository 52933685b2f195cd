package segment

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
)

// BenchmarkParseHeader measures parseHeader, ParseHeader without its memo,
// on every line of the sample corpus that opens with 【 (one op is all).
func BenchmarkParseHeader(b *testing.B) {
	var lines []string
	for _, text := range testcorpus.SampleTexts(b) {
		for _, l := range strings.Split(text, "\n") {
			if l = strings.TrimSpace(l); strings.HasPrefix(l, "【") {
				lines = append(lines, l)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			parseHeader(l)
		}
	}
	b.ReportMetric(float64(len(lines)), "lines")
}
