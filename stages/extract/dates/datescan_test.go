package dates

import (
	"iter"
	"reflect"
	"regexp"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The regexps the scanners of datescan.go replace: the oracle of their
// differential tests.
var (
	kanjiDateRE = regexp.MustCompile(`(?:(` + text.OrderedAlternation(kanjiEras) + `)\s*(元|\d{1,2})\s*(?:[(]\s*(\d{4})\s*[)]\s*年|年(?:\s*[(]\s*(\d{4})\s*年?\s*[)])?)|(\d{4})\s*年(?:\s*[(]\s*(?:` + text.OrderedAlternation(kanjiEras) + `)\s*(?:元|\d{1,2})\s*年?\s*[)])?)(?:\s*度)?\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?`)
	shortDateRE = regexp.MustCompile(`(` + text.OrderedAlternation(relYearWords) + `)?\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?`)
	numDateRE   = regexp.MustCompile(`(?:^|[^\d.\-/]|\.\.\.)((?:19|20)\d{2})([/\-]|\. ?)(\d{1,2})([/\-]|\. ?)(\d{1,2})(?:[^\d]|$)`)
)

var scanSeeds = []string{
	"2023年7月24日", "令和5年7月18日", "令和5年(2023年)10月12日", "令和 5 年 ( 2023 年 ) 10 月", "平成 25 年 11 月頃",
	"令和元年5月1日", "2023年6月", "2023年度4月", "2023年 度 4月", "令和5年(2023)4月1日", "令和5年(20234年)4月1日",
	"令和5年(2023年)", "2018年(平成30年)2月22日", "2019 年 ( 令和元年 ) 5月", "2018年(平成30)3月", "2018年(平成30年2月", "2018年(令和)2月", "令和123年5月", "12023年5月1日", "2023年123月4日", "2023年12月345日",
	"7月3日", "同年6月30日", "本年5月7日", "昨年12月", "同6月", "同 年6月", "123月", "1 2月", "  7 月 3 日",
	"同年同年7月", "翌年 \t\n7月1日", "3ヶ月", "4~6月",
	"2023/6/5", "2023.6.5", "2023-06-05", "2023/6/5 2023/6/6", "x2023/6/5y", "2023/6/5/", "12023/6/5", "...2023/6/5", "....2023/6/5", "..2023/6/5", "2023/6/5...2023/6/6", "お詫び ...2008/04/18",
	"2023/6.5", "2023/123/4", "2023/1/234", "1999/12/31", "2100/1/1", "。2023/6/5。", "\xe32023/6/5\xff",
	"2023年7月24日(月)、7月25日~8/1、2023/8/2、令和5年8月3日",
	"令和5(2023)年11月9日", "令和5 ( 2023 ) 年11月", "令和5(2023)11月", "令和5(202)年1月", "平成30(2018)年(2018年)2月",
}

// collect gathers the matches a scanner yields as slices, as the regexp
// package gives them.
func collect[M [8]int | [12]int | [16]int](seq iter.Seq[M]) [][]int {
	var out [][]int
	for m := range seq {
		var row []int
		for i := range len(m) {
			row = append(row, m[i])
		}
		out = append(out, row)
	}
	return out
}

func checkScanners(t *testing.T, s string) {
	t.Helper()
	for _, c := range []struct {
		name string
		got  [][]int
		re   *regexp.Regexp
	}{
		{"kanjiDates", collect(kanjiDates(s)), kanjiDateRE},
		{"shortDates", collect(shortDates(s)), shortDateRE},
		{"numDates", collect(numDates(s)), numDateRE},
	} {
		if want := c.re.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(c.got, want) {
			t.Fatalf("%s(%q) = %v, want (regexp) %v", c.name, s, c.got, want)
		}
	}
	if got, want := Find(s), findCuedDates(s, allDateCues); !reflect.DeepEqual(got, want) {
		t.Fatalf("Find(%q) = %+v, want (every pattern run) %+v", s, got, want)
	}
}

func TestDateScanners(t *testing.T) {
	for _, s := range append(scanSeeds, extracttest.FuzzSeeds...) {
		checkScanners(t, s)
	}
}

// TestDateScannersCorpus checks the scanners against their regexps on
// every sentence of the sample corpus.
func TestDateScannersCorpus(t *testing.T) {
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		checkScanners(t, s.Text)
	}
}

func FuzzDateScanners(f *testing.F) {
	for _, s := range append(scanSeeds, extracttest.FuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(checkScanners)
}

// TestDateScannersRandom checks the scanners against their regexps on
// random strings of the characters the patterns read, where the fuzzer
// would take long to reach the corners (a third digit, a bracket left
// open, white space in every place).
func TestDateScannersRandom(t *testing.T) {
	pieces := []string{"0", "1", "2", "9", "19", "20", "2023", " ", "\t", "\n", "/", ".", "-", "(", ")", "年", "月", "日", "度",
		"令和", "平成", "昭和", "元", "同", "同年", "本年", "翌年", "令", "x", "。", "\xe3", "\xff", "\xe6\x9c",
		"翌", "同月", "七", "十", "二〇二三", "R", "H5.", "(月)", "午後", "曜"}
	for s := range extracttest.RandomStrings(1, 2, pieces, 16) {
		checkScanners(t, s)
	}
}
