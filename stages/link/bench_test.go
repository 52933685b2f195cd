package link

import (
	"fmt"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// benchNotices are n incident notices: the shape of a feed of short
// notices (one organization named by many, dates spread over years, a
// count each), with every tenth a follow-up of a blog case.
func benchNotices(n, orgs int) []*schemas.Notice {
	notices := make([]*schemas.Notice, n)
	start := schemas.MustDate("2020-01-01")
	for i := range notices {
		org := ""
		if orgs > 0 {
			org = fmt.Sprintf("架空株式会社%d", i%orgs)
		}
		caseID := ""
		if i%10 == 0 {
			caseID = fmt.Sprintf("2023-%03d", i%997)
		}
		nt := notice(fmt.Sprintf("n%d", i), caseID, org, "", "unauthorized_access", nil)
		nt.SourcePath = fmt.Sprintf("feed-%d.jsonl", i/50_000) // a few big files
		nt.PublishedDate = start.AddDays(i % 1500)
		nt.AffectedCount = i64(int64(i))
		nt.DataTypes = []string{"name"}
		notices[i] = nt
	}
	return notices
}

// BenchmarkLink links 300k notices: of no organization named (the JSON
// Lines file of bench-hostile: each its own incident), of 300k
// organizations, and of 50 (long-lived organizations reporting again and
// again).
func BenchmarkLink(b *testing.B) {
	for _, orgs := range []int{0, 300_000, 50} {
		notices := benchNotices(300_000, orgs)
		b.Run(fmt.Sprintf("orgs=%d", orgs), func(b *testing.B) {
			for b.Loop() {
				l := NewLinker()
				for _, n := range notices {
					l.Add(n)
				}
				l.Incidents()
			}
		})
	}
}

// BenchmarkSnapshot takes and restores the snapshot of a linker of 100k
// notices of 100k organizations (the 100k bench corpus's shape), against
// linking them again from their compact forms as a rerun did.
func BenchmarkSnapshot(b *testing.B) {
	notices := benchNotices(100_000, 100_000)
	l := NewLinker()
	var compact [][]byte
	for _, n := range notices {
		l.Add(n)
		compact = append(compact, AppendCompact(nil, n))
	}
	snap, _ := l.AppendSnapshot(nil)
	b.Run("append", func(b *testing.B) {
		for b.Loop() {
			l.AppendSnapshot(nil)
		}
	})
	b.Run("restore", func(b *testing.B) {
		b.SetBytes(int64(len(snap)))
		for b.Loop() {
			if _, err := RestoreLinker(snap); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("relink", func(b *testing.B) {
		for b.Loop() {
			r := NewLinker()
			for _, c := range compact {
				r.AddKept(&Kept{Compact: c})
			}
		}
	})
}
