package main

import (
	"slices"
	"testing"
)

func TestTradeNames(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"架空二四株式会社(定款上の商号架空24株式会社)", []string{"架空二四株式会社", "架空24株式会社"}},
		{"株式会社イーエム架空(商号株式会社EM架空)", []string{"株式会社イーエム架空", "株式会社EM架空"}},
		{"株式会社ジェイ・架空(称号株式会社J架空)", []string{"株式会社ジェイ・架空", "株式会社J架空"}},
		{"(株)架空", []string{"(株)架空"}},
		{"架空株式会社(旧架空商事)", []string{"架空株式会社(旧架空商事)"}},
		{"架空株式会社(商号)", []string{"架空株式会社(商号)"}},
		{"架空株式会社", []string{"架空株式会社"}},
	} {
		if got := tradeNames(c.in); !slices.Equal(got, c.want) {
			t.Errorf("tradeNames(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
