// Package normalize turns decoded notice text into the canonical form every
// later stage reads: NFKC, look-alike characters mapped deliberately, white
// space folded and lines broken inside sentences joined.
//
// NFKC alone is not enough for these texts (FACTS.md): it folds the Kangxi
// radicals (⽇→日) but not the CJK Radicals Supplement (⻑ ⻄ ⻘ stay), turns
// ① into a bare 1 — which glues list numbers onto counts — and leaves 〜
// apart from ～. Text maps those before NFKC. Text is idempotent:
// Text(Text(x)) == Text(x). Which spaces beside Latin words it folds is
// decided for a whole text (pdftotext's sets every Latin word apart), so
// Text of a part of a text may fold a space that Text of the whole kept.
package normalize
