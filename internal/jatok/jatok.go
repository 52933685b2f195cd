// Package jatok holds the process's one kagome tokenizer (IPA dictionary)
// and the noun terms read with it.
//
// A Tokenizer is safe for concurrent use (FACTS.md), so every package
// shares this one, built on first use: a run that needs no tokenizing (a
// rerun served from the cache) never pays for it. Its dictionary comes
// from ipadict's compact file in the user's cache folder (~30 ms), or,
// the first time on a machine and wherever there is no such file, from
// kagome's embedded zip (~0.6 s and ~88 MiB), after which the file is
// written.
//
// jatok reads the tokens' features (POS, base form) from its own flat
// tables (ipadict.Tables) and drops kagome's copy of them (the compact
// file does not even hold it), so the tokenizer's Token.POS,
// Token.Features and Token.BaseForm must not be called: use POSAt and
// BaseForm.
package jatok

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/breachtrend/breachtrend/internal/ipadict"
)

// Tokenizer returns the shared IPA tokenizer.
func Tokenizer() (*tokenizer.Tokenizer, error) {
	s, err := shared()
	if err != nil {
		return nil, err
	}
	return s.tok, nil
}

// Dictionary returns the tokenizer's dictionary, without the features
// jatok keeps in its own tables (see fields): its Contents are nil and its
// POSTable holds the POS names only.
func Dictionary() *dict.Dict { return dictFields().dict }

// keepKagomeFeatures keeps the dictionary's Contents and POS vectors,
// which jatok otherwise drops once it has its own tables: the package's
// tests set it, to check those tables against kagome's Token API. It
// builds the dictionary from kagome's zip, never from the compact file.
var keepKagomeFeatures = false

// testCache, when set, is the compact file the shared tokenizer uses
// instead of ipadict.Default's (a test binary has none): set by the
// package's tests.
var testCache *ipadict.Cache

type state struct {
	tok    *tokenizer.Tokenizer
	fields *fields
	source ipadict.Source // where the dictionary came from
}

// shared builds the tokenizer and the feature tables once.
var shared = sync.OnceValues(func() (state, error) {
	d, t, src := load()
	tok, err := tokenizer.New(d, tokenizer.OmitBosEos())
	if err != nil {
		return state{}, err
	}
	return state{tok: tok, fields: newFields(d, t), source: src}, nil
})

// load returns the dictionary and jatok's tables: read from the compact
// file when there is a valid one, else built from kagome's zip (and the
// file written for the next run, when it can be). A cache that cannot be
// read or written only costs the time of the zip.
func load() (*dict.Dict, *ipadict.Tables, ipadict.Source) {
	if keepKagomeFeatures {
		d := ipa.Dict()
		return d, ipadict.NewTables(d), ipadict.Slow
	}
	c, ok := ipadict.Default()
	if testCache != nil {
		c, ok = *testCache, true
	}
	var d *dict.Dict
	var t *ipadict.Tables
	src := ipadict.Slow
	if ok {
		d, t, src, _ = c.Load(ipa.Dict) // a miss is the slow path, whatever its reason
	} else {
		d = ipa.Dict() // loads it once and returns the same one on every call
		t = ipadict.NewTables(d)
	}
	// Kagome's features are ~75 MiB of slices and strings that every GC
	// cycle marks (24 ms each, ~20 cycles a 10k-notice run), of which
	// jatok reads one field; Token.POS, Features and BaseForm need them,
	// so nothing may call those (the tokenizer itself never reads them).
	// The compact file holds neither.
	d.Contents = nil
	d.POSTable.POSs = nil
	return d, t, src
}

// fields are the parts of a token's features jatok reads: the known
// words' in ipadict's flat tables, without pointers, so that the GC has
// nothing to mark in them. Token.POS builds a new slice on every call,
// and Token.BaseForm looks its index up in a map, for every token of
// every text.
type fields struct {
	*ipadict.Tables
	dict  *dict.Dict
	names []string // the POS names by id: kagome's POSTable.NameList
	// unkPOS is where the POS fields stand among an unknown word's
	// features, as Token.POS finds them: [start, end), none if start >= end.
	unkPOSStart, unkPOSEnd int
	unkBase                int // index of the base form for FeatureAt, -1 if none
	// By POS name id: 名詞, and the noun subclasses that are no terms.
	noun, excluded []bool
	// The lattice's look-ups, flat (see bestPath): by known word id, how
	// many words after it share its surface (the index's Dup map); by
	// character category, the first unknown word's id and how many
	// follow it (UnkDict.Index and IndexDup).
	knownDup         []int32
	unkIndex, unkDup [256]int32
}

// newFields reads the unknown words' feature layout from d and wraps t.
func newFields(d *dict.Dict, t *ipadict.Tables) *fields {
	f := &fields{Tables: t, dict: d, names: d.POSTable.NameList, unkBase: -1}
	meta := d.UnkDict.ContentsMeta
	f.unkPOSEnd = 1
	if v, ok := meta[dict.POSStartIndex]; ok {
		f.unkPOSStart = int(v)
	}
	if v, ok := meta[dict.POSHierarchy]; ok {
		f.unkPOSEnd = f.unkPOSStart + int(v)
	}
	if v, ok := meta[dict.BaseFormIndex]; ok {
		f.unkBase = int(v)
	}
	f.knownDup = make([]int32, len(d.Morphs))
	for id, dup := range d.Index.Dup {
		f.knownDup[id] = dup
	}
	for class, id := range d.UnkDict.Index {
		f.unkIndex[byte(class)] = id
	}
	for class, dup := range d.UnkDict.IndexDup {
		f.unkDup[byte(class)] = dup
	}
	f.noun, f.excluded = make([]bool, len(f.names)), make([]bool, len(f.names))
	for id, name := range f.names {
		f.noun[id], f.excluded[id] = name == "名詞", excludedNouns[name]
	}
	return f
}

func dictFields() *fields {
	s, err := shared()
	if err != nil {
		// tokenizer.New fails on a dictionary without a connection
		// table only: not IPA's.
		panic(fmt.Sprintf("jatok: %v", err))
	}
	return s.fields
}

// POSAt returns t.POS()[i], or "" when t has no i-th POS field, without
// building the slice. t must come from Tokenizer.
func POSAt(t tokenizer.Token, i int) string { return dictFields().posAt(t.Class, t.ID, i) }

// BaseForm is t.BaseForm() without its map look-up. t must come from
// Tokenizer.
func BaseForm(t tokenizer.Token) (string, bool) { return dictFields().baseForm(t.Class, t.ID) }

// KnownWords is the number of words in the dictionary: the known words'
// ids are 0 to KnownWords()-1.
func KnownWords() int { return len(dictFields().HasBase) }

// KnownBaseForm is the base form of the known word id, as BaseForm gives
// it for a token of that word.
func KnownBaseForm(id int) (string, bool) { return dictFields().baseForm(tokenizer.KNOWN, id) }

// posAt is POSAt of the token of class c and id.
func (f *fields) posAt(c tokenizer.TokenClass, id, i int) string {
	switch c {
	case tokenizer.KNOWN:
		if ids := f.KnownPOS(id); i < len(ids) {
			return f.names[ids[i]]
		}
	case tokenizer.UNKNOWN:
		feature := f.dict.UnkDict.Contents[id]
		if f.unkPOSStart < f.unkPOSEnd && f.unkPOSEnd <= len(feature) && i < f.unkPOSEnd-f.unkPOSStart {
			return feature[f.unkPOSStart+i]
		}
	}
	return "" // a user dictionary's or a dummy token: Tokenizer has neither
}

// baseForm is BaseForm of the token of class c and id: its feature at the
// base form's index, read as Token.FeatureAt reads it.
func (f *fields) baseForm(c tokenizer.TokenClass, id int) (string, bool) {
	switch c {
	case tokenizer.KNOWN:
		return f.KnownBaseForm(id)
	case tokenizer.UNKNOWN:
		i := f.unkBase
		if i < 0 || len(f.dict.UnkDict.Contents) <= id || i >= len(f.dict.UnkDict.Contents[id]) {
			return "", false
		}
		return f.dict.UnkDict.Contents[id][i], true
	}
	return "", false
}

// excludedNouns are the noun subclasses that are not terms: numbers,
// dependent nouns (こと, ため), pronouns and suffixes (様, 年, 件).
var excludedNouns = map[string]bool{"数": true, "非自立": true, "代名詞": true, "接尾": true}

// NounTerm returns the term of a token when it is one: a noun not of an
// excluded subclass, in base form, of at least two characters and not
// made of digits and symbols only. t must come from Tokenizer.
func NounTerm(t tokenizer.Token) (string, bool) {
	return dictFields().nounTerm(t.Class, t.ID, t.Surface)
}

// nounTerm is NounTerm of the token of class c, id and surface.
func (f *fields) nounTerm(c tokenizer.TokenClass, id int, surface string) (string, bool) {
	if c == tokenizer.KNOWN {
		// The POS fields by their name ids, with no string compared.
		pos := f.KnownPOS(id)
		if len(pos) == 0 || !f.noun[pos[0]] || len(pos) > 1 && f.excluded[pos[1]] {
			return "", false
		}
	} else if f.posAt(c, id, 0) != "名詞" || excludedNouns[f.posAt(c, id, 1)] {
		return "", false
	}
	term, ok := f.baseForm(c, id)
	if !ok || term == "" || term == "*" {
		term = surface
	}
	term = strings.TrimSpace(term)
	if utf8.RuneCountInString(term) < 2 {
		return "", false
	}
	for _, r := range term {
		if unicode.IsLetter(r) {
			return term, true
		}
	}
	return "", false
}

// NounTerms returns the noun terms of text in order, repeats included.
// A piece (sentence) that comes again, in this text (a notice's title is
// also its text's first line) or in a recent one, is tokenized once:
// kagome gives the same tokens for the same text (see pieceMemo).
func NounTerms(text string) ([]string, error) { return AppendNounTerms(nil, text) }

// AppendNounTerms appends the noun terms of text to out, as NounTerms
// finds them: a caller that reads several texts (a title and an opening)
// gets their terms in one slice, none of the texts copied into another.
// The pieces of a text are cut one by one, never gathered in a slice.
func AppendNounTerms(out []string, text string) ([]string, error) {
	st, err := shared()
	if err != nil {
		return out, err
	}
	f := st.fields
	for rest := text; rest != ""; {
		var s string
		s, rest = cutSentence(rest)
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		terms, ok, miss := pieces.Find(s)
		if ok {
			out = append(out, terms...)
			continue
		}
		from := len(out)
		out = f.appendNounTerms(out, s)
		if miss.Keep() {
			// A copy of its own, with no room to grow into: out grows on.
			pieces.AddMissed(miss, strings.Clone(s), append([]string(nil), out[from:]...))
		}
	}
	return out, nil
}

// appendNounTerms appends the noun terms of s to out. It reads the
// tokens Tokenizer.Tokenize would give (normal mode, no user dictionary,
// BOS and EOS left out) from bestPath, in place: Tokenize builds a Token
// slice, and counts the runes of every surface, for every piece.
func (f *fields) appendNounTerms(out []string, s string) []string {
	v := viterbis.Get().(*viterbi)
	defer viterbis.Put(v)
	for _, k := range f.bestPath(v, s) {
		n := &v.nodes[k]
		if term, ok := f.nounTerm(tokenizer.TokenClass(n.class), int(n.id), s[n.from:n.to]); ok {
			out = append(out, term)
		}
	}
	return out
}

// MaxSentence bounds the pieces handed to kagome: its lattice is much
// faster on sentence-sized input than on a whole text.
const MaxSentence = 256

// Sentences splits text at sentence ends (。！？!?) and line breaks, and
// cuts a longer piece at a comma or space, or at MaxSentence characters;
// the pieces are trimmed of spaces, and empty ones left out.
func Sentences(text string) []string {
	var out []string
	for rest := text; rest != ""; {
		var s string
		s, rest = cutSentence(rest)
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// cutSentence returns the first piece of text, untrimmed, and the rest
// (see Sentences). A byte that is not UTF-8 is one character of one byte,
// as range reads it.
func cutSentence(text string) (piece, rest string) {
	n := 0
	for i, r := range text {
		n++
		switch {
		case r == '。' || r == '！' || r == '？' || r == '!' || r == '?' || r == '\n':
		case n >= MaxSentence/2 && (r == '、' || r == ' ' || r == '　'):
		case n >= MaxSentence:
		default:
			continue
		}
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, size = utf8.DecodeRuneInString(text[i:])
		}
		return text[:i+size], text[i+size:]
	}
	return text, ""
}
