package extract

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	nthReportRE    = regexp.MustCompile(`第\s*([0-9]+|[一二三四五六七八九十]+)\s*報`)
	followUpRE     = regexp.MustCompile(`続報\s*([0-9]+|[一二三四五六七八九十]+)?`)
	finalReportRE  = regexp.MustCompile(`最終報|最終報告|最終のご報告|確報`)
	priorReportsRE = regexp.MustCompile(`第\s*([0-9]+|[一二三四五六七八九十]+)\s*報(?:[」』)]*)\s*(?:に|にて|で|において|として|の通り|のとおり|でお知らせ|を公表|を公開)`)
)

// reportNumber reads which report of its incident a notice is, from its
// title: 第N報 is N, 続報N is N+1 and 続報 alone 2. Without a number in the
// title, a body that cites earlier reports (「5月24日の第一報、5月27日の第
// 二報にてお知らせした」) makes this the one after the last it cites.
func reportNumber(title string, sents []sentence) (seq int, final bool) {
	final = finalReportRE.MatchString(title)
	if m := nthReportRE.FindStringSubmatch(title); m != nil {
		if n, ok := smallNumber(m[1]); ok {
			return n, final
		}
	}
	if m := followUpRE.FindStringSubmatch(title); m != nil {
		if m[1] == "" {
			return 2, final
		}
		if n, ok := smallNumber(m[1]); ok {
			return n + 1, final
		}
	}
	if final {
		return 0, true
	}
	maxCited := 0
	for i, s := range sents {
		if i > 6 {
			break // citations of earlier reports open a notice
		}
		for _, m := range priorReportsRE.FindAllStringSubmatch(s.Text, -1) {
			if n, ok := smallNumber(m[1]); ok && n > maxCited && strings.Contains(s.Text, "お知らせ") || ok && n > maxCited && strings.Contains(s.Text, "公表") {
				maxCited = n
			}
		}
	}
	if maxCited > 0 {
		return maxCited + 1, false
	}
	return 0, false
}

// smallNumber reads 3 or 三 (to 九十九).
func smallNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n > 0 && n < 100
	}
	v, ok := parseKanjiNumber(s)
	return int(v), ok && v > 0 && v < 100
}
