// Package jatok holds the process's one kagome tokenizer (IPA dictionary)
// and the noun terms read with it.
//
// Building the tokenizer costs ~0.6 s and ~88 MiB, and a Tokenizer is safe
// for concurrent use (FACTS.md), so every package shares this one, built on
// first use: a run that needs no tokenizing (a rerun served from the
// cache) never pays for it.
package jatok

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
	"github.com/ikawaha/kagome/v2/tokenizer/lattice"
)

// Tokenizer returns the shared IPA tokenizer.
var Tokenizer = sync.OnceValues(func() (*tokenizer.Tokenizer, error) {
	return tokenizer.New(Dictionary(), tokenizer.OmitBosEos())
})

// Dictionary returns the tokenizer's dictionary, for what the tokens'
// features hold: ipa.Dict loads it once and returns the same one on every
// call.
func Dictionary() *dict.Dict { return ipa.Dict() }

// fields locates a token's features in the dictionary, so that they are
// read where they are kept: Token.POS builds a new slice on every call,
// and Token.BaseForm looks its index up in a map, for every token of
// every text.
type fields struct {
	dict *dict.Dict
	// unkPOS is where the POS fields stand among an unknown word's
	// features, as Token.POS finds them: [start, end), none if start >= end.
	unkPOSStart, unkPOSEnd int
	knownBase, unkBase     int // index of the base form for FeatureAt, -1 if none
	// By POS name id: 名詞, and the noun subclasses that are no terms.
	noun, excluded []bool
}

var dictFields = sync.OnceValue(func() *fields {
	d := Dictionary()
	f := &fields{dict: d, knownBase: -1, unkBase: -1}
	meta := d.UnkDict.ContentsMeta
	f.unkPOSEnd = 1
	if v, ok := meta[dict.POSStartIndex]; ok {
		f.unkPOSStart = int(v)
	}
	if v, ok := meta[dict.POSHierarchy]; ok {
		f.unkPOSEnd = f.unkPOSStart + int(v)
	}
	if v, ok := d.ContentsMeta[dict.BaseFormIndex]; ok {
		f.knownBase = int(v)
	}
	if v, ok := meta[dict.BaseFormIndex]; ok {
		f.unkBase = int(v)
	}
	names := d.POSTable.NameList
	f.noun, f.excluded = make([]bool, len(names)), make([]bool, len(names))
	for id, name := range names {
		f.noun[id], f.excluded[id] = name == "名詞", excludedNouns[name]
	}
	return f
})

// POSAt returns t.POS()[i], or "" when t has no i-th POS field, without
// building the slice. t must come from Tokenizer.
func POSAt(t tokenizer.Token, i int) string { return dictFields().posAt(t.Class, t.ID, i) }

// BaseForm is t.BaseForm() without its map look-up. t must come from
// Tokenizer.
func BaseForm(t tokenizer.Token) (string, bool) { return dictFields().baseForm(t.Class, t.ID) }

// posAt is POSAt of the token of class c and id.
func (f *fields) posAt(c tokenizer.TokenClass, id, i int) string {
	switch c {
	case tokenizer.KNOWN:
		if ids := f.dict.POSTable.POSs[id]; i < len(ids) {
			return f.dict.POSTable.NameList[ids[i]]
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
		i := f.knownBase
		if i < 0 {
			return "", false
		}
		pos := f.dict.POSTable.POSs[id]
		if i < len(pos) {
			if int(pos[i]) > len(f.dict.POSTable.NameList) {
				return "", false
			}
			return f.dict.POSTable.NameList[pos[i]], true
		}
		i -= len(pos)
		if len(f.dict.Contents) <= id || i >= len(f.dict.Contents[id]) {
			return "", false
		}
		return f.dict.Contents[id][i], true
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
		pos := f.dict.POSTable.POSs[id]
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
// A piece that comes again (a notice's title is also its text's first
// line) is tokenized once: kagome gives the same tokens for the same text.
func NounTerms(text string) ([]string, error) {
	if _, err := Tokenizer(); err != nil {
		return nil, err
	}
	f := dictFields()
	type done struct {
		piece    string
		from, to int // its terms in out
	}
	var out []string
	var seen []done
pieces:
	for _, s := range Sentences(text) {
		for _, d := range seen {
			if d.piece == s {
				out = append(out, out[d.from:d.to]...)
				continue pieces
			}
		}
		from := len(out)
		out = f.appendNounTerms(out, s)
		seen = append(seen, done{s, from, len(out)})
	}
	return out, nil
}

// appendNounTerms appends the noun terms of s to out. It walks kagome's
// lattice as Tokenizer.Tokenize does (normal mode, no user dictionary, BOS
// and EOS left out) but reads each node in place: Tokenize builds a Token
// slice, and counts the runes of every surface, for every piece.
func (f *fields) appendNounTerms(out []string, s string) []string {
	la := lattice.New(f.dict, nil)
	defer la.Free()
	la.Build(s)
	la.Forward(lattice.Normal)
	la.Backward(lattice.Normal)
	for i := len(la.Output) - 1; i >= 0; i-- { // Backward leaves them last first
		n := la.Output[i]
		if n.ID == lattice.BosEosID {
			continue
		}
		if term, ok := f.nounTerm(tokenizer.TokenClass(n.Class), n.ID, n.Surface); ok {
			out = append(out, term)
		}
	}
	return out
}

// MaxSentence bounds the pieces handed to kagome: its lattice is much
// faster on sentence-sized input than on a whole text.
const MaxSentence = 256

// Sentences splits text at sentence ends (。！？!?) and line breaks, and
// cuts a longer piece at a comma or space, or at MaxSentence characters.
func Sentences(text string) []string {
	var out []string
	start, n := 0, 0
	cut := func(end int) {
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
		start, n = end, 0
	}
	for i, r := range text {
		n++
		end := i + utf8.RuneLen(r)
		switch {
		case r == '。' || r == '！' || r == '？' || r == '!' || r == '?' || r == '\n':
			cut(end)
		case n >= MaxSentence/2 && (r == '、' || r == ' ' || r == '　'):
			cut(end)
		case n >= MaxSentence:
			cut(end)
		}
	}
	cut(len(text))
	return out
}
