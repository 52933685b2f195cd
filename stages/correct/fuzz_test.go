package correct

import (
	"strings"
	"testing"
)

// FuzzRead: any file either is refused whole or read; no row panics, and
// every row of a read file with a value is valid or rejected, never lost.
func FuzzRead(f *testing.F) {
	f.Add(sheet)
	f.Add("notice_id,field,value\naaaaaaaaaaaaaaaaaaaa,data_types,name;x\n")
	f.Add("case_id,field,value\n2023-1,published_date,2023/13/1\n\"broken")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Read(strings.NewReader(in), "f.csv")
		if err != nil {
			return
		}
		n := notice("aaaaaaaaaaaaaaaaaaaa", "a.txt", 0)
		n.CaseID = "2023-1"
		s.Apply(n)
		rows := s.Rows(nil)
		if len(rows) < s.Len() || len(s.Rejects()) != len(s.invalid) {
			t.Errorf("%d rows for %d corrections, %d rejects for %d invalid", len(rows), s.Len(), len(s.Rejects()), len(s.invalid))
		}
	})
}
