package title

import "testing"

// numberPrefixByRegexp is numberPrefix without its test of the first
// byte: the regexp, then a glued digit. It is numberPrefix's oracle.
func numberPrefixByRegexp(l string) int {
	if m := numberRE.FindString(l); m != "" {
		return len(m)
	}
	return gluedNumber(l)
}

func TestNumberPrefix(t *testing.T) {
	for _, l := range []string{"", "1. 概要", "(2) 経緯", "3 対応", "第4 再発防止", "第4章", "2025年度", "1事案の概要",
		"概要", "(お知らせ)", "第", "１. 全角", "  1. 字下げ", "12)", "(123)", "令和5年1月1日、当社において"} {
		if got, want := numberPrefix(l), numberPrefixByRegexp(l); got != want {
			t.Errorf("numberPrefix(%q) = %d, oracle %d", l, got, want)
		}
	}
}

// FuzzNumberPrefix: numberPrefix is its oracle for any line.
func FuzzNumberPrefix(f *testing.F) {
	for _, l := range []string{"1. 概要", "(2) 経緯", "第4 再発防止", "1事案の概要", "概要"} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := numberPrefix(l), numberPrefixByRegexp(l); got != want {
			t.Fatalf("numberPrefix(%q) = %d, oracle %d", l, got, want)
		}
	})
}
