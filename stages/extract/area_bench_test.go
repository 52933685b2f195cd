package extract

import (
	"os"
	"testing"

	"github.com/breachtrend/breachtrend/internal/jatok"
	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/cause"
	"github.com/breachtrend/breachtrend/stages/extract/counts"
	"github.com/breachtrend/breachtrend/stages/extract/datatypes"
	"github.com/breachtrend/breachtrend/stages/extract/organization"
	"github.com/breachtrend/breachtrend/stages/extract/reportno"
	"github.com/breachtrend/breachtrend/stages/extract/text"
	"github.com/breachtrend/breachtrend/stages/extract/timeline"
)

// benchNotices are the notices of the sample corpus, or of the folder of
// .txt files that BREACHTREND_BENCH_CORPUS names (the 10k bench corpus
// gives figures closer to a whole run's).
func benchNotices(b *testing.B) []sampleNotice {
	b.Helper()
	dir := os.Getenv("BREACHTREND_BENCH_CORPUS")
	if dir == "" {
		dir = sampleCorpus
	}
	out := noticesIn(b, dir)
	text.KagomeTokenizer() // built before the clock starts
	return out
}

// runNotices times fn on every notice: one op is the whole corpus. It
// reports the process's CPU time an op too (cpu-ns/op), which another
// process on the machine disturbs less than ns/op. Each op starts with
// the memos of jatok's pieces and of Morphs empty, as a run does.
func runNotices(b *testing.B, fn func(n *sampleNotice)) {
	ns := benchNotices(b)
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		jatok.ForgetPieces()
		text.ForgetMorphs()
		for i := range ns {
			fn(&ns[i])
		}
	}
	if cpu := processCPU() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkTerms measures the term extraction, as the pipeline calls it.
func BenchmarkTerms(b *testing.B) {
	runNotices(b, func(n *sampleNotice) { Terms(n.in.Title, n.in.Text) })
}

// BenchmarkCause, BenchmarkDataTypes and BenchmarkOrganization measure
// those steps of Extract alone, on sentences split beforehand.
func BenchmarkCause(b *testing.B) {
	runNotices(b, func(n *sampleNotice) { cause.Find(nil, n.title, n.sents) })
}

// BenchmarkTimeline measures the published date, the dated events and the
// report number (timeline.Fill, reportno.Find), as Extract calls them.
func BenchmarkTimeline(b *testing.B) {
	runNotices(b, func(n *sampleNotice) {
		var out schemas.Notice
		timeline.Fill(nil, n.in.HeaderRest, n.in.Published, n.in.CaseID, n.title, n.sents, &out)
		reportno.Find(nil, n.title, n.sents, out.Events, out.PublishedDate)
	})
}

func BenchmarkDataTypes(b *testing.B) {
	runNotices(b, func(n *sampleNotice) { datatypes.Find(nil, n.sents) })
}

func BenchmarkOrganization(b *testing.B) {
	runNotices(b, func(n *sampleNotice) { organization.Find(nil, n.in.HeaderRest, n.sents, n.lines) })
}

// BenchmarkCounts measures counts.Affected alone on the sample corpus.
func BenchmarkCounts(b *testing.B) {
	runNotices(b, func(n *sampleNotice) { counts.Affected(nil, n.sents) })
}

// BenchmarkOrganizationShort and BenchmarkCountsShort measure those steps
// on BenchmarkExtractShort's one-sentence notices (one op is one notice),
// the JSON Lines shape, where each pays its fixed cost per notice.
func BenchmarkOrganizationShort(b *testing.B) {
	runShortNotices(b, func(n *sampleNotice) { organization.Find(nil, n.in.HeaderRest, n.sents, n.lines) })
}

func BenchmarkCountsShort(b *testing.B) {
	runShortNotices(b, func(n *sampleNotice) { counts.Affected(nil, n.sents) })
}

// BenchmarkCauseShort measures cause.FindScanned on those notices, with
// the hits of their sentences' one scan, as Finish calls it.
func BenchmarkCauseShort(b *testing.B) {
	hits := map[string][][]wordscan.Hit{}
	for _, n := range shortNotices() {
		hits[n.in.Text] = scanSentences(nil, n.sents).cause // kept, never released
	}
	runShortNotices(b, func(n *sampleNotice) { cause.FindScanned(nil, n.title, n.sents, hits[n.in.Text]) })
}

// runShortNotices times fn on shortNotices, one notice an op, memos warm.
func runShortNotices(b *testing.B, fn func(n *sampleNotice)) {
	ns := shortNotices()
	text.KagomeTokenizer()
	for i := range ns {
		fn(&ns[i]) // warm-up: the gazetteers and kagome's memo
	}
	b.ReportAllocs()
	cpu := processCPU()
	i := 0
	for b.Loop() {
		fn(&ns[i%len(ns)])
		i++
	}
	if cpu := processCPU() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
