package pipeline

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// fillEvery sets every field of v (a pointer to a struct) to a value of its
// own, not zero, recursing into structs, slices, maps and pointers: a field
// the codec forgets comes back zero and fails the comparison.
func fillEvery(t *testing.T, v reflect.Value, seed *int) {
	t.Helper()
	*seed++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("値%d", *seed))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int32, reflect.Int64:
		v.SetInt(int64(-*seed * 1000))
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fillEvery(t, p.Elem(), seed)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fillEvery(t, s.Index(i), seed)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fillEvery(t, k, seed)
			fillEvery(t, e, seed)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[schemas.Date]() {
			v.Set(reflect.ValueOf(schemas.DateFromDays(int32(19000 + *seed))))
			return
		}
		for i := range v.NumField() {
			fillEvery(t, v.Field(i), seed)
		}
	default:
		t.Fatalf("fillEvery: no value for a %s: teach it (and the batch codec) this kind", v.Type())
	}
}

func TestBatchCodecRoundTrip(t *testing.T) {
	var full schemas.Notice
	seed := 0
	fillEvery(t, reflect.ValueOf(&full).Elem(), &seed)
	var reject schemas.Reject
	fillEvery(t, reflect.ValueOf(&reject).Elem(), &seed)
	zero, zeroCount := int32(0), int64(0)
	cases := []struct {
		name  string
		batch fileBatch
	}{
		{"every field set", fileBatch{Notices: []schemas.Notice{full}, Rejects: []schemas.Reject{reject}, Keys: []string{"k1"}}},
		{"nil and empty differ", fileBatch{Notices: []schemas.Notice{
			{DataTypes: nil, Terms: []string{}, Labels: []string{""}, FieldSources: map[string]string{}, Events: []schemas.Event{}},
			{DataTypes: []string{}, FieldSources: nil, Events: nil},
		}, Keys: []string{"", ""}}},
		{"pointers to zero are not nil", fileBatch{Notices: []schemas.Notice{
			{ReportSeq: &zero, DisclosureDelayDays: &zero, AffectedCount: &zeroCount, PublishedDate: schemas.DateFromDays(0)},
		}}},
		{"empty", fileBatch{}},
		{"rejects only", fileBatch{Rejects: []schemas.Reject{reject, {Segment: -1}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := decodeBatch(encodeBatch(c.batch))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.batch) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, c.batch)
			}
		})
	}
}

// TestEncodeBatchBuffersReused: the encoder reuses its buffers from batch
// to batch, yet a batch encoded earlier (its copy, or a line framed from
// it) still decodes to what it was after later, larger and smaller ones.
func TestEncodeBatchBuffersReused(t *testing.T) {
	var full schemas.Notice
	seed := 0
	fillEvery(t, reflect.ValueOf(&full).Elem(), &seed)
	big := full
	big.Text = strings.Repeat("漏えい", 20000)
	batches := []fileBatch{
		{Notices: []schemas.Notice{full}, Keys: []string{"k1"}},
		{Notices: []schemas.Notice{big, full}, Keys: []string{"k2", "k3"}},
		{Notices: []schemas.Notice{{NoticeID: "small"}}, Keys: []string{"k4"}},
	}
	var kept, lines [][]byte
	for _, b := range batches {
		kept = append(kept, encodeBatch(b))
		withEncodedBatch(b, func(data []byte) { lines = append(lines, indexLine('B', "f\x00f", data)) })
	}
	for i, b := range batches {
		_, _, data, ok := splitIndexLine(lines[i])
		for _, enc := range [][]byte{kept[i], data} {
			got, err := decodeBatch(enc)
			if !ok || err != nil {
				t.Fatalf("batch %d: ok %v, %v", i, ok, err)
			}
			if !reflect.DeepEqual(got, b) {
				t.Errorf("batch %d changed after later batches were encoded", i)
			}
		}
	}
}

// BenchmarkEncodeBatch: a batch of 256 one-sentence notices, as the file
// index records a JSON Lines feed of tiny records; allocs/op and B/op are
// what the GC pays per batch.
func BenchmarkEncodeBatch(b *testing.B) {
	batch := fileBatch{Notices: make([]schemas.Notice, 256), Keys: make([]string, 256)}
	for i := range batch.Notices {
		text := fmt.Sprintf("令和5年1月%d日、当社において不正アクセスが発生し、お客様%d名の個人情報が漏えいした可能性があります。", i%28+1, i)
		batch.Notices[i] = schemas.Notice{NoticeID: fmt.Sprintf("%016x", i), SourcePath: "feed.jsonl", Format: "jsonl",
			Text: text, OriginalText: text, Title: text[:30], FieldSources: map[string]string{"cause": "rule:cause"},
			Events: []schemas.Event{{Kind: schemas.EventOccurred, Date: schemas.DateFromDays(19000), Sentence: text}}}
		batch.Keys[i] = fmt.Sprintf("%064x", i)
	}
	b.ReportAllocs()
	for b.Loop() {
		withEncodedBatch(batch, func(data []byte) { _ = indexLine('B', "feed.jsonl\x00feed.jsonl", data) })
	}
}

// TestEncodeBatchAllocationsPerBatch: encoding a batch allocates per batch,
// not per notice, even for notices whose field_sources has a dozen keys
// (sorted on the stack) and a batch larger than the pooled buffers.
func TestEncodeBatchAllocationsPerBatch(t *testing.T) {
	batch := func(n int) fileBatch {
		b := fileBatch{Notices: make([]schemas.Notice, n)}
		for i := range b.Notices {
			text := strings.Repeat("個人情報が漏えいした可能性があります。", 1+i%4)
			sources := map[string]string{}
			for _, f := range []string{"organization", "organization_key", "cause", "veris_action", "tsr_category", "sector",
				"published_date", "discovered_date", "occurred_date", "affected_count", "data_types", "is_incident"} {
				sources[f] = "rule:" + f
			}
			b.Notices[i] = schemas.Notice{NoticeID: fmt.Sprint(i), Text: text, OriginalText: text, FieldSources: sources}
		}
		return b
	}
	allocs := func(b fileBatch) float64 {
		return testing.AllocsPerRun(5, func() { withEncodedBatch(b, func([]byte) {}) })
	}
	// A batch past maxScratchBytes allocates its plain and packed buffers
	// anew (the pool does not keep them), and a GC in between empties the
	// pool: a few allocations a batch either way, where one a notice
	// would add hundreds. Under the whole suite a warm pool gave the small
	// batch 0 and the large one 3.
	small, large := allocs(batch(256)), allocs(batch(1024))
	if large > small+8 || small > 8 {
		t.Errorf("a batch of 256 notices costs %.0f allocations, of 1024 %.0f: some are per notice", small, large)
	}
}

// TestBatchCodecDamaged: a torn or altered batch is an error, never a
// panic or a huge allocation.
func TestBatchCodecDamaged(t *testing.T) {
	var n schemas.Notice
	seed := 0
	fillEvery(t, reflect.ValueOf(&n).Elem(), &seed)
	data := encodeBatch(fileBatch{Notices: []schemas.Notice{n, n}, Keys: []string{"a", "b"}})
	for cut := range len(data) {
		if _, err := decodeBatch(data[:cut]); err == nil {
			t.Fatalf("a batch cut at %d of %d bytes decoded", cut, len(data))
		}
	}
	for _, junk := range [][]byte{nil, {0xff}, {0, 0, 0}, []byte("not a batch at all")} {
		if _, err := decodeBatch(junk); err == nil {
			t.Errorf("%q decoded", junk)
		}
	}
}

// FuzzDecodeBatch: whatever the bytes, decodeBatch returns a batch or an
// error.
func FuzzDecodeBatch(f *testing.F) {
	f.Add(encodeBatch(fileBatch{Notices: []schemas.Notice{{NoticeID: "n", Text: "本文", Events: []schemas.Event{{Kind: "k"}}}}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeBatch(data)
	})
}

// TestBatchCodecHugeLength: a damaged header that claims gigabytes is
// refused before anything is allocated for it.
func TestBatchCodecHugeLength(t *testing.T) {
	huge := binary.AppendUvarint(nil, 0xfffffff0) // S2's header: the decoded length
	huge = append(huge, 0, 0, 0, 0)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := decodeBatch(huge); err == nil {
		t.Fatal("a 4 GB batch decoded")
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("%d bytes allocated for a refused batch", grew)
	}
}
