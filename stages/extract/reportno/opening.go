package reportno

import (
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// openingMasks are the rune masks of a notice's first sentences, which
// the routes of seqFromBody and investigationClosed ask their word lists
// with: each sentence's mask is made once, and the masks of the texts
// joined from them (the opening, the top lines, the opening's pieces) are
// unions of those. Made one by one, the masks of the same runes were a
// quarter of the report number's time on one-sentence notices. The texts
// are not held here: the regexps they go to would move the masks, with
// them, to the heap.
type openingMasks struct {
	sents []text.RuneMask // sents[i] is text.MaskOf of sentence i's text
	// unions: every sentence after the first opens on a rune's first
	// byte, so that no rune of a joined text spans two sentences and
	// the mask of a joined text is the union of its sentences'.
	unions bool
	open   text.RuneMask // the mask of the opening, joinFirst(sents, openingSentences, "")
}

// spaceMask is the mask of the separator of the top lines.
var spaceMask = text.MaskOf(" ")

// maskOpening masks the first sentences, as many as the routes read; open
// is the opening (joinFirst(sents, openingSentences, "")) and buf room
// for the masks.
func maskOpening(sents []text.Sentence, open string, buf []text.RuneMask) openingMasks {
	n := min(len(sents), max(citingSentences, titleLines, openingSentences, laterSentences))
	o := openingMasks{sents: buf[:0], unions: true}
	for i, s := range sents[:n] {
		o.sents = append(o.sents, text.MaskOf(s.Text))
		if i > 0 && s.Text != "" && !utf8.RuneStart(s.Text[0]) {
			o.unions = false
		}
	}
	o.open = o.joined(0, min(n, openingSentences), open)
	return o
}

// joined is the mask of joined, sentences i to j joined with no separator.
func (o *openingMasks) joined(i, j int, joined string) text.RuneMask {
	if !o.unions {
		return text.MaskOf(joined)
	}
	var m text.RuneMask
	for _, sm := range o.sents[i:j] {
		m = unionOf(m, sm)
	}
	return m
}

// top is joinFirst(sents, titleLines, " ") and its mask. A space ends any
// rune before it, so its mask is the union whatever the sentences hold.
func (o *openingMasks) top(sents []text.Sentence) (string, text.RuneMask) {
	var m text.RuneMask
	for k, sm := range o.sents[:min(len(o.sents), titleLines)] {
		if k > 0 {
			m = unionOf(m, spaceMask)
		}
		m = unionOf(m, sm)
	}
	return joinFirst(sents, titleLines, " "), m
}

// pieces yields the opening cut after each 。, as
// strings.SplitAfterSeq(open, "。") does, with each piece's mask: the
// union of its sentences' when it begins and ends where sentences do.
func (o *openingMasks) pieces(sents []text.Sentence, open string, yield func(piece string, m text.RuneMask) bool) {
	n := min(len(o.sents), openingSentences)
	at, next, nextStart := 0, 0, 0 // the piece's offset; the first sentence not passed, and its offset
	for piece := range strings.SplitAfterSeq(open, "。") {
		end := at + len(piece)
		first, aligned := next, at == nextStart
		for next < n && nextStart+len(sents[next].Text) <= end {
			nextStart += len(sents[next].Text)
			next++
		}
		var m text.RuneMask
		if aligned && nextStart == end && next > first {
			m = o.joined(first, next, piece)
		} else {
			m = text.MaskOf(piece)
		}
		if !yield(piece, m) {
			return
		}
		at = end
	}
}

func unionOf(a, b text.RuneMask) text.RuneMask {
	return text.RuneMask{a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]}
}
