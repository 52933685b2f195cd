package parquetio

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/schemas"
)

// corpusText is the seed corpus as one string: real Japanese notice text,
// so the benchmarks compress what a run compresses.
func corpusText(tb testing.TB) string {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.txt"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("seed corpus: %v (%d files)", err, len(paths))
	}
	var sb strings.Builder
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		sb.Write(b)
	}
	return sb.String()
}

// cut returns about n bytes of s from off (wrapping), on rune boundaries.
func cut(s string, off, n int) string {
	off %= len(s) - n
	for off > 0 && !utf8.RuneStart(s[off]) {
		off--
	}
	end := off + n
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	return s[off:end]
}

// benchNotices builds n notices shaped like a 10k-corpus run's: texts of
// 1–7 KB, a few evidence sentences, data types and a score of terms.
func benchNotices(tb testing.TB, n int) []schemas.Notice {
	text := corpusText(tb)
	out := make([]schemas.Notice, n)
	for i := range out {
		size := 1000 + (i*7919)%6000
		body := cut(text, i*104729, size)
		c := schemas.Causes[i%len(schemas.Causes)]
		seq, delay, count := int32(1+i%3), int32(i%90), int64(100+i*37)
		nt := schemas.Notice{
			NoticeID: fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15), SourcePath: fmt.Sprintf("%03d_notices.txt", i/10),
			SegmentIndex: int32(i % 10), Format: "txt", Encoding: "utf-8", Title: cut(text, i*31, 60),
			Text: body, OriginalText: body + "\n", IsIncident: i%13 != 0, ReportSeq: &seq,
			Organization: fmt.Sprintf("株式会社サンプル%d", i%500), PublishedDate: schemas.DateFromDays(int32(19000 + i%1500)),
			DiscoveredDate: schemas.DateFromDays(int32(18990 + i%1500)), AffectedCount: &count, Cause: c.Name,
			VerisAction: c.Veris, TSRCategory: c.TSR, Sector: string(rune('A' + i%20)), DisclosureDelayDays: &delay,
			IncidentID:           fmt.Sprintf("inc-%06d", i/2),
			OrganizationEvidence: cut(text, i*17, 120), CauseEvidence: cut(text, i*23, 150), CountEvidence: cut(text, i*29, 90),
		}
		if i%4 == 0 {
			nt.URL = fmt.Sprintf("https://example.jp/news/%d", i)
			nt.CaseID = fmt.Sprintf("2023-%03d", i%1000)
		}
		for k := 0; k < 1+i%4; k++ {
			nt.DataTypes = append(nt.DataTypes, schemas.DataTypes[(i+k*5)%len(schemas.DataTypes)])
		}
		for k := 0; k < 25; k++ {
			nt.Terms = append(nt.Terms, cut(text, i*k*13+k, 6))
		}
		out[i] = nt
	}
	return out
}

// benchTimeline builds n timeline rows: short ids and a sentence each.
func benchTimeline(tb testing.TB, n int) []schemas.TimelineRow {
	text := corpusText(tb)
	kinds := []string{schemas.EventPublished, schemas.EventDiscovered, schemas.EventOccurred, schemas.EventOther}
	out := make([]schemas.TimelineRow, n)
	for i := range out {
		out[i] = schemas.TimelineRow{NoticeID: fmt.Sprintf("%016x", uint64(i/5)*0x9e3779b97f4a7c15),
			IncidentID: fmt.Sprintf("inc-%06d", i/9), Seq: int32(i % 5),
			Event: schemas.Event{Kind: kinds[i%len(kinds)], Date: schemas.DateFromDays(int32(19000 + i%1500)),
				Sentence: cut(text, i*7723, 80+(i*31)%160)}}
	}
	return out
}

// benchWrite appends rows one at a time, as the pipeline's collector does.
func benchWrite[R any](b *testing.B, table *schemas.Table[R], rows []R, size func(*R) int) {
	dir := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		w, err := Create(dir, table, size)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Append(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// The file's size beside the time: a faster setting that makes the
	// tables much larger is no gain.
	fi, err := os.Stat(filepath.Join(dir, table.Name, PartName(0)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(fi.Size()), "file-bytes")
}

// BenchmarkWriteNotices: 5000 notices, three row groups.
func BenchmarkWriteNotices(b *testing.B) {
	rows := benchNotices(b, 5000)
	benchWrite(b, schemas.NoticesTable, rows, func(n *schemas.Notice) int { return len(n.Text) + len(n.OriginalText) + 512 })
}

// BenchmarkWriteTimeline: 25000 events, thirteen row groups.
func BenchmarkWriteTimeline(b *testing.B) {
	benchWrite(b, schemas.TimelineTable, benchTimeline(b, 25000), nil)
}

// tinyNotices builds n notices shaped like a JSON Lines feed of one-line
// records (make bench-hostile's jsonl-records): a sentence of text, a url
// and ids of their own, so the per-row-group and per-column costs weigh
// more than the bytes.
func tinyNotices(tb testing.TB, n int) []schemas.Notice {
	text := corpusText(tb)
	out := make([]schemas.Notice, n)
	for i := range out {
		body := cut(text, i*104729, 150)
		count := int64(10 + i%1000)
		out[i] = schemas.Notice{
			NoticeID: fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15), SourcePath: "feed.jsonl",
			SegmentIndex: int32(i), Format: "jsonl", Encoding: "utf-8", URL: fmt.Sprintf("https://example.jp/n/%d", i),
			Title: cut(text, i*31, 40), Text: body, OriginalText: body, IsIncident: true,
			PublishedDate: schemas.DateFromDays(int32(19000 + i%1500)), AffectedCount: &count,
			Cause: schemas.Causes[i%len(schemas.Causes)].Name, IncidentID: fmt.Sprintf("%016x", uint64(i)*0x51afd7ed558ccd),
			DataTypes: []string{schemas.DataTypes[i%len(schemas.DataTypes)]}, Terms: []string{"不正", "アクセス", "個人", "情報"},
			CountEvidence: body, FieldSources: map[string]string{"affected_count": "rule:count", "cause": "rule:cause"},
		}
	}
	return out
}

// BenchmarkWriteTinyNotices: 20000 one-sentence notices.
func BenchmarkWriteTinyNotices(b *testing.B) {
	benchWrite(b, schemas.NoticesTable, tinyNotices(b, 20000), func(n *schemas.Notice) int { return len(n.Text) + len(n.OriginalText) + 512 })
}

// BenchmarkRecordTinyNotices: one row group's Arrow record of 8,192
// one-sentence notices, built as the writer builds it (recycled buffers).
func BenchmarkRecordTinyNotices(b *testing.B) {
	rows := tinyNotices(b, DefaultRowGroup)
	var mem recycler
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		schemas.NoticesTable.Record(&mem, rows).Release()
	}
}

// BenchmarkWriteNoticeParts: 5000 notices in parts of 2,048 rows, a
// writer each, as the pipeline writes the notices table: the parts'
// writers each with buffers of their own, or passing them on.
func BenchmarkWriteNoticeParts(b *testing.B) {
	rows := benchNotices(b, 5000)
	size := func(n *schemas.Notice) int { return len(n.Text) + len(n.OriginalText) + 512 }
	const partRows = 2048
	for _, shared := range []bool{false, true} {
		b.Run(map[bool]string{false: "own", true: "shared"}[shared], func(b *testing.B) {
			dir := b.TempDir()
			b.ReportAllocs()
			for range b.N {
				var bufs Buffers
				for part := 0; part*partRows < len(rows); part++ {
					var w *Writer[schemas.Notice]
					var err error
					if shared {
						w, err = CreateShared(dir, schemas.NoticesTable, part, size, &bufs)
					} else {
						w, err = CreatePart(dir, schemas.NoticesTable, part, size)
					}
					if err != nil {
						b.Fatal(err)
					}
					for _, r := range rows[part*partRows : min((part+1)*partRows, len(rows))] {
						if err := w.Append(r); err != nil {
							b.Fatal(err)
						}
					}
					if err := w.Close(); err != nil {
						b.Fatal(err)
					}
				}
				bufs.Drop()
			}
		})
	}
}
