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

// TestCutTrailingBracket: the brackets that end a string, and what stands
// before them; nothing for a string that ends otherwise or opens none.
func TestCutTrailingBracket(t *testing.T) {
	for _, c := range []struct {
		in, before, inner string
		ok                bool
	}{
		{"誤送付について(建築住宅課)", "誤送付について", "建築住宅課", true},
		{"(監理課)", "", "監理課", true},
		{"公開開始日(府HP用)", "公開開始日", "府HP用", true},
		{"a(b(c)", "a(b", "c", true},
		{"誤送付について", "", "", false},
		{"監理課)", "", "", false},
		{"", "", "", false},
	} {
		before, inner, ok := CutTrailingBracket(c.in)
		if before != c.before || inner != c.inner || ok != c.ok {
			t.Errorf("CutTrailingBracket(%q) = %q, %q, %v; want %q, %q, %v", c.in, before, inner, ok, c.before, c.inner, c.ok)
		}
	}
}
