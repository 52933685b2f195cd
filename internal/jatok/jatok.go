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

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// Tokenizer returns the shared IPA tokenizer.
var Tokenizer = sync.OnceValues(func() (*tokenizer.Tokenizer, error) {
	return tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
})

// excludedNouns are the noun subclasses that are not terms: numbers,
// dependent nouns (こと, ため), pronouns and suffixes (様, 年, 件).
var excludedNouns = map[string]bool{"数": true, "非自立": true, "代名詞": true, "接尾": true}

// NounTerm returns the term of a token when it is one: a noun not of an
// excluded subclass, in base form, of at least two characters and not
// made of digits and symbols only.
func NounTerm(t tokenizer.Token) (string, bool) {
	pos := t.POS()
	if len(pos) == 0 || pos[0] != "名詞" || len(pos) > 1 && excludedNouns[pos[1]] {
		return "", false
	}
	term, ok := t.BaseForm()
	if !ok || term == "" || term == "*" {
		term = t.Surface
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
func NounTerms(text string) ([]string, error) {
	tok, err := Tokenizer()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range Sentences(text) {
		for _, t := range tok.Tokenize(s) {
			if term, ok := NounTerm(t); ok {
				out = append(out, term)
			}
		}
	}
	return out, nil
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
