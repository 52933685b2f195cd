package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"

	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The bounds that keep the scanners linear: each cuts only what no real
// notice holds.

// TestLongSentenceIsCut: a line of 2,500 runes with no 。 is three
// sentences of at most MaxSentenceRunes runes, which put back together
// are the line.
func TestLongSentenceIsCut(t *testing.T) {
	line := extracttest.HostileRun("漢字ア1b", 2500)
	sents := text.SplitSentences("見出し\n" + line)
	var pieces []string
	for _, s := range sents[1:] {
		if n := utf8.RuneCountInString(s.Text); n > text.MaxSentenceRunes {
			t.Errorf("a sentence of %d runes", n)
		}
		if s.Line != 1 {
			t.Errorf("piece on line %d, want 1", s.Line)
		}
		pieces = append(pieces, s.Text)
	}
	if len(pieces) != 3 || strings.Join(pieces, "") != line {
		t.Errorf("%d pieces that do not make up the line", len(pieces))
	}
	short := "2023年6月5日、メールを誤送信しました。"
	if got := text.SplitSentences(short); len(got) != 1 || got[0].Text != short {
		t.Errorf("a short sentence was cut: %+v", got)
	}
}
