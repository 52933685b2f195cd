package extract

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

var fuzzSeeds = []string{
	"",
	"令和元年5月1日",
	"令和5年(2023年)10月12日(木)10時30分頃から同月12日まで",
	"R5.7.3 2023/6/5 2023.6.5 2023-06-05",
	"令和五年七月三日、同年六月三十日、同月五日",
	"同年6月30日 本年5月7日 昨年12月 4月頃 6月上旬 99月99日 0月0日",
	"約25万人 61,942件 約5万件 230万人分 1,793名 三千人 一万二千五百件 3.5万人 999999999999999件",
	"…1,793件 うち(207人)分、及び(151人)分",
	"第二報 続報3 最終報 確報 第九十九報 第0報",
	"【セキュリティ事件簿#2023-265】架空株式会社 お知らせ 2023年6月29日\n2023年6月28日、メールを誤送信しました。",
	"~~~((((「「「」」」))))。。。",
	"令和年月日 年月 月日 同月日",
	"氏名、住所、電話番号、メールアドレス、クレジットカード番号が流出。ランサムウェアによる不正アクセス、誤送信、紛失、盗難",
	"2023 年 7 月 24 日、3\n月5日、7\t月頃、二〇二三年 七月三日、五月三日、同年十二月一日",
}

// allDateCues runs every date pattern.
var allDateCues = dateCues{digit: true, digitSep: true, digitTsuki: math.MaxInt, kanjiTsuki: math.MaxInt, nen: true, kanjiDigit: true, eraLetter: true, sameMonth: true}

func FuzzDates(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ctx := &yearContext{published: schemas.Date{}}
		if got, want := findDates(s), findCuedDates(s, allDateCues); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDates(%q) = %+v, want (every pattern run) %+v", s, got, want)
		}
		for _, m := range findDates(s) {
			if m.Start < 0 || m.End > len(s) || m.Start > m.End {
				t.Fatalf("bad span %d..%d in %q", m.Start, m.End, s)
			}
			ctx.resolve(m)
		}
		stripDates(s)
	})
}

func FuzzCounts(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !countCue(s) && countRE.MatchString(s) {
			t.Fatalf("countCue(%q) is false, but countRE matches", s)
		}
		for _, c := range findCounts(s) {
			if c.Value <= 0 {
				t.Fatalf("count %d from %q", c.Value, s)
			}
		}
		affected(nil, splitSentences(s))
		parseNumber(s)
	})
}

func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "")
	}
	f.Add("本文", "2023年7月1日架空市 お知らせ 2023年7月2日")
	f.Fuzz(func(t *testing.T, text, header string) {
		var n schemas.Notice
		in := Input{Text: text, Title: header, HeaderRest: header}
		if err := (Rules{}).Extract(context.Background(), in, &n); err != nil {
			t.Fatal(err)
		}
		checkWellFormed(t, "Extract", in, &n)
		checkHits(t, causeIndex, text)
		checkHits(t, dataTermIndex, text)
	})
}

// TestCuesSkipNone checks on every sentence of the sample corpus that the
// cue checks in findDates and findCounts skip no pattern that would have
// matched.
func TestCuesSkipNone(t *testing.T) {
	n := 0
	for _, s := range seedSentences(t) {
		ms := findDates(s.Text)
		if got, want := ms, findCuedDates(s.Text, allDateCues); !reflect.DeepEqual(got, want) {
			t.Errorf("dates of %q = %+v, want %+v", s.Text, got, want)
		}
		if !countCue(s.Text) && countRE.MatchString(s.Text) {
			t.Errorf("countCue(%q) is false, but countRE matches", s.Text)
		}
		n += len(ms)
	}
	if n < 100 {
		t.Errorf("only %d dates in the sample corpus", n)
	}
}
