package normalize

import (
	"strings"
	"testing"
	"unsafe"
)

// TestMemoText: a repeated segment gets the text Text gives, from the
// memo (one entry), and the memo keeps no part of the caller's string.
func TestMemoText(t *testing.T) {
	m := NewMemo()
	doc := "前置き\n" + "①　お客様情報の漏えいについて\n当社ｻｰﾊﾞｰへの不正アクセスにより、\n情報が流出しました。\n" + "後書き"
	seg := doc[len("前置き\n") : len(doc)-len("後書き")]
	want := Text(seg)
	if got := m.Text(seg); got != want || m.texts.Len() != 0 {
		t.Fatalf("first call: %q and %d entries, want %q and none: a segment is kept when it comes again", got, m.texts.Len(), want)
	}
	for i := 0; i < 3; i++ {
		if got := m.Text(seg); got != want {
			t.Fatalf("call %d: %q, want %q", i, got, want)
		}
	}
	if n := m.texts.Len(); n != 1 {
		t.Fatalf("memo holds %d entries, want 1", n)
	}
	docStart := uintptr(unsafe.Pointer(unsafe.StringData(doc)))
	if got := m.Text(seg); len(got) > 0 {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(got))); p >= docStart && p < docStart+uintptr(len(doc)) {
			t.Fatal("the memo's text is a part of the caller's document")
		}
	}
	if got := (*Memo)(nil).Text(seg); got != want {
		t.Fatalf("nil memo: %q, want %q", got, want)
	}
	big := strings.Repeat("あ", (1<<20)/4/3+1) // just over a quarter of a generation
	if m.texts.Fits(big) {
		t.Fatal("a segment over a quarter of a generation fits")
	}
	if got := m.Text(big); got != Text(big) {
		t.Fatal("a segment too large to keep is not Text")
	}
	if n := m.texts.Len(); n != 1 {
		t.Fatalf("memo holds %d entries after a large segment, want 1", n)
	}
}
