package reportno

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// TestJoinFirst: joinFirst is strings.Join of the first texts.
func TestJoinFirst(t *testing.T) {
	sents := text.SplitSentences("第一文です。第二文です。\n第三文")
	for n := 0; n <= len(sents)+1; n++ {
		var texts []string
		for _, s := range sents[:min(n, len(sents))] {
			texts = append(texts, s.Text)
		}
		for _, sep := range []string{"", " "} {
			if got, want := joinFirst(sents, n, sep), strings.Join(texts, sep); got != want {
				t.Errorf("joinFirst(%d, %q) = %q, want %q", n, sep, got, want)
			}
		}
	}
}
