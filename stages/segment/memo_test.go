package segment

import "testing"

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
	if n := m.kinds.Len(); n != 2 {
		t.Fatalf("memo holds %d entries, want 2", n)
	}
	if got, want := (*NoticeMemo)(nil).IsNotice(text, true), IsNotice(text, true); got != want {
		t.Fatalf("nil memo: %v, want %v", got, want)
	}
}
