package cause

import (
	"testing"

	"github.com/ikawaha/kagome-dict/dict"

	"github.com/breachtrend/breachtrend/internal/jatok"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// dictSurfaces maps each word of the tokenizer's dictionary (by id, a
// word's homographs included) to its surface, read from the double array
// of its index.
func dictSurfaces(d *dict.Dict) map[int]string {
	da := d.Index.Da
	out := map[int]string{}
	var walk func(p int, prefix []byte)
	walk = func(p int, prefix []byte) {
		base := int(da[p].Base)
		for c := 0; c < 256; c++ {
			q := base + c
			if q < 0 || q >= len(da) || int(da[q].Check) != p {
				continue
			}
			if c == 0 { // the terminator: a word ends here
				if id := int(-da[q].Base); da[q].Base <= 0 {
					for k := id; k <= id+int(d.Index.Dup[int32(id)]); k++ {
						out[k] = string(prefix)
					}
				}
				continue
			}
			walk(q, append(prefix, byte(c)))
		}
	}
	walk(0, nil)
	return out
}

// TestLemmaStems checks that cause tokenizes every sentence that may hold a
// lemma cue: each token whose base form is a cue's holds one of lemmaStems
// in its surface. A token's base form is its dictionary word's, or its
// surface when it has none (an unknown word), so the dictionary's words of
// those base forms, and the base forms themselves, must hold a stem.
func TestLemmaStems(t *testing.T) {
	d := jatok.Dictionary()
	if _, ok := d.UnkDict.ContentsMeta[dict.BaseFormIndex]; ok {
		t.Fatal("unknown words have base forms: the base forms they may have need stems too")
	}
	bases := map[string]bool{}
	for _, c := range lemmaCues {
		bases[c.base] = true
		if !text.ContainsAny(c.base, lemmaStems) {
			t.Errorf("lemma %s holds no stem", c.base)
		}
	}
	surfaces := dictSurfaces(d)
	if len(surfaces) < 300000 {
		t.Fatalf("read %d words from the dictionary's index", len(surfaces))
	}
	n := 0
	for id, s := range surfaces {
		base, ok := jatok.KnownBaseForm(id)
		if !ok || !bases[base] {
			continue
		}
		n++
		if !text.ContainsAny(s, lemmaStems) {
			t.Errorf("%s (base form %s) holds no stem", s, base)
		}
	}
	if n < 50 {
		t.Errorf("only %d dictionary words of the lemmas' base forms", n)
	}
}
