package pipeline

import (
	"testing"

	"github.com/breachtrend/breachtrend/stages/load"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// TestBatchArraysReusedCleared: a prepared batch's raw segments and
// documents go back for the next batch, which starts with their arrays,
// empty and holding no text of the batch before.
func TestBatchArraysReusedCleared(t *testing.T) {
	for try := 0; ; try++ {
		var raw []rawSegment
		var docs []load.Document
		for i := range 40 {
			docs = appendDoc(docs, load.Document{Source: "feed.jsonl", Line: i + 1, Text: "本文"})
			raw = appendRaw(raw, rawSegment{doc: int32(i), seg: segment.Segment{Text: "本文"}, index: int32(i)})
		}
		rawCap, docsCap := cap(raw), cap(docs)
		recycleRaw(raw, docs)
		// The next batch: its first append takes a recycled array.
		nextRaw := appendRaw(nil, rawSegment{index: 99})
		nextDocs := appendDoc(nil, load.Document{Line: 99})
		if cap(nextRaw) >= rawCap && cap(nextDocs) >= docsCap {
			if len(nextRaw) != 1 || nextRaw[0].index != 99 || len(nextDocs) != 1 || nextDocs[0].Line != 99 {
				t.Fatalf("next batch starts with %d segments, %d documents; want only its own", len(nextRaw), len(nextDocs))
			}
			for i, r := range nextRaw[1:cap(nextRaw)] {
				if r.seg.Text != "" {
					t.Fatalf("recycled segment %d still holds text %q", i+1, r.seg.Text)
				}
			}
			for i, d := range nextDocs[1:cap(nextDocs)] {
				if d.Text != "" || d.Source != "" {
					t.Fatalf("recycled document %d still holds %q", i+1, d.Text)
				}
			}
			return
		}
		// sync.Pool may drop what it holds at a GC, and under the race
		// detector drops a quarter of what is put in on purpose (both
		// arrays come back in 56% of tries: 4 tries failed 3.7% of -race
		// runs, as CI's did once): try again.
		if try == 40 {
			t.Fatalf("the next batch got new arrays (cap %d, %d), not the recycled ones (cap %d, %d)",
				cap(nextRaw), cap(nextDocs), rawCap, docsCap)
		}
	}
}

// TestNoticeIDFormat pins the notice id: the first 20 hex digits of the
// SHA-256 of the source path, a zero byte, the segment index (4 bytes big
// endian) and the normalized text. Ids are in the tables and key the
// caches, so computing them another way must not change them.
func TestNoticeIDFormat(t *testing.T) {
	// python3: hashlib.sha256("feed.jsonl".encode() + b"\x00" +
	// struct.pack(">I", 7) + "不正アクセスが発生しました。".encode()).hexdigest()[:20]
	const want = "f872e8de03e38ca3dcb7"
	if got := noticeID("feed.jsonl", 7, "不正アクセスが発生しました。"); got != want {
		t.Errorf("noticeID = %s, want %s", got, want)
	}
}
