package title_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/stages/segment"
	"github.com/breachtrend/breachtrend/stages/title"
)

// BenchmarkOf measures Of on the lines of every segment of the sample
// corpus and on 1,000 one-line records such as a JSON Lines feed holds (a
// dated sentence: no heading above it, every line read as a candidate).
func BenchmarkOf(b *testing.B) {
	var docs [][]string
	for _, text := range testcorpus.SampleTexts(b) {
		for _, s := range segment.Split(text) {
			docs = append(docs, strings.Split(s.Text, "\n"))
		}
	}
	for i := range 1000 {
		docs = append(docs, []string{fmt.Sprintf("令和5年%d月%d日、当社において不正アクセスが発生し、お客様%d名の個人情報が漏えいした可能性があります。",
			1+i%12, 1+i%28, 10+i%990)})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, lines := range docs {
			title.Of(lines)
		}
	}
}
