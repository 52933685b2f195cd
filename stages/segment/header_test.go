package segment

import (
	"regexp"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// headerRE is the header line's pattern: matchHeader's oracle.
var headerRE = regexp.MustCompile(`^【([^】]{0,40})#\s*((?:19|20)\d{2})(?:-(\d{1,5}))?\s*】\s*(.*)$`)

func checkMatchHeader(t *testing.T, s string) {
	t.Helper()
	year, number, rest, ok := matchHeader(s)
	m := headerRE.FindStringSubmatch(s)
	if ok != (m != nil) || ok && (year != m[2] || number != m[3] || rest != m[4]) {
		t.Fatalf("matchHeader(%q) = %q, %q, %q, %v; headerRE gives %q", s, year, number, rest, ok, m)
	}
}

func TestMatchHeaderAsRegexp(t *testing.T) {
	label40 := strings.Repeat("あ", 40)
	for _, s := range []string{
		"", "【", "【#2023】", "【#2023-265】x", "【事件簿#2023-265】 ライフ 2023年 ", "【a#b#2023】", "【#2023#1999-1】",
		"【" + label40 + "#2023】", "【" + label40 + "あ#2023】", "【" + label40 + "#1999#2023】", "【】#2023】",
		"【#2023-】", "【#2023-123456】", "【#2023-12345】", "【#20231】", "【# \t2023 - 1】", "【#2023 \n】 x",
		"【#2023】\nx", "【#2023】 \n", "【#2023】x\ny", "【#1899】", "【#2023-1 】rest\t", "【\xff#2023】\xfe",
		"【#2023】】", "【a#20】", "【a#2023-1#2022】",
	} {
		checkMatchHeader(t, s)
	}
	for _, text := range testcorpus.SampleTexts(t) {
		for _, l := range strings.Split(text, "\n") {
			checkMatchHeader(t, normalize.Chars(strings.TrimSpace(l)))
		}
	}
}

// FuzzMatchHeader: matchHeader agrees with headerRE on any line.
func FuzzMatchHeader(f *testing.F) {
	f.Add("【セキュリティ事件簿#2023-265】ライフイズテック株式会社 2023年6月29日")
	f.Add("【a#b#2023-123456】\n")
	f.Add("【#1999#2023 - 1】 x")
	f.Fuzz(checkMatchHeader)
}
