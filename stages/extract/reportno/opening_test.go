package reportno

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// checkOpening fails when a mask of maskOpening is not text.MaskOf of
// the text it stands for, or its texts are not those joinFirst and
// strings.SplitAfterSeq give.
func checkOpening(t *testing.T, sents []text.Sentence) {
	t.Helper()
	var buf [openingSentenceMasks]text.RuneMask
	open := joinFirst(sents, openingSentences, "")
	o := maskOpening(sents, open, buf[:])
	for i, m := range o.sents {
		if m != text.MaskOf(sents[i].Text) {
			t.Fatalf("%+v: mask of sentence %d is not its text's", sents, i)
		}
	}
	if n := min(len(sents), max(citingSentences, titleLines, openingSentences, laterSentences)); len(o.sents) != n {
		t.Fatalf("%+v: %d sentences masked, want %d", sents, len(o.sents), n)
	}
	if o.open != text.MaskOf(open) {
		t.Fatalf("%+v: opening's mask is not its text's", sents)
	}
	top, m := o.top(sents)
	if want := joinFirst(sents, titleLines, " "); top != want {
		t.Fatalf("%+v: top %q, want %q", sents, top, want)
	}
	if m != text.MaskOf(top) {
		t.Fatalf("%+v: top's mask is not its text's", sents)
	}
	var pieces []string
	o.pieces(sents, open, func(p string, m text.RuneMask) bool {
		if m != text.MaskOf(p) {
			t.Fatalf("%+v: mask of piece %q is not its text's", sents, p)
		}
		pieces = append(pieces, p)
		return true
	})
	want := slices.Collect(strings.SplitAfterSeq(open, "。"))
	if !slices.Equal(pieces, want) {
		t.Fatalf("%+v: pieces %q, want %q", sents, pieces, want)
	}
}

// sentencesOf cuts s at each \n into sentences, whatever bytes they hold.
func sentencesOf(s string) []text.Sentence {
	var out []text.Sentence
	for l := range strings.SplitSeq(s, "\n") {
		out = append(out, text.Sentence{Text: l})
	}
	return out
}

// TestOpeningMasks: the masks of the opening's texts, made from the
// sentences' masks, are those of the texts. Pieces that begin or end
// inside a sentence (a 。 in brackets), sentences that split a rune and
// empty ones are made from their text.
func TestOpeningMasks(t *testing.T) {
	for _, s := range []string{
		"",
		"本日、第2報を公表いたします。",
		"令和5年5月24日の第一報にてお知らせしました。\n既報のとおり、調査を進めております。\n以上",
		"「お知らせ。」を公表しました。\n先般ご案内のとおり。",
		"見出し\n本文の一行目\nが続きます。次の文。\n",
		"\xe3\x81\n\x82です。",
		"あ\xe3\n\x81\x82。",
		"\n\n。。\n",
		strings.Repeat("第一文です。\n", 40),
	} {
		checkOpening(t, sentencesOf(s))
		checkOpening(t, text.SplitSentences(s))
	}
}

// FuzzOpeningMasks: the opening's masks against text.MaskOf of its texts,
// for sentences of any bytes.
func FuzzOpeningMasks(f *testing.F) {
	for _, s := range []string{"既報のとおり。\n先般ご案内しました。", "「a。b」。\nc", "\xe3\x81\n\x82。\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkOpening(t, sentencesOf(s))
		checkOpening(t, text.SplitSentences(s))
	})
}
