package extract

import (
	"iter"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/normalize"
)

// The scanners and guards that stand in for regexps are each checked
// against their regexp on the sample corpus and on random strings; these
// are the two sources they share.

// seedTexts is the normalized text of every file of the sample corpus; t
// is skipped when there is none.
func seedTexts(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/corpus/*.txt")
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
