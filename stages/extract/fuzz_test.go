package extract

import (
	"context"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"

	"github.com/breachtrend/breachtrend/schemas"
)

func FuzzExtract(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s, "")
	}
	f.Add("本文", "2023年7月1日架空市 お知らせ 2023年7月2日")
	f.Fuzz(func(t *testing.T, txt, header string) {
		var n schemas.Notice
		in := Input{Text: txt, Title: header, HeaderRest: header}
		if err := (Rules{}).Extract(context.Background(), in, &n); err != nil {
			t.Fatal(err)
		}
		checkWellFormed(t, "Extract", in, &n)
	})
}
