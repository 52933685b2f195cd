package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/jatok"
	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/text"
	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// BenchmarkExtract measures Extract on every notice of the sample corpus
// (one op is all 24 notices). The kagome tokenizer is built before the
// clock starts: its 0.6 s start-up is paid once per process, not per op.
// The extractor has no memo: every op extracts every notice again.
// cpu-ns/op is the process's CPU time (user and system) per op, steadier
// than ns/op on a shared machine.
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
	cpu := processCPU()
	for b.Loop() {
		for _, in := range ins {
			var n schemas.Notice
			x.Extract(context.Background(), in, &n)
		}
	}
	b.ReportMetric(float64(len(ins)*b.N)/b.Elapsed().Seconds(), "notices/s")
	if cpu := processCPU() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkExtractShort measures the cost Extract pays per notice whatever
// its length: one op is one notice of one sentence, as a JSON Lines feed
// of short records gives them (bench-hostile's jsonl-records), each with
// its own date and count, and Terms as the pipeline calls it. The memos
// of kagome's morphemes and jatok's pieces are emptied each time the
// notices come round again, so that none serves a notice it saw before.
func BenchmarkExtractShort(b *testing.B) { benchmarkShortNotices(b, true) }

// BenchmarkExtractShortRules is BenchmarkExtractShort with the memos of
// kagome's morphemes and jatok's pieces left warm, as they are on a feed
// whose sentences come again (bench-hostile's jsonl-records): what is left
// is the rules' own cost per notice, Terms included. The extractor has no
// memo, so every op extracts its notice.
func BenchmarkExtractShortRules(b *testing.B) { benchmarkShortNotices(b, false) }

// benchmarkShortNotices extracts 1,024 one-sentence notices round and
// round, the memos emptied at the start of each round when cold.
func benchmarkShortNotices(b *testing.B, cold bool) {
	ins := shortInputs()
	x := &Rules{Budget: DefaultBudget}
	for _, in := range ins {
		var n schemas.Notice
		x.Extract(context.Background(), in, &n) // warm-up: kagome's dictionary and the memos
		n.Terms = Terms(in.Title, in.Text)
	}
	b.ReportAllocs()
	cpu := processCPU()
	i := 0
	for b.Loop() {
		if cold && i%len(ins) == 0 {
			jatok.ForgetPieces()
			text.ForgetMorphs()
		}
		in := ins[i%len(ins)]
		var n schemas.Notice
		x.Extract(context.Background(), in, &n)
		n.Terms = Terms(in.Title, in.Text)
		i++
	}
	if cpu := processCPU() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// shortInputs are 1,024 one-sentence notices, each with its own date and
// count, segmented and normalized as the pipeline does it.
func shortInputs() []Input {
	var ins []Input
	for i := range 1024 {
		raw := testcorpus.ShortNotice(i)
		for _, s := range segment.Split(raw) {
			ins = append(ins, Input{Text: normalize.Text(s.Text), Title: s.Title})
		}
	}
	return ins
}

// shortNotices are shortInputs split into sentences and lines.
func shortNotices() []sampleNotice {
	var out []sampleNotice
	for _, in := range shortInputs() {
		out = append(out, sampleNotice{in: in, title: in.Title, sents: text.SplitSentences(in.Text), lines: strings.Split(in.Text, "\n")})
	}
	return out
}
