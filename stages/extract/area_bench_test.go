package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// benchNotice is one notice as Extract and Terms read it, with its
// sentences split once.
type benchNotice struct {
	in    Input
	title string // the title Extract reads: the header's rest if any
	sents []sentence
	lines []string
}

// benchNotices are the notices of the sample corpus, or of the folder of
// .txt files that BREACHTREND_BENCH_CORPUS names (the 10k bench corpus
// gives figures closer to a whole run's).
func benchNotices(b *testing.B) []benchNotice {
	b.Helper()
	dir := os.Getenv("BREACHTREND_BENCH_CORPUS")
	if dir == "" {
		dir = "../../testdata/corpus"
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus files in %s: %v", dir, err)
	}
	var out []benchNotice
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
			n := benchNotice{in: Input{Text: text, Title: s.Title}, title: s.Title}
			if s.Header != nil {
				n.in.CaseID, n.in.HeaderRest = s.Header.CaseID, s.Header.Rest
				n.title = s.Header.Rest
			}
			n.sents = splitSentences(text)
			n.lines = strings.Split(text, "\n")
			out = append(out, n)
		}
	}
	kagomeTokenizer() // built before the clock starts
	return out
}

// runNotices times fn on every notice: one op is the whole corpus. It
// reports the process's CPU time an op too (cpu-ns/op), which another
// process on the machine disturbs less than ns/op.
func runNotices(b *testing.B, fn func(n *benchNotice)) {
	ns := benchNotices(b)
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
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
	runNotices(b, func(n *benchNotice) { Terms(n.in.Title, n.in.Text) })
}

// BenchmarkCause, BenchmarkDataTypes and BenchmarkOrganization measure
// those steps of Extract alone, on sentences split beforehand.
func BenchmarkCause(b *testing.B) {
	runNotices(b, func(n *benchNotice) { cause(n.title, n.sents) })
}

func BenchmarkDataTypes(b *testing.B) {
	runNotices(b, func(n *benchNotice) { dataTypes(n.sents) })
}

func BenchmarkOrganization(b *testing.B) {
	runNotices(b, func(n *benchNotice) { organization(n.in.HeaderRest, n.sents, n.lines) })
}
