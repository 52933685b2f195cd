package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/stages/extract/text"

	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// The scanners and guards that stand in for regexps are each checked
// against their regexp on the sample corpus and on random strings; these
// are the two sources they share.

// sampleCorpus is the folder of the sample notices.
var sampleCorpus = testcorpus.SampleDir()

// sampleNotice is one notice as Extract and Terms read it, with its
// sentences split once.
type sampleNotice struct {
	in    Input
	title string // the title Extract reads: the header's rest if any
	sents []text.Sentence
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
			txt := normalize.Text(s.Text)
			if !segment.IsNotice(txt, s.Header != nil) {
				continue
			}
			n := sampleNotice{in: Input{Text: txt, Title: s.Title}, title: s.Title}
			if s.Header != nil {
				n.in.CaseID, n.in.HeaderRest = s.Header.CaseID, s.Header.Rest
				n.title = s.Header.Rest
			}
			n.sents = text.SplitSentences(txt)
			n.lines = strings.Split(txt, "\n")
			out = append(out, n)
		}
	}
	return out
}
