package load

import (
	"strings"
	"testing"
)

// BenchmarkLoad measures Load on a ~30 KB notice in UTF-8 and in Shift_JIS
// (the Shift_JIS path decodes twice to rule out EUC-JP).
func BenchmarkLoad(b *testing.B) {
	text := strings.Repeat(noticeJA+"\n", 30000/len(noticeJA)+1)
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"utf-8", []byte(text)},
		{"shift_jis", sjis(b, text)},
		{"euc-jp", eucjp(b, text)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			in := writeFile(b, b.TempDir(), "n.txt", bc.data)
			l := NewLoader()
			b.SetBytes(int64(len(bc.data)))
			b.ReportAllocs()
			for b.Loop() {
				if docs, rejects := l.Load(in); len(docs) != 1 || len(rejects) != 0 {
					b.Fatalf("docs=%d rejects=%v", len(docs), rejects)
				}
			}
		})
	}
}

// BenchmarkParseRecord measures reading one JSON Lines record of a feed,
// a dated sentence and its URL.
func BenchmarkParseRecord(b *testing.B) {
	line := `{"text":"令和5年3月15日、当社において不正アクセスが発生し、お客様123名の個人情報が漏えいした可能性があります。","url":"https://example.jp/n/42"}`
	b.ReportAllocs()
	for b.Loop() {
		if _, reject := parseRecord(line); reject != "" {
			b.Fatal(reject)
		}
	}
}
