// Package text is what every field extractor reads a notice with: its
// sentences (SplitSentences, with the heading each sits under), the word
// lists and their prefilters (WordList, NewListIndex), kagome's morphemes
// (Morphs, SpansOf), the segment's time budget (Watch, ErrBudget), the
// shared text rules of rules/text (heading and bullet marks, thresholds)
// and the string, number and regexp helpers the rule files are read with.
//
// A sentence carries no parsed field: each field package reads what it
// needs from its text.
package text
