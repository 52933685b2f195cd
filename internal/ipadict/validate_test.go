package ipadict

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ikawaha/kagome-dict/dict"
)

// TestValidate: each id the lattice or jatok indexes with, out of range,
// is refused by name; so Cache.Write writes no such file.
func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(d *dict.Dict, t *Tables)
		wantErr string
	}{
		{"valid", func(*dict.Dict, *Tables) {}, ""},
		{"connection of another size", func(d *dict.Dict, _ *Tables) { d.Connection.Col = 5 }, "connection matrix 3 x 5"},
		{"right id past the rows", func(d *dict.Dict, _ *Tables) { d.Morphs[1].RightID = 3 }, "morph 1: left id 1, right id 3"},
		{"negative left id", func(d *dict.Dict, _ *Tables) { d.UnkDict.Morphs[2].LeftID = -1 }, "unknown morph 2: left id -1"},
		{"duplicates past the words", func(d *dict.Dict, _ *Tables) { d.Index.Dup[3] = 2 }, "word 3 has 2 duplicates"},
		{"no char categories", func(d *dict.Dict, _ *Tables) { d.CharCategory = nil }, "0 char categories"},
		{"a category past the classes", func(d *dict.Dict, _ *Tables) { d.CharCategory['a'] = 3 }, "character U+0061: category 3 of 3"},
		{"unknown words past the list", func(d *dict.Dict, _ *Tables) { d.UnkDict.IndexDup[2] = 2 }, "category 2: unknown words 1 to 3, of 3"},
		{"unknown features missing", func(d *dict.Dict, _ *Tables) { d.UnkDict.Contents = d.UnkDict.Contents[:2] }, "3 unknown words, 2 of their features"},
		{"base flags missing", func(_ *dict.Dict, t *Tables) { t.HasBase = t.HasBase[:2] }, "5 words, 2 base form flags"},
		{"POS offsets falling", func(_ *dict.Dict, t *Tables) { t.PosFrom[2] = 1 }, "POS offsets: word 1 ends at 1, before its start 2"},
		{"base offsets past the bases", func(_ *dict.Dict, t *Tables) { t.BaseFrom[5]++ }, "base form offsets"},
		{"a POS id past the names", func(_ *dict.Dict, t *Tables) { t.PosIDs[3] = 4 }, "POS id 4 at 3, of 4 names"},
		{"double array empty", func(d *dict.Dict, _ *Tables) { d.Index.Da = nil }, "empty double array"},
		{"double array root below 0", func(d *dict.Dict, _ *Tables) { d.Index.Da[0].Base = -1 }, "double array root base -1"},
		{"a word past the words", func(d *dict.Dict, _ *Tables) { d.Index.Da[leaf(d)].Base = -5 }, "word 5 of 5"},
		{"an inner node's base below 0", func(d *dict.Dict, _ *Tables) { d.Index.Da[inner(d)].Base = -3 }, "base -3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := smallDict(t)
			tables := NewTables(d)
			tc.edit(d, tables)
			err := validate(d, tables)
			if err == nil {
				err = validateDoubleArray(d, len(d.Morphs))
			}
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("validate = %v, want an error with %q", err, tc.wantErr)
			}
			c := Cache{Path: filepath.Join(t.TempDir(), FileName), Key: "k"}
			if err := c.Write(d, tables); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Write = %v, want an error with %q", err, tc.wantErr)
			}
			if _, err := os.Stat(c.Path); err == nil {
				t.Error("Write wrote a file that does not validate")
			}
		})
	}
}

// leaf is the node of the first word reached by the double array's
// search, and inner the node of its first byte: found as the searches
// walk it.
func leaf(d *dict.Dict) int {
	da := d.Index.Da
	for q := 1; q < len(da); q++ {
		if p := int(da[q].Check); p >= 0 && p < len(da) && q == int(da[p].Base) && da[q].Base <= 0 {
			return q
		}
	}
	panic("no word in the double array")
}

func inner(d *dict.Dict) int {
	da := d.Index.Da
	for c := 1; c < 256; c++ {
		if q := int(da[0].Base) + c; q < len(da) && da[q].Check == 0 {
			return q
		}
	}
	panic("no child of the root")
}
