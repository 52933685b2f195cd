package ipadict

import (
	"slices"
	"testing"

	"github.com/ikawaha/kagome-dict/dict"
)

// smallDict is a dictionary of a few words, with every part the IPA one
// has (duplicates in the index, unknown words of every class, features,
// info), for the tests that need no 0.6 s of IPA.
func smallDict(t testing.TB) *dict.Dict {
	t.Helper()
	words := []string{"個人", "個人情報", "情報", "情報", "流出"}
	slices.Sort(words)
	idx, err := dict.BuildIndexTable(words)
	if err != nil {
		t.Fatal(err)
	}
	d := &dict.Dict{
		Index:        idx,
		ContentsMeta: dict.ContentsMeta{dict.POSStartIndex: 0, dict.POSHierarchy: 2, dict.BaseFormIndex: 2},
		Connection:   dict.ConnectionTable{Row: 3, Col: 2, Vec: []int16{0, 1, 2, 3, 4, 5}},
		CharClass:    []string{"DEFAULT", "KANJI", "HIRAGANA"},
		CharCategory: make([]byte, 0x3100),
		InvokeList:   []bool{true, false, true},
		GroupList:    []bool{false, true, true},
		POSTable:     dict.POSTable{NameList: []string{"", "名詞", "一般", "*"}},
		UnkDict: dict.UnkDict{
			Morphs:       dict.Morphs{{LeftID: 1, RightID: 2, Weight: 100}, {LeftID: 0, RightID: 1, Weight: 200}, {LeftID: 1, RightID: 0, Weight: 300}},
			Index:        map[int32]int32{0: 0, 1: 1, 2: 1},
			IndexDup:     map[int32]int32{1: 1},
			ContentsMeta: dict.ContentsMeta{dict.POSStartIndex: 0, dict.POSHierarchy: 2},
			Contents:     dict.Contents{{"名詞", "一般", "*"}, {"名詞", "固有名詞"}, {"記号"}},
		},
	}
	for r := 0x3041; r < 0x3097; r++ {
		d.CharCategory[r] = 2
	}
	for r := 0x3005; r < 0x3008; r++ {
		d.CharCategory[r] = 1
	}
	for i, w := range words {
		d.Morphs = append(d.Morphs, dict.Morph{LeftID: int16(i % 2), RightID: int16(i % 3), Weight: int16(100 * i)})
		d.POSTable.POSs = append(d.POSTable.POSs, dict.POS{1, 2})
		if i == 3 {
			d.Contents = append(d.Contents, []string{"*"}) // no base form past the POS fields
			continue
		}
		d.Contents = append(d.Contents, []string{w, "ヨミ"})
	}
	d.SetInfo(&dict.Info{Name: "small", Src: "ipadict tests"})
	return d
}

// sameDict fails t when got's tokenizer parts differ from want's.
func sameDict(t testing.TB, got, want *dict.Dict) {
	t.Helper()
	check := func(what string, equal bool) {
		if !equal {
			t.Errorf("%s differ", what)
		}
	}
	check("morphs", slices.Equal(got.Morphs, want.Morphs))
	check("double array", slices.Equal(got.Index.Da, want.Index.Da))
	check("dup", mapsEqual(got.Index.Dup, want.Index.Dup))
	check("connection", got.Connection.Row == want.Connection.Row && got.Connection.Col == want.Connection.Col &&
		slices.Equal(got.Connection.Vec, want.Connection.Vec))
	check("char classes", slices.Equal(got.CharClass, want.CharClass))
	check("char categories", slices.Equal(got.CharCategory, want.CharCategory))
	check("invoke list", slices.Equal(got.InvokeList, want.InvokeList))
	check("group list", slices.Equal(got.GroupList, want.GroupList))
	check("unknown morphs", slices.Equal(got.UnkDict.Morphs, want.UnkDict.Morphs))
	check("unknown index", mapsEqual(got.UnkDict.Index, want.UnkDict.Index))
	check("unknown index dup", mapsEqual(got.UnkDict.IndexDup, want.UnkDict.IndexDup))
	check("unknown contents meta", mapsEqual(got.UnkDict.ContentsMeta, want.UnkDict.ContentsMeta))
	check("unknown contents", slices.EqualFunc(got.UnkDict.Contents, want.UnkDict.Contents, slices.Equal))
	check("POS names", slices.Equal(got.POSTable.NameList, want.POSTable.NameList))
	check("contents meta", mapsEqual(got.ContentsMeta, want.ContentsMeta))
	check("info", *got.Info() == *want.Info())
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// sameTables fails t when got differs from want.
func sameTables(t testing.TB, got, want *Tables) {
	t.Helper()
	if !slices.Equal(got.PosFrom, want.PosFrom) || !slices.Equal(got.PosIDs, want.PosIDs) ||
		!slices.Equal(got.BaseFrom, want.BaseFrom) || got.Bases != want.Bases || !slices.Equal(got.HasBase, want.HasBase) {
		t.Errorf("tables differ:\n got %+v\nwant %+v", got, want)
	}
}
