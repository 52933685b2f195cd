package text

import (
	"strings"

	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/breachtrend/breachtrend/internal/jatok"
	"github.com/breachtrend/breachtrend/internal/recent"
)

// The IPA tokenizer costs 0.6 s and ~88 MiB to build and is safe for
// concurrent use: one per process, built on first use, and only for the few
// lines and sentences that need it (candidate organization lines, cause
// sentences), never whole documents.
// The tokenizer is jatok's, shared with the term extraction.
func KagomeTokenizer() *tokenizer.Tokenizer {
	t, err := jatok.Tokenizer()
	if err != nil {
		return nil
	}
	return t
}

// Morph is one token: its surface and base form, and whether kagome tags
// it as an organization's name (IsOrgTag).
type Morph struct {
	Surface, Base string
	orgPOS        bool // POS 名詞,固有名詞,組織
	ProperPOS     bool // POS 名詞,固有名詞 (a person, a place, an organization)
	Unknown       bool // not in the dictionary: a coined name (ソウェル)
	// Noun: POS 名詞,一般 or 名詞,固有名詞, a content noun (がん, まちづくり),
	// not a pronoun, a number or a dependent noun.
	Noun bool
}

// Morphs tokenizes one short text (a line or a sentence). The result is
// shared with other calls on the same text: callers must not change it.
func Morphs(s string) []Morph {
	if KagomeTokenizer() == nil || s == "" {
		return nil
	}
	// A "sentence" longer than any real one is cut: the rules that read
	// tokens look for a verb or a name, which a run of 100k runes with no
	// 。 does not hold past its start, and kagome's lattice would hold
	// every rune's candidate words at once.
	s = s[:PrefixBytes(s, MaxSentenceRunes)]
	if ms, ok := recentMorphs.Get(s); ok {
		return ms
	}
	// The tokens' surfaces are substrings of what is tokenized: a copy
	// of s, so that the memo keeps s and not the notice s is cut from.
	s = strings.Clone(s)
	ms, _ := recentMorphs.Add(s, morphsOf(s))
	return ms
}

// recentMorphs remembers the tokens of the texts Morphs tokenized
// recently: kagome gives the same tokens for the same text, and the
// sentences that the cause and organization rules tokenize come again
// from notice to notice (a stock phrase, a notice sent twice). A
// generation holds 4k texts or 512 KiB of them, and their tokens take ~9
// bytes a byte of text (a Morph is 40 bytes, a token ~4.5 bytes of text):
// ~5 MiB.
var recentMorphs = recent.New[string, []Morph](4096, 512<<10, func(s string) int { return len(s) })

// ForgetMorphs empties the memo of Morphs, so that a benchmark that
// tokenizes the same texts op after op measures a run's work.
func ForgetMorphs() { recentMorphs.Clear() }

// morphsOf is Morphs without the memo. It reads kagome's tokens through
// jatok.Tokenize, which finds the tokenizer's best path without building
// its nodes one by one (TestMorphsFromMemo holds it to the Token API).
func morphsOf(s string) []Morph {
	toks, err := jatok.Tokenize(s)
	if err != nil {
		return nil
	}
	out := make([]Morph, 0, len(toks))
	for _, tk := range toks {
		// The POS fields and the base form are read from the dictionary's
		// tables: a Token's POS() would build a slice for every token.
		noun := tk.POSAt(0) == "名詞"
		proper := noun && tk.POSAt(1) == "固有名詞"
		m := Morph{Surface: tk.Surface, ProperPOS: proper, orgPOS: proper && tk.POSAt(2) == "組織",
			Unknown: tk.Class == tokenizer.UNKNOWN, Noun: proper || noun && tk.POSAt(1) == "一般"}
		if b, ok := tk.BaseForm(); ok && b != "*" {
			m.Base = b
		} else {
			m.Base = tk.Surface
		}
		out = append(out, m)
	}
	return out
}

// IsOrgTag reports whether kagome tags the token as an organization's
// proper noun (名詞,固有名詞,組織). It is a hint only: well-known firms get
// it, unknown companies do not, and Latin acronyms such as PDF get it
// wrongly.
func (m Morph) IsOrgTag() bool {
	return m.orgPOS && !IsASCIIWord(m.Surface)
}

func IsASCIIWord(s string) bool {
	for _, r := range s {
		if r > 0x7f {
			return false
		}
	}
	return true
}

// TokenSpans are the byte offsets where the tokens of a text start and
// end, and the ends of the tokens kagome tags as proper nouns.
type TokenSpans struct {
	Starts, Ends, ProperEnds map[int]bool
}

// SpansOf tokenizes s into its token spans.
func SpansOf(s string) TokenSpans {
	sp := TokenSpans{Starts: map[int]bool{}, Ends: map[int]bool{}, ProperEnds: map[int]bool{}}
	at := 0
	for _, m := range Morphs(s) {
		sp.Starts[at] = true
		at += len(m.Surface)
		sp.Ends[at] = true
		if m.ProperPOS {
			sp.ProperEnds[at] = true
		}
	}
	return sp
}

// SuffixOnBoundary reports whether a one-character suffix ending at byte
// end of the text spanned by sp is a name's suffix rather than part of a
// word: a token ends with it, and the suffix starts a token of its own
// (青葉|市) or ends a place's proper noun (北海道); or it begins a token
// after a proper noun (四條畷|市立: the city runs the body). 市民税, 県民
// and 下水道 are words, not names.
func (sp TokenSpans) SuffixOnBoundary(end, suffixLen int) bool {
	start := end - suffixLen
	if sp.Ends[end] && (sp.Starts[start] || sp.ProperEnds[end]) {
		return true
	}
	return sp.Starts[start] && sp.ProperEnds[start]
}
