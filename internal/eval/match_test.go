package eval

import "testing"

func TestMatch(t *testing.T) {
	segs := []Segment{
		{SourcePath: "corpus/a.txt", SegmentIndex: 0, Text: "【セキュリティ事件簿#2023-265】ライフイズテック 2023年 7月 24日 お知らせ。長い長い本文が続きます。"},
		{SourcePath: "corpus/a.txt", SegmentIndex: 1, Text: "2023年7月24日お知らせ"},
		{SourcePath: "corpus/a.txt", SegmentIndex: 2, Text: "⽇本の会社がＡＢＣ１２３を公表"},
		{SourcePath: "other/b.txt", SegmentIndex: 0, Text: "別のファイルだけにある文章"},
		{SourcePath: `win\dir\c.txt`, SegmentIndex: 0, Text: "バックスラッシュのパス"},
		{SourcePath: "feed.jsonl#7", SegmentIndex: 0, Text: "JSON Lines の 7 行目"},
		{SourcePath: "corpus/d.txt", SegmentIndex: 0, Text: "同じ長さの一つ目"},
		{SourcePath: "corpus/d.txt", SegmentIndex: 1, Text: "同じ長さの二つ目"},
	}
	tests := []struct {
		name, source, snippet string
		want                  int // index into segs, -1 for none
	}{
		{"exact", "a.txt", "ライフイズテック", 0},
		{"white space and punctuation ignored", "a.txt", "お知らせ。長い　長い 本文", 0},
		{"shortest segment wins", "a.txt", "2023 年7月 24 日 お知らせ", 1},
		{"NFKC on the segment: Kangxi radical and full-width", "a.txt", "日本の会社がABC123", 2},
		{"NFKC on the snippet", "a.txt", "ＡＢＣ１２３を公表", 2},
		{"other file's segment not matched", "a.txt", "別のファイルだけにある文章", -1},
		{"sub-folders ignored", "b.txt", "別のファイル", 3},
		{"source must be the base name", "other/b.txt", "別のファイル", -1},
		{"backslash path", "c.txt", "バックスラッシュ", 4},
		{"jsonl line suffix", "feed.jsonl", "JSON Lines の 7", 5},
		{"jsonl with suffix", "feed.jsonl#7", "7 行目", 5},
		{"no such text", "a.txt", "存在しない", -1},
		{"no such file", "zzz.txt", "お知らせ", -1},
		{"tie goes to the first", "d.txt", "同じ長さ", 6},
		{"case sensitive", "a.txt", "abc123", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Match([]Gold{{Source: tt.source, Snippet: tt.snippet}}, segs)[0]
			if got != tt.want {
				t.Errorf("matched %d, want %d", got, tt.want)
			}
		})
	}
}

func TestMatchKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023 年7月 24 日", "2023年7月24日"},
		{"（株）ＡＢＣ－１", "株ABC1"},
		{"⽇⽉⽣", "日月生"},
		{"「引用」、句読点。", "引用句読点"},
	}
	for _, tt := range tests {
		if got := matchKey(tt.in); got != tt.want {
			t.Errorf("matchKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
