package extract

import (
	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/breachtrend/breachtrend/internal/jatok"
)

// The IPA tokenizer costs 0.6 s and ~88 MiB to build and is safe for
// concurrent use: one per process, built on first use, and only for the few
// lines and sentences that need it (candidate organization lines, cause
// sentences), never whole documents.
// The tokenizer is jatok's, shared with the term extraction.
func kagomeTokenizer() *tokenizer.Tokenizer {
	t, err := jatok.Tokenizer()
	if err != nil {
		return nil
	}
	return t
}

// morph is one token: its surface and base form, and whether kagome tags
// it as an organization's name (isOrgTag).
type morph struct {
	Surface, Base string
	orgPOS        bool // POS 名詞,固有名詞,組織
	properPOS     bool // POS 名詞,固有名詞 (a person, a place, an organization)
	unknown       bool // not in the dictionary: a coined name (ソウェル)
}

// morphs tokenizes one short text (a line or a sentence).
func morphs(s string) []morph {
	t := kagomeTokenizer()
	if t == nil || s == "" {
		return nil
	}
	// A "sentence" longer than any real one is cut: the rules that read
	// tokens look for a verb or a name, which a run of 100k runes with no
	// 。 does not hold past its start, and kagome's lattice would hold
	// every rune's candidate words at once.
	toks := t.Tokenize(s[:prefixBytes(s, maxSentenceRunes)])
	out := make([]morph, 0, len(toks))
	for _, tk := range toks {
		// The POS fields and the base form are read from the dictionary's
		// tables: tk.POS() would build a slice for every token.
		proper := jatok.POSAt(tk, 0) == "名詞" && jatok.POSAt(tk, 1) == "固有名詞"
		m := morph{Surface: tk.Surface, properPOS: proper, orgPOS: proper && jatok.POSAt(tk, 2) == "組織",
			unknown: tk.Class == tokenizer.UNKNOWN}
		if b, ok := jatok.BaseForm(tk); ok && b != "*" {
			m.Base = b
		} else {
			m.Base = tk.Surface
		}
		out = append(out, m)
	}
	return out
}

// isOrgTag reports whether kagome tags the token as an organization's
// proper noun (名詞,固有名詞,組織). It is a hint only: well-known firms get
// it, unknown companies do not, and Latin acronyms such as PDF get it
// wrongly.
func (m morph) isOrgTag() bool {
	return m.orgPOS && !isASCIIWord(m.Surface)
}

func isASCIIWord(s string) bool {
	for _, r := range s {
		if r > 0x7f {
			return false
		}
	}
	return true
}

// tokenSpans are the byte offsets where the tokens of a text start and
// end, and the ends of the tokens kagome tags as proper nouns.
type tokenSpans struct {
	starts, ends, properEnds map[int]bool
}

// spansOf tokenizes s into its token spans.
func spansOf(s string) tokenSpans {
	sp := tokenSpans{starts: map[int]bool{}, ends: map[int]bool{}, properEnds: map[int]bool{}}
	at := 0
	for _, m := range morphs(s) {
		sp.starts[at] = true
		at += len(m.Surface)
		sp.ends[at] = true
		if m.properPOS {
			sp.properEnds[at] = true
		}
	}
	return sp
}

// suffixOnBoundary reports whether a one-character suffix ending at byte
// end of the text spanned by sp is a name's suffix rather than part of a
// word: a token ends with it, and the suffix starts a token of its own
// (青葉|市) or ends a place's proper noun (北海道); or it begins a token
// after a proper noun (四條畷|市立: the city runs the body). 市民税, 県民
// and 下水道 are words, not names.
func (sp tokenSpans) suffixOnBoundary(end, suffixLen int) bool {
	start := end - suffixLen
	if sp.ends[end] && (sp.starts[start] || sp.properEnds[end]) {
		return true
	}
	return sp.starts[start] && sp.properEnds[start]
}
