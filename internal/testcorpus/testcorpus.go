// Package testcorpus finds and reads the corpora tests use: the sample
// corpus bundled in testdata/corpus, and the shared data sets (corpus/dev,
// gold/, reference/) that sit beside the repository as ../shared, as in
// CI, or wherever BREACHTREND_SHARED points. Tests name no machine path:
// they ask this package, from whichever package directory they run in.
package testcorpus

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// SharedEnv names the environment variable that overrides where the
// shared data sets are (default: ../shared beside the repository).
const SharedEnv = "BREACHTREND_SHARED"

// Root is the repository's root: the nearest directory above the working
// directory that holds go.mod. It panics when there is none, which only a
// test run outside the repository meets.
var Root = sync.OnceValue(func() string {
	dir, err := os.Getwd()
	if err != nil {
		panic(fmt.Sprintf("testcorpus: %v", err))
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			panic(fmt.Sprintf("testcorpus: no go.mod above %s", dir))
		}
	}
})

// SampleDir is the sample corpus: testdata/corpus of the repository.
func SampleDir() string { return filepath.Join(Root(), "testdata", "corpus") }

// SampleFiles are the sample corpus's .txt files, sorted; the test fails
// when there are none.
func SampleFiles(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(SampleDir(), "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("testcorpus: no sample files in %s: %v", SampleDir(), err)
	}
	slices.Sort(files)
	return files
}

// SampleTexts are the contents of SampleFiles, in their order.
func SampleTexts(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, f := range SampleFiles(tb) {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatalf("testcorpus: %v", err)
		}
		out = append(out, string(b))
	}
	return out
}

// SharedDir is where the shared data sets are: $BREACHTREND_SHARED, else
// ../shared beside the repository. It may not exist.
func SharedDir() string {
	if d := os.Getenv(SharedEnv); d != "" {
		return d
	}
	return filepath.Join(filepath.Dir(Root()), "shared")
}

// Shared is the path of elem under SharedDir, and whether it exists.
func Shared(elem ...string) (string, bool) {
	p := filepath.Join(append([]string{SharedDir()}, elem...)...)
	_, err := os.Stat(p)
	return p, err == nil
}

// SharedOrSkip is the path of elem under SharedDir; it skips the test,
// saying what is missing, when the path does not exist.
func SharedOrSkip(tb testing.TB, elem ...string) string {
	tb.Helper()
	p, ok := Shared(elem...)
	if !ok {
		tb.Skipf("%s is not here (shared data sets beside the repository, or %s)", p, SharedEnv)
	}
	return p
}

// ShortNotice is the i-th of a feed of one-sentence notices, each with its
// own date and count, as bench-hostile's jsonl-records writes them (whose
// counts wrap after 990): what the benchmarks of short notices read.
func ShortNotice(i int) string {
	return fmt.Sprintf("令和5年%d月%d日、当社において不正アクセスが発生し、お客様%d名の個人情報が漏えいした可能性があります。", 1+i%12, 1+i%28, 10+i)
}
