package jatok

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/breachtrend/breachtrend/internal/ipadict"
)

// compactState is the tokenizer and fields as a run builds them from the
// compact file: written from kagome's zip, then read back.
func compactState(t testing.TB) state {
	t.Helper()
	c := ipadict.Cache{Path: filepath.Join(t.TempDir(), ipadict.FileName), Key: "jatok test"}
	if _, _, src, why := c.Load(ipa.Dict); src != ipadict.Written {
		t.Fatalf("writing the compact file: %v (%v)", src, why)
	}
	d, tables, err := c.Read()
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.New(d, tokenizer.OmitBosEos())
	if err != nil {
		t.Fatal(err)
	}
	return state{tok: tok, fields: newFields(d, tables), source: ipadict.Cached}
}

// TestCompactAsKagome: the tokenizer built from the compact file gives
// every token (surface, class, id, position) of kagome's own, and jatok's
// POSAt, BaseForm, NounTerm and noun terms read the same from it, for
// every text of the sample corpus and of ../shared/corpus/dev, by
// sentence (as extraction hands them over) and whole.
func TestCompactAsKagome(t *testing.T) {
	slow, err := shared() // kagome's zip, features kept (TestMain)
	if err != nil {
		t.Fatal(err)
	}
	if slow.source != ipadict.Slow || slow.fields.dict.Contents == nil {
		t.Fatal("the shared tokenizer is not kagome's own")
	}
	compact := compactState(t)
	if compact.fields.dict == slow.fields.dict || compact.fields.dict.Contents != nil {
		t.Fatal("the compact dictionary is kagome's")
	}
	t.Run("sample", func(t *testing.T) { sameTokens(t, slow, compact, sampleTexts(t)) })
	t.Run("dev", func(t *testing.T) {
		sameTokens(t, slow, compact, devTexts(t))
	})
}

// sameTokens fails t at the first token of texts on which a and b differ.
func sameTokens(t *testing.T, a, b state, texts []string) {
	t.Helper()
	tokens, classes := 0, map[tokenizer.TokenClass]int{}
	for _, text := range texts {
		for _, s := range append(Sentences(text), text) {
			ta, tb := a.tok.Tokenize(s), b.tok.Tokenize(s)
			if len(ta) != len(tb) {
				t.Fatalf("%.40q: %d tokens from kagome's dictionary, %d from the compact one", s, len(ta), len(tb))
			}
			for i := range ta {
				x, y := ta[i], tb[i]
				tokens++
				classes[x.Class]++
				if x.Surface != y.Surface || x.Class != y.Class || x.ID != y.ID || x.Position != y.Position ||
					x.Start != y.Start || x.End != y.End {
					t.Fatalf("%.40q token %d: %+v, compact %+v", s, i, x, y)
				}
				for j := range 6 {
					if pa, pb := a.fields.posAt(x.Class, x.ID, j), b.fields.posAt(y.Class, y.ID, j); pa != pb {
						t.Fatalf("%q: POSAt(%d) %q, compact %q", x.Surface, j, pa, pb)
					}
				}
				ba, oka := a.fields.baseForm(x.Class, x.ID)
				bb, okb := b.fields.baseForm(y.Class, y.ID)
				if ba != bb || oka != okb {
					t.Fatalf("%q: BaseForm %q %v, compact %q %v", x.Surface, ba, oka, bb, okb)
				}
				na, oka := a.fields.nounTerm(x.Class, x.ID, x.Surface)
				nb, okb := b.fields.nounTerm(y.Class, y.ID, y.Surface)
				if na != nb || oka != okb {
					t.Fatalf("%q: NounTerm %q %v, compact %q %v", x.Surface, na, oka, nb, okb)
				}
			}
			if na, nb := a.fields.appendNounTerms(nil, s), b.fields.appendNounTerms(nil, s); !slices.Equal(na, nb) {
				t.Fatalf("%.40q: noun terms %q, compact %q", s, na, nb)
			}
		}
	}
	if classes[tokenizer.KNOWN] == 0 || classes[tokenizer.UNKNOWN] == 0 {
		t.Errorf("token classes %v: the texts lack known or unknown words", classes)
	}
	t.Logf("%d texts, %d tokens the same", len(texts), tokens)
}

// TestCompactTablesAsKagome: the compact file's tables and tokenizer parts
// are kagome's, for every word of the dictionary, not only the texts'.
func TestCompactTablesAsKagome(t *testing.T) {
	slow, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	compact := compactState(t)
	a, b := slow.fields, compact.fields
	if !slices.Equal(a.PosFrom, b.PosFrom) || !slices.Equal(a.PosIDs, b.PosIDs) || !slices.Equal(a.BaseFrom, b.BaseFrom) ||
		a.Bases != b.Bases || !slices.Equal(a.HasBase, b.HasBase) {
		t.Error("jatok's tables differ")
	}
	da, db := a.dict, b.dict
	for what, same := range map[string]bool{
		"morphs":          slices.Equal(da.Morphs, db.Morphs),
		"double array":    slices.Equal(da.Index.Da, db.Index.Da),
		"dup":             len(da.Index.Dup) == len(db.Index.Dup) && mapIn(da.Index.Dup, db.Index.Dup),
		"connection":      da.Connection.Row == db.Connection.Row && slices.Equal(da.Connection.Vec, db.Connection.Vec),
		"char categories": slices.Equal(da.CharCategory, db.CharCategory) && slices.Equal(da.CharClass, db.CharClass),
		"invoke, group":   slices.Equal(da.InvokeList, db.InvokeList) && slices.Equal(da.GroupList, db.GroupList),
		"unknown morphs":  slices.Equal(da.UnkDict.Morphs, db.UnkDict.Morphs),
		"unknown index":   mapIn(da.UnkDict.Index, db.UnkDict.Index) && mapIn(da.UnkDict.IndexDup, db.UnkDict.IndexDup),
		"unknown feature": slices.EqualFunc(da.UnkDict.Contents, db.UnkDict.Contents, slices.Equal[[]string]),
		"unknown meta":    mapIn(da.UnkDict.ContentsMeta, db.UnkDict.ContentsMeta),
		"POS names":       slices.Equal(da.POSTable.NameList, db.POSTable.NameList),
		"contents meta":   mapIn(da.ContentsMeta, db.ContentsMeta),
		"info":            *da.Info() == *db.Info(),
	} {
		if !same {
			t.Errorf("%s differ", what)
		}
	}
}

// mapIn reports whether a and b hold the same entries.
func mapIn[K, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// BenchmarkTokenizerReady is the time until a tokenizer and jatok's
// tables are ready: from kagome's embedded zip (the slow path, which a
// first run pays, read here from the module's ipa.dict, the same bytes),
// and from the compact file (every later run).
func BenchmarkTokenizerReady(b *testing.B) {
	b.Run("kagome-zip", func(b *testing.B) {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/ikawaha/kagome-dict/ipa").Output()
		if err != nil {
			b.Skipf("go list: %v", err)
		}
		path := filepath.Join(strings.TrimSpace(string(out)), "ipa.dict")
		b.ReportAllocs()
		for b.Loop() {
			d, err := dict.LoadDictFile(path)
			if err != nil {
				b.Fatal(err)
			}
			ready(b, d, ipadict.NewTables(d))
		}
	})
	b.Run("compact-file", func(b *testing.B) {
		c := ipadict.Cache{Path: filepath.Join(b.TempDir(), ipadict.FileName), Key: "jatok bench"}
		c.Load(ipa.Dict)
		b.ReportAllocs()
		for b.Loop() {
			d, tables, err := c.Read()
			if err != nil {
				b.Fatal(err)
			}
			ready(b, d, tables)
		}
	})
}

// ready builds the tokenizer and fields of d and t, as shared does.
func ready(b *testing.B, d *dict.Dict, t *ipadict.Tables) {
	d.Contents, d.POSTable.POSs = nil, nil
	if _, err := tokenizer.New(d, tokenizer.OmitBosEos()); err != nil {
		b.Fatal(err)
	}
	newFields(d, t)
}
