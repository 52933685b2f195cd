package text

import "testing"

func TestLastEndAny(t *testing.T) {
	for _, c := range []struct {
		s     string
		words []string
		want  int
	}{
		{"氏名など住所以外", []string{"など", "等"}, len("氏名など")},
		{"調査の結果、A。確認の結果、B", []string{"調査の結果", "確認の結果"}, len("調査の結果、A。確認の結果")},
		{"確認の結果、A。調査の結果、B", []string{"調査の結果", "確認の結果"}, len("確認の結果、A。調査の結果")},
		{"などなど", []string{"など"}, len("などなど")},
		{"氏名、住所", []string{"など"}, -1},
		{"", []string{"など"}, -1},
		{"氏名", nil, -1},
	} {
		if got := LastEndAny(c.s, c.words); got != c.want {
			t.Errorf("LastEndAny(%q, %q) = %d, want %d", c.s, c.words, got, c.want)
		}
	}
}

func TestLongestPrefix(t *testing.T) {
	for _, c := range []struct {
		s     string
		words []string
		want  int
	}{
		{"までの約14日間", []string{"の", "まで"}, len("まで")},
		{"日間", []string{"日", "日間"}, len("日間")},
		{"週間", []string{"日", "日間"}, 0},
		{"", []string{"の"}, 0},
	} {
		if got := LongestPrefix(c.s, c.words); got != c.want {
			t.Errorf("LongestPrefix(%q, %q) = %d, want %d", c.s, c.words, got, c.want)
		}
	}
}
