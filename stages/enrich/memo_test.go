package enrich

import (
	"reflect"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// TestMemoSameNotice: a notice enriched again is kept in the memo (one
// entry), and one enriched a third time gets from it what an Enricher
// without a memo gives, in fields of its own.
func TestMemoSameNotice(t *testing.T) {
	notice := func() *schemas.Notice {
		return &schemas.Notice{IsIncident: true, Organization: "北海道大学病院", Title: "個人情報の漏えいについて",
			Text: "印刷業務を委託している事業者(株式会社イセトー)からランサムウェアによる被害の報告がありました。患者の情報が流出しました。" +
				strings.Repeat("患者の氏名、住所が含まれます。", 12), // long enough to be kept (memoMinBytes)
			PublishedDate: schemas.MustDate("2023-07-24"), DiscoveredDate: schemas.MustDate("2023-07-03")}
	}
	want := notice()
	(&Enricher{Sectors: NewSectors()}).Notice(want)
	if want.Contractor == "" || want.Sector == "" {
		t.Fatalf("the case finds no contractor or sector: %+v", want)
	}
	e := New()
	first, second := notice(), notice()
	e.Notice(first)
	if n := e.memo.derived.Len(); n != 0 {
		t.Fatalf("memo holds %d entries after one notice, want none: a notice is kept when it comes again", n)
	}
	e.Notice(second)
	for _, n := range []*schemas.Notice{first, second} {
		if !reflect.DeepEqual(n, want) {
			t.Fatalf("memo: %+v\nwant %+v", n, want)
		}
	}
	if n := e.memo.derived.Len(); n != 1 {
		t.Fatalf("memo holds %d entries, want 1", n)
	}
	second.FieldSources["sector"] = "changed"
	*second.DisclosureDelayDays = 99
	if first.FieldSources["sector"] == "changed" || *first.DisclosureDelayDays == 99 {
		t.Fatal("two notices share a map or a pointer")
	}
	third := notice()
	e.Notice(third)
	if !reflect.DeepEqual(third, want) {
		t.Fatalf("after a copy changed: %+v\nwant %+v", third, want)
	}
}

// TestMemoSectorsLoad: lines loaded after a notice was enriched decide
// its sector the next time; the memo does not serve the old one.
func TestMemoSectorsLoad(t *testing.T) {
	e := New()
	text := strings.Repeat("不正アクセスがありました。", 20) // long enough to be kept (memoMinBytes)
	n := &schemas.Notice{IsIncident: true, Organization: "株式会社ほげ", Text: text}
	e.Notice(n)
	if n.Sector == "T" {
		t.Fatalf("the case is already T")
	}
	if err := e.Sectors.Load(strings.NewReader("株式会社ほげ,T\n"), "test"); err != nil {
		t.Fatal(err)
	}
	again := &schemas.Notice{IsIncident: true, Organization: "株式会社ほげ", Text: text}
	e.Notice(again)
	if again.Sector != "T" {
		t.Fatalf("after Load: sector %q, want T", again.Sector)
	}
}

// TestMemoShortNotice: a notice shorter than memoMinBytes is derived anew
// each time, never kept, and gets what an Enricher without a memo gives.
func TestMemoShortNotice(t *testing.T) {
	notice := func() *schemas.Notice {
		return &schemas.Notice{IsIncident: true, Title: "不正アクセスについて", Text: "当社サーバーが不正アクセスを受け、お客様10名の個人情報が漏えいしました。"}
	}
	want := notice()
	(&Enricher{Sectors: NewSectors()}).Notice(want)
	e := New()
	for range 3 {
		n := notice()
		if e.Notice(n); !reflect.DeepEqual(n, want) {
			t.Fatalf("%+v\nwant %+v", n, want)
		}
	}
	if n := e.memo.derived.Len(); n != 0 {
		t.Fatalf("memo holds %d entries, want none", n)
	}
}

// FuzzMemo: an Enricher with its memo gives, for any notice enriched
// three times (short ones derived anew, long ones kept the second time
// and served the third), what one without a memo gives.
//
//	go test ./stages/enrich -run '^$' -fuzz FuzzMemo -fuzztime 60s
func FuzzMemo(f *testing.F) {
	f.Add("北海道大学病院", "個人情報の漏えいについて", "印刷業務を委託している事業者(株式会社イセトー)からランサムウェアによる被害の報告がありました。")
	f.Add("個人情報保護委員会", "架空株式会社に対する行政上の対応", strings.Repeat("不正アクセスがありました。", 20))
	f.Add("", "", "")
	e := New()
	plain := &Enricher{Sectors: e.Sectors}
	f.Fuzz(func(t *testing.T, org, title, text string) {
		notice := func() *schemas.Notice {
			return &schemas.Notice{IsIncident: true, Organization: org, Title: title, Text: text}
		}
		want := notice()
		plain.Notice(want)
		for range 3 {
			n := notice()
			if e.Notice(n); !reflect.DeepEqual(n, want) {
				t.Fatalf("%+v\nwant %+v", n, want)
			}
		}
	})
}
