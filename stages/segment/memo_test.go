package segment

import (
	"testing"

	"github.com/breachtrend/breachtrend/stages/normalize"
)

// TestNoticeMemo: a segment classified again gets IsNotice's answer from
// the memo (one entry a text and header flag), the header flag part of
// the key.
func TestNoticeMemo(t *testing.T) {
	m := NewNoticeMemo()
	text := "当社サーバーへの不正アクセスにより、お客様の個人情報が漏えいした可能性があることが判明しました。"
	for _, header := range []bool{false, true} {
		want := IsNotice(text, header)
		for i := 0; i < 3; i++ {
			if got := m.IsNotice(text, header); got != want {
				t.Fatalf("header %v, call %d: %v, want %v", header, i, got, want)
			}
		}
	}
	if m.IsNotice(text+"。", false); m.kinds.Len() != 2 {
		t.Fatal("a text classified once is kept: a text is kept when it comes again")
	}
	if n := m.kinds.Len(); n != 2 {
		t.Fatalf("memo holds %d entries, want 2", n)
	}
	if got, want := (*NoticeMemo)(nil).IsNotice(text, true), IsNotice(text, true); got != want {
		t.Fatalf("nil memo: %v, want %v", got, want)
	}
}

// TestSplitMemos: a post candidate and a title-like line met again are
// answered from the memos (Classify of the normalized text, isTitleLike),
// which keep copies of the raw text.
func TestSplitMemos(t *testing.T) {
	doc := "前置き\n" + "個人情報漏えいに関するお知らせ" + "\n後書き"
	line := doc[len("前置き\n") : len(doc)-len("\n後書き")]
	for i := 0; i < 3; i++ {
		if got, want := isTitleLikeMemo(line), isTitleLike(line); got != want {
			t.Fatalf("isTitleLikeMemo: %v, want %v", got, want)
		}
	}
	if v, ok := titleLike.Get(line); !ok || v != isTitleLike(line) {
		t.Fatalf("titleLike keeps %v, %v for the line", v, ok)
	}
	// A sentence is answered without the memo, which it never enters.
	sentence := "個人情報漏えいに関するお知らせをいたします。"
	for i := 0; i < 3; i++ {
		if isTitleLikeMemo(sentence) {
			t.Fatal("a line with 。 taken for a title")
		}
	}
	if _, ok := titleLike.Get(sentence); ok {
		t.Fatal("a line with 。 was kept in the memo: it should be answered before the look-up")
	}
	post := "当社サーバーへの不正アクセスにより、お客様の個人情報が漏えいした可能性があります。" + doc
	wantN, wantM := Classify(normalize.Text(post))
	for i := 0; i < 3; i++ {
		if n, m := classifyRaw(post); n != wantN || m != wantM {
			t.Fatalf("classifyRaw: %v %v, want %v %v", n, m, wantN, wantM)
		}
	}
	if k, ok := postKinds.Get(post); !ok || k != (postKind{wantN, wantM}) {
		t.Fatalf("postKinds keeps %v, %v for the post", k, ok)
	}
}

// TestHeaderMemo: a header line met again is answered from the memo, with
// what parsing it gives; a line that is not a header too.
func TestHeaderMemo(t *testing.T) {
	for _, line := range []string{"【公表 #2023-265】 株式会社テスト 不正アクセスについて", "【お知らせ】 #なし"} {
		wantH, wantOK := parseHeader(line)
		for i := 0; i < 3; i++ {
			if h, ok := ParseHeader("  " + line + " "); h != wantH || ok != wantOK {
				t.Fatalf("%q: %+v %v, want %+v %v", line, h, ok, wantH, wantOK)
			}
		}
		if r, ok := headers.Get(line); !ok || r != (parsedHeader{wantH, wantOK}) {
			t.Fatalf("%q: the memo keeps %+v, %v", line, r, ok)
		}
	}
	if h, ok := parseHeader("【公表 #2023-265】 株式会社テスト"); !ok || h.CaseID != "2023-265" {
		t.Fatalf("the case is no header: %+v %v", h, ok)
	}
}
