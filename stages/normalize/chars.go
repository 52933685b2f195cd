package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// canonicalChars is the character half of Text and Chars: invalid UTF-8
// dropped, the rune map (mapRune), NFKC, then the rune map again
// (NFKC makes some mapped characters itself, ﹘ → —):
//
//	mapRunes(norm.NFKC.String(mapRunes(strings.ToValidUTF8(s, ""))))
//
// (mapRunes applies the rune map to each rune; the test file keeps that
// form as the oracle), but in one pass. Most of a Japanese text is kana, kanji and ASCII that
// none of these steps changes (isStable): runs of them are copied as they
// are, and only the short stretches between them go through the steps
// above. That gives the same result because each step works piece by
// piece: the maps rune by rune, ToValidUTF8 on whole runes, and NFKC
// between any two pieces where the second starts with a rune that has an
// NFKC boundary before it, which every stable rune has. A stretch also
// takes in the stable rune before it, which a combining mark after it
// (か + U+3099) may compose with.
func canonicalChars(s string) string {
	var out strings.Builder // stays empty while s needs no change
	var mapped, composed []byte
	done := 0        // s[:done] is in out
	slowFrom := -1   // start of the stretch being collected, or -1
	lastStable := -1 // start of the last stable rune seen, or -1
	run := 0         // stable runes in a row inside the stretch
	for i := 0; i < len(s); {
		if slowFrom < 0 {
			// Outside a stretch a stable rune only moves lastStable on:
			// skip the run of them at once.
			var last int
			if i, last = stableRun(s, i); last >= 0 {
				lastStable = last
			}
			if i == len(s) {
				break
			}
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = decodeRune(s, i)
		}
		if isStable(r) {
			// A stretch ends once a few stable runes follow it, so that
			// a kanji between two full-width digits does not split it.
			if slowFrom >= 0 {
				if run++; run == stretchGap {
					writeSlow(&out, s[done:slowFrom], s[slowFrom:i], &mapped, &composed)
					done, slowFrom = i, -1
				}
			}
			lastStable = i
			i += size
			continue
		}
		if slowFrom < 0 {
			slowFrom = i
			if lastStable >= done {
				slowFrom = lastStable
			}
			if out.Cap() == 0 {
				out.Grow(len(s)) // NFKC mostly shortens: full-width forms become ASCII
				// Scratch for writeSlow, large enough for most stretches
				// (and no larger than a short line needs).
				n := min(2*len(s), 256)
				mapped, composed = make([]byte, 0, n), make([]byte, 0, n)
			}
		}
		run = 0
		i += size
	}
	if slowFrom < 0 {
		if out.Cap() == 0 {
			return s
		}
		out.WriteString(s[done:])
		return out.String()
	}
	writeSlow(&out, s[done:slowFrom], s[slowFrom:], &mapped, &composed)
	return out.String()
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) for a byte at i at or
// above 0x80, with the three-byte runes of Japanese text (U+1000–U+CFFF:
// kana, kanji, CJK punctuation) decoded inline: the general decoder's
// call was a fifth of canonicalChars' time. Lead bytes 0xE0 and 0xED,
// whose second byte has narrower bounds (overlong forms, surrogates), and
// all others go to the general decoder.
func decodeRune(s string, i int) (rune, int) {
	if b := s[i]; b >= 0xE1 && b <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// stableRun returns where the run of stable runes (isStable) that starts
// at i ends, and where its last rune starts (-1: the run is empty). It is
// the loop of canonicalChars over such a run, without its bookkeeping: the
// ASCII and three-byte runes that make up most of a Japanese text are
// checked in line, the three-byte ones against stable3, which holds
// isStable of U+2000–U+9FFF.
func stableRun(s string, i int) (end, last int) {
	last = -1
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return i, last
			}
			last = i
			i++
			continue
		}
		if c >= 0xE2 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if k := r - stable3Lo; stable3[k>>6]&(1<<(k&63)) == 0 {
				return i, last
			}
			last = i
			i += 3
			continue
		}
		r, size := decodeRune(s, i)
		if !isStable(r) {
			return i, last
		}
		last = i
		i += size
	}
	return i, last
}

// stable3 is isStable of each rune from stable3Lo to U+9FFF, a bit each:
// the runes of the lead bytes 0xE2–0xE9.
var stable3 = func() (bits [(0xA000 - stable3Lo) / 64]uint64) {
	for r := rune(stable3Lo); r < 0xA000; r++ {
		if isStable(r) {
			k := r - stable3Lo
			bits[k>>6] |= 1 << (k & 63)
		}
	}
	return bits
}()

const stable3Lo = 0x2000

// stretchGap is the number of stable runes after which a stretch of
// changing runes is closed.
const stretchGap = 8

// writeSlow writes kept as it is, then stretch through the full steps;
// mapped and composed are scratch buffers reused across calls.
func writeSlow(out *strings.Builder, kept, stretch string, mapped, composed *[]byte) {
	out.WriteString(kept)
	if writeSimple(out, stretch) {
		return
	}
	writeFull(out, stretch, mapped, composed)
}

// writeFull writes stretch through the full steps: the rune map, NFKC and
// the map again.
func writeFull(out *strings.Builder, stretch string, mapped, composed *[]byte) {
	*mapped = appendMapped((*mapped)[:0], stretch)
	*composed = norm.NFKC.Append((*composed)[:0], *mapped...)
	for c := *composed; len(c) > 0; {
		r, size := utf8.DecodeRune(c)
		c = c[size:]
		if rep, ok := mapRune(r); ok {
			out.WriteString(rep)
		} else {
			out.WriteRune(r)
		}
	}
}

// isStable reports whether r is left as it is by every step of
// canonicalChars and starts an NFKC segment: the rune map keeps it, it is in
// NFKC (quick check yes) and has an NFKC boundary before it. The ranges are
// the common ones of Japanese text, and TestStableRunes checks each rune
// against the norm tables.
func isStable(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= ' ' && r != 0x7f || r == '\n'
	case r < 0x2018:
		return false
	case r >= 0x4e00 && r <= 0x9fff: // CJK unified ideographs
		return true
	case r >= 0x3041 && r <= 0x3096, // hiragana
		r >= 0x309d && r <= 0x309e,             // ゝゞ (not ゟ, which NFKC spells out)
		r >= 0x30a0 && r <= 0x30fe,             // katakana (not ヿ)
		r >= 0x3001 && r <= 0x3029 && r != '〜', // CJK punctuation
		r >= 0x2018 && r <= 0x201f,             // quotation marks
		r == '※',
		r >= 0x2190 && r <= 0x21ff, // arrows
		r >= 0x2500 && r <= 0x26ff: // box drawing, shapes (■●◆▲), symbols (★)
		return true
	}
	return false
}

// appendMapped appends s with invalid UTF-8 dropped and the rune map
// (mapRune) applied to each rune.
func appendMapped(out []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch rep, ok := mapRune(r); {
		case r == utf8.RuneError && size == 1:
		case ok:
			out = append(out, rep...)
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}

// mapRune is the rune map: premap's replacement, odd spaces made plain
// ones, control characters other than the newline dropped. ok is false
// when r stays as it is.
func mapRune(r rune) (rep string, ok bool) {
	if r >= premapLo && r <= premapHi {
		if rep, ok := premap[r]; ok {
			return rep, true
		}
	}
	switch {
	case r == '\r':
		return "", true
	case isOddSpace(r):
		return " ", true
	case r != '\n' && unicode.IsControl(r):
		return "", true
	}
	return "", false
}

// simpleRunes maps each rune that is not stable (isStable) but that the
// steps of canonicalChars change the same way wherever it stands to what
// they make of it: the rune, and every rune the map makes of it, has an
// NFKC boundary before it, so NFKC never joins it to a neighbour (as
// canonicalChars' pieces, see there) and works on it alone. These are
// most of what Japanese text holds besides stable runes: full-width and
// half-width forms (２０２３, （）, ｶ), Kangxi radicals (⽇), circled numbers,
// ㈱, •, …, the no-break space and the tab. Made at the first use, from
// the blocks that hold them: about 2,000 runes through NFKC.
var simpleRunes = sync.OnceValue(func() map[rune]string {
	m := map[rune]string{}
	var all strings.Builder // the values, one after the other
	var mapped, composed []byte
	for _, block := range [][2]rune{{0, 0xff}, {0x2000, 0x206f}, {0x2100, 0x218f}, {0x2460, 0x24ff}, {0x2e80, 0x2fdf},
		{0x3000, 0x30ff}, {0x3200, 0x33ff}, {0xff00, 0xffef}} {
		for r := block[0]; r <= block[1]; r++ {
			if isStable(r) {
				continue
			}
			var one [utf8.UTFMax]byte
			runes := appendMapped(one[:0], string(r))
			if len(runes) == 0 {
				continue // dropped: its neighbours meet
			}
			apart := true
			for i := 0; i < len(runes) && apart; {
				p := norm.NFKC.Properties(runes[i:])
				apart = p.BoundaryBefore()
				i += p.Size()
			}
			if !apart {
				continue
			}
			from := all.Len()
			writeFull(&all, string(r), &mapped, &composed)
			m[r] = all.String()[from:]
		}
	}
	return m
})

// writeSimple writes stretch rune by rune, and reports true, when each of
// its runes is stable or simple (simpleRunes): the full steps would make
// the same of it, through NFKC's buffers, which took a third of Text's
// time. Otherwise it writes nothing.
func writeSimple(out *strings.Builder, stretch string) bool {
	simple := simpleRunes()
	for i := 0; i < len(stretch); {
		r, size := decodeRune(stretch, i)
		if !isStable(r) {
			if _, ok := simple[r]; !ok { // (bytes that are not UTF-8 decode as U+FFFD, which is not)
				return false
			}
		}
		i += size
	}
	for i := 0; i < len(stretch); {
		r, size := decodeRune(stretch, i)
		if isStable(r) {
			out.WriteString(stretch[i : i+size])
		} else {
			out.WriteString(simple[r])
		}
		i += size
	}
	return true
}
