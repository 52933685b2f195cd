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
		m := morph{Surface: tk.Surface,
			orgPOS: jatok.POSAt(tk, 0) == "名詞" && jatok.POSAt(tk, 1) == "固有名詞" && jatok.POSAt(tk, 2) == "組織"}
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
