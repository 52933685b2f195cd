package extract

import (
	"iter"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// The scanners and guards that stand in for regexps are each checked
// against their regexp on the sample corpus and on random strings; these
// are the two sources they share.

// sampleCorpus is the folder of the sample notices.
const sampleCorpus = "../../testdata/corpus"

// sampleNotice is one notice as Extract and Terms read it, with its
// sentences split once.
type sampleNotice struct {
	in    Input
	title string // the title Extract reads: the header's rest if any
	sents []sentence
	lines []string
}

// noticesIn returns the notices of the .txt files in dir, segmented and
// normalized as the pipeline does it; the segments that are no notice are
// left out, as the pipeline leaves them.
func noticesIn(tb testing.TB, dir string) []sampleNotice {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no corpus files in %s: %v", dir, err)
	}
	var out []sampleNotice
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, s := range segment.Split(string(data)) {
			text := normalize.Text(s.Text)
			if !segment.IsNotice(text, s.Header != nil) {
				continue
			}
			n := sampleNotice{in: Input{Text: text, Title: s.Title}, title: s.Title}
			if s.Header != nil {
				n.in.CaseID, n.in.HeaderRest = s.Header.CaseID, s.Header.Rest
				n.title = s.Header.Rest
			}
			n.sents = splitSentences(text)
			n.lines = strings.Split(text, "\n")
			out = append(out, n)
		}
	}
	return out
}

// seedTexts is the normalized text of every file of the sample corpus; t
// is skipped when there is none.
func seedTexts(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(sampleCorpus, "*.txt"))
	if len(files) == 0 {
		t.Skip("no sample corpus")
	}
	return normalizedFiles(t, files)
}

// normalizedFiles is the normalized text of each file.
func normalizedFiles(t testing.TB, files []string) []string {
	t.Helper()
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, normalize.Text(string(data)))
	}
	return out
}

// seedSentences is every sentence of the sample corpus, as Extract splits
// it.
func seedSentences(t testing.TB) []sentence {
	t.Helper()
	var out []sentence
	for _, text := range seedTexts(t) {
		out = append(out, splitSentences(text)...)
	}
	return out
}

// randomStrings yields strings of up to maxPieces pieces drawn at random
// (the same ones on every run, from the PCG seeds): 20000 of them, 5000
// under -short. They reach the corners where a pattern's choices meet,
// which the fuzzer takes long to find.
func randomStrings(seed1, seed2 uint64, pieces []string, maxPieces int) iter.Seq[string] {
	return func(yield func(string) bool) {
		rng := rand.New(rand.NewPCG(seed1, seed2))
		n := 20000
		if testing.Short() {
			n = 5000
		}
		for range n {
			var b strings.Builder
			for range rng.IntN(maxPieces) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			if !yield(b.String()) {
				return
			}
		}
	}
}
