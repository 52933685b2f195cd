package extract

import (
	"context"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// extractNoMemo is what Rules gives without a memo: the reference.
func extractNoMemo(t *testing.T, in Input) schemas.Notice {
	t.Helper()
	var n schemas.Notice
	if err := (Rules{Budget: DefaultBudget}).Extract(context.Background(), in, &n); err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return n
}

// TestMemoGivesWhatExtractionGives: every notice of the sample corpus,
// each given three times to one extractor (a miss, then hits), and in the
// orders a pipeline uses (the second Prepare before the first Finish, or
// after it), comes out as an extractor without a memo gives it; a hit
// shares no slice or pointer with the entry or another notice.
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
		var first, second, third schemas.Notice
		p1, err := x.Prepare(ctx, in, &first)
		if err != nil {
			t.Fatal(err)
		}
		p2, err := x.Prepare(ctx, in, &second) // before the first Finish
		if err != nil {
			t.Fatal(err)
		}
		if _, hit := p2.(*memoized); !hit {
			t.Errorf("notice %d: the second Prepare of one input was no memo hit", i)
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
		for k, got := range []schemas.Notice{first, second, third} {
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
	for i, in := range variants {
		var n schemas.Notice
		if i > 0 {
			if e := x.memo.lookup(in); e != nil {
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
// extracted each time, never kept.
func TestMemoKeepsNoHugeInput(t *testing.T) {
	m := newMemo()
	var n schemas.Notice
	if m.remember(Input{Text: string(make([]byte, 1<<20+1))}, &n) != nil {
		t.Error("an input of over 1 MiB was kept")
	}
	if m.remember(Input{Text: "2024年3月1日、メールを誤送信しました。"}, &n) == nil {
		t.Error("a short input was not kept")
	}
}
