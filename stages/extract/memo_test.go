package extract

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// extractNoMemo is what Rules gives without a memo: the reference.
func extractNoMemo(t testing.TB, in Input) schemas.Notice {
	t.Helper()
	var n schemas.Notice
	if err := (Rules{Budget: DefaultBudget}).Extract(context.Background(), in, &n); err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return n
}

// TestMemoGivesWhatExtractionGives: every notice of the sample corpus,
// each given four times to one extractor (its first coming, a miss that
// keeps it, then hits), and in the orders a pipeline uses (a hit's
// Prepare before the kept one's Finish, or after it), comes out as an
// extractor without a memo gives it; a hit shares no slice or pointer
// with the entry or another notice.
func TestMemoGivesWhatExtractionGives(t *testing.T) {
	ctx := context.Background()
	x := New()
	notices := noticesIn(t, sampleCorpus)
	for i, sample := range notices {
		in := sample.in
		if i%3 == 0 {
			in.Published = "2024-05-01" // a loader's date is part of the key
		}
		want := extractNoMemo(t, in)
		var once, first, second, third schemas.Notice
		p0, err := x.Prepare(ctx, in, &once) // the first coming: extracted, not kept
		if err != nil {
			t.Fatal(err)
		}
		if _, hit := p0.(*memoized); hit {
			t.Errorf("notice %d: the first Prepare of an input was a memo hit", i)
		}
		if err := p0.Finish(ctx, &once); err != nil {
			t.Fatal(err)
		}
		p1, err := x.Prepare(ctx, in, &first)
		if err != nil {
			t.Fatal(err)
		}
		if _, hit := p1.(*memoized); hit {
			t.Errorf("notice %d: the second Prepare of an input was a memo hit", i)
		}
		p2, err := x.Prepare(ctx, in, &second) // before the kept one's Finish
		if err != nil {
			t.Fatal(err)
		}
		if _, hit := p2.(*memoized); !hit {
			t.Errorf("notice %d: the third Prepare of one input was no memo hit", i)
		}
		if err := p1.Finish(ctx, &first); err != nil {
			t.Fatal(err)
		}
		if err := p2.Finish(ctx, &second); err != nil {
			t.Fatal(err)
		}
		if err := x.Extract(ctx, in, &third); err != nil { // after it
			t.Fatal(err)
		}
		for k, got := range []schemas.Notice{once, first, second, third} {
			if !reflect.DeepEqual(got, want) {
				t.Errorf("notice %d (%.30q), extraction %d with the memo:\n%+v\nwithout:\n%+v", i, in.Title, k+1, got, want)
			}
		}
		// Editing a notice in place, as enrich or corrections may, leaves
		// the others and the entry alone.
		if len(first.Events) > 0 {
			first.Events[0].Kind = "edited"
		}
		if len(first.DataTypes) > 0 {
			first.DataTypes[0] = "edited"
		}
		if first.AffectedCount != nil {
			*first.AffectedCount = -1
		}
		if first.ReportSeq != nil {
			*first.ReportSeq = -1
		}
		var fourth schemas.Notice
		if err := x.Extract(ctx, in, &fourth); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(second, want) || !reflect.DeepEqual(fourth, want) {
			t.Errorf("notice %d: editing one notice in place changed another or the memo", i)
		}
	}
	if len(notices) < 20 {
		t.Errorf("only %d notices", len(notices))
	}
}

// TestMemoKeyIsTheWholeInput: inputs that differ in any one field are
// extracted each on its own.
func TestMemoKeyIsTheWholeInput(t *testing.T) {
	ctx := context.Background()
	x := New()
	base := Input{Text: "2024年3月1日、当社サーバーが不正アクセスを受け、顧客1,200名の氏名が流出しました。", Title: "不正アクセスに関するお知らせ"}
	variants := []Input{base, base, base, base, base}
	variants[1].Title = "個人情報漏えいに関するお知らせ"
	variants[2].CaseID = "2023-001"
	variants[3].HeaderRest = "株式会社サンプル 不正アクセスに関するお知らせ 2024年3月5日"
	variants[4].Published = "2024-03-04"
	for range 2 { // base is kept the second time it comes
		var n schemas.Notice
		if err := x.Extract(ctx, base, &n); err != nil {
			t.Fatal(err)
		}
	}
	if e, _ := x.memo.lookup(base); e == nil {
		t.Fatal("an input given twice was not kept")
	}
	for i, in := range variants {
		var n schemas.Notice
		if i > 0 {
			if e, _ := x.memo.lookup(in); e != nil {
				t.Errorf("variant %d found the entry of another input", i)
			}
		}
		if err := x.Extract(ctx, in, &n); err != nil {
			t.Fatal(err)
		}
		if want := extractNoMemo(t, in); !reflect.DeepEqual(n, want) {
			t.Errorf("variant %d:\n%+v\nwant\n%+v", i, n, want)
		}
	}
}

// TestMemoKeepsNoHugeInput: an input over a quarter of a generation is
// extracted each time, never kept; a short one is kept the second time it
// comes.
func TestMemoKeepsNoHugeInput(t *testing.T) {
	m := newMemo()
	var n schemas.Notice
	// lookup and remember as Prepare calls them, for each coming of in;
	// kept tells at which ones remember kept it.
	comings := func(in Input) (kept []bool) {
		for range 3 {
			e, miss := m.lookup(in)
			kept = append(kept, e == nil && m.remember(in, miss, &n) != nil)
		}
		return kept
	}
	if kept := comings(Input{Text: string(make([]byte, 1<<20+1))}); slices.Contains(kept, true) {
		t.Errorf("an input of over 1 MiB was kept: %v", kept)
	}
	if kept := comings(Input{Text: "2024年3月1日、メールを誤送信しました。"}); !slices.Equal(kept, []bool{false, true, false}) {
		t.Errorf("a short input kept at its comings %v, want at its second", kept)
	}
}

// BenchmarkMemoMiss measures what the memo costs a notice that does not
// come again within its reach (every notice of the bench and dev corpora,
// a feed that comes round beyond it): Prepare's look-up and remember and
// Finish's record, on BenchmarkExtractShort's notices with their fields
// extracted, each under 64 case ids.
func BenchmarkMemoMiss(b *testing.B) {
	ins := shortInputs()
	ns := make([]schemas.Notice, len(ins))
	for i, in := range ins {
		ns[i] = extractNoMemo(b, in)
	}
	caseIDs := make([]string, 64)
	for i := range caseIDs {
		caseIDs[i] = fmt.Sprintf("2024-%03d", i)
	}
	m := newMemo()
	b.ReportAllocs()
	cpu := processCPU()
	i := 0
	for b.Loop() {
		k := i % len(ins)
		in := ins[k]
		in.CaseID = caseIDs[i/len(ins)%len(caseIDs)]
		e, miss := m.lookup(in)
		if e == nil {
			e = m.remember(in, miss, &ns[k])
		}
		m.finish(e, &ns[k])
		i++
	}
	if cpu := processCPU() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
