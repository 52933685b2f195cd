package organization

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The patterns that lead.go reads by hand, the oracle of its trims.
var (
	dateLeadRE = regexp.MustCompile(`^(?:(?:(?:令和|平成|昭和)(?:\d{1,2}|元)|\d{4})年\d{1,2}月(?:\d{1,2}日)?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:\([^)]{1,4}\))?\s?`)
	// openerDateRE is a date and time that opens a sentence before its
	// subject: 「令和7年5月1日(木曜)午前10時頃、」, 「2024年5月1日に、」.
	openerDateRE = regexp.MustCompile(`^(?:(?:(?:令和|平成|昭和)(?:\d{1,2}|元)|\d{4})年)?\d{1,2}月\d{1,2}日(?:\([^)]{1,6}\))?` +
		`(?:(?:午前|午後)?\d{1,2}時(?:\d{1,2}分)?(?:頃|ごろ)?)?(?:の?` + text.OrderedAlternation(timesOfDay) + `)?(?:` + text.OrderedAlternation(openerDateEnds) + `)?[、,]\s?`)
)

// trimCases open with a lead of each kind, with one that only looks like
// it, and with none.
var trimCases = []string{
	"", "a", "2024年5月1日 青葉電機株式会社", "令和7年5月1日(木) 青葉市", "令和元年5月1日青葉市",
	"平成30年12月31日(月曜)午前10時頃、当社", "令和3年10月31日の未明、青葉病院", "5月1日夜、当社", "5月1日の夜間、当社", "5月1日に、当社のサーバ", "昭和", "令和", "2024年", "12",
	"1. 青葉市トップ", "(3) 経緯", "2025-12-25 石川県警は", "2025/1/5(月) 青葉市", "2025.1.5青葉市", "2025-12-251", "2025-1-", "2025-123-1", "十、概要", "一二三", "(a) 株式会社", "五月一日", "青葉市", "2024/5/1",
	"12) 概要", "1.概要", " 2024年5月1日", "令和5年1月1日、当社において不正アクセスが発生し",
	"令和12年1月1日", "令和123年1月1日", "20245年1月1日", "2024年123月1日", "2024年1月1日()", "2024年1月1日(a)b",
	"2024年1月1日(12345)", "1月1日(火曜日です)、", "1月1日(a\xffb)\t", "1月1日(a\nb) ", "5月1日午前10時30分ごろに,\n",
	"5月1日午後9時頃", "5月1日10時30、", "5月1日午前、", "5月1日に", "1月1日(月)(火)、", "平成元年1月1日\f",
}

// TestTrimsAreReplaceAll holds each trim to the ReplaceAllString it
// stands for.
func TestTrimsAreReplaceAll(t *testing.T) {
	for _, s := range trimCases {
		checkTrims(t, s)
	}
}

func FuzzTrims(f *testing.F) {
	for _, s := range trimCases {
		f.Add(s)
	}
	f.Fuzz(checkTrims)
}

func checkTrims(t *testing.T, s string) {
	for _, c := range []struct {
		re   *regexp.Regexp
		trim func(string) string
	}{{dateLeadRE, trimDateLead}, {openerDateRE, trimOpenerDate}, {numberLeadRE, trimNumberLead}} {
		if got, want := c.trim(s), c.re.ReplaceAllString(s, ""); got != want {
			t.Errorf("trim of %q by %s: %q, ReplaceAllString gives %q", s, c.re, got, want)
		}
	}
}

// TestLineTokensAsFields: lineTokens gives strings.Fields of a line of at
// most lineMaxTokens tokens, and nil for a longer one.
func TestLineTokensAsFields(t *testing.T) {
	lines := []string{"青葉市", "常磐大学 学長 山田太郎", "a b c d e f g h i j k l", " 青葉\u3000電機 ", "株式会社Aoba Digital Solutionsは、", "\xff \xe3",
		"a\u0085b\u00a0c\u1680d\u2000e\u200af\u2028g\u2029h\u202fi\u205fj\u3000", "\xe3\x80 \xe3\x80\x81\xe2\x80\x8b", "\xc2\xc2\xa0\xe1\x9a\x80\xe1\x9a", "\v\f\r\t\n"}
	for _, s := range extracttest.OracleTexts(t) {
		lines = append(lines, strings.Split(s, "\n")...)
	}
	for _, l := range lines {
		checkLineTokens(t, l)
	}
}

// FuzzLineTokens: lineTokens against strings.Fields, for any line.
func FuzzLineTokens(f *testing.F) {
	for _, s := range []string{"常磐大学 学長 山田太郎", " 青葉\u3000電機 ", "\xe3\x80\x80\xc2\x85 \xff"} {
		f.Add(s)
	}
	f.Fuzz(checkLineTokens)
}

func checkLineTokens(t *testing.T, l string) {
	want := strings.Fields(l)
	if len(want) > lineMaxTokens {
		want = nil
	}
	if got := lineTokens(nil, l); !slices.Equal(got, want) {
		t.Fatalf("lineTokens(%q) = %q, want %q", l, got, want)
	}
}

// TestSpaceBytes: every rune unicode.IsSpace holds begins with the bytes
// lineTokens decodes at: an ASCII space, or a lead and a second byte of
// spaceLead and spaceSeconds.
func TestSpaceBytes(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.IsSpace(r) {
			continue
		}
		p := utf8.AppendRune(nil, r)
		if r < utf8.RuneSelf {
			if !asciiSpace[r] {
				t.Errorf("%U is not in asciiSpace", r)
			}
		} else if k := spaceLead[p[0]]; k == 0 || !spaceSeconds[k-1].has(p[1]) {
			t.Errorf("%U: its bytes % x are not a space's", r, p)
		}
	}
}
