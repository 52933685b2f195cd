package text

import "testing"

func TestLooksCut(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"(氏名・生年月日・住所・", true},      // stops after a list separator
		{"紛失した名簿\n(氏名・生年月", true},   // inside a bracket, on the last line
		{"(3)利用決定通知書 1", true},      // right after a digit: the count may go on
		{"【情報件数:26件】\n2.原因", false}, // a heading is a whole line
		{"氏名、受給者番号等", false},
		{"(氏名・生年月日)【件数:5件】", false},
		{"ご迷惑をおかけしました。\n以上", false},
		{"(本文", true},
		{"", false},
	} {
		if got := LooksCut(c.s); got != c.want {
			t.Errorf("LooksCut(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
