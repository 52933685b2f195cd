package normalize

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

var update = flag.Bool("update", false, "rewrite testdata/normalize/*.golden")

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"kangxi radicals fold", "⽇本⽣まれ", "日本生まれ"},
		{"radicals supplement mapped", "⻑野県⻄部の⻘森", "長野県西部の青森"},
		{"full-width digits", "２０２３年７月２４日", "2023年7月24日"},
		{"spaces inside dates", "2023 年7月 24 日", "2023年7月24日"},
		{"spaces inside counts", "約 25 万人", "約25万人"},
		{"latin words keep spaces", "Google Workspace for Education", "Google Workspace for Education"},
		{"circled numbers stay list markers", "①23,508件", "(1)23,508件"},
		{"parenthesized numbers", "⑵氏名", "(2)氏名"},
		{"wave dashes agree", "3月1日〜3月14日と3月1日～3月14日", "3月1日~3月14日と3月1日~3月14日"},
		{"tilde operator is a wave dash", "3月19日(土)∼24日(木)", "3月19日(土)~24日(木)"},
		{"ideographic space", "個人情報\u3000流出", "個人情報流出"},
		{"元年 stays", "令和元年5月1日", "令和元年5月1日"},
		{"crlf", "一行目\r\n二行目", "一行目\n二行目"},
		{"blank lines fold", "a\n\n\n\nb", "a\n\nb"},
		{"wrapped line joined", "2023年3月16日までに本件サイトにおいて会員登録又は商品の購入をされ\nたお客様の個人情報が漏洩した可能性がある。",
			"2023年3月16日までに本件サイトにおいて会員登録又は商品の購入をされたお客様の個人情報が漏洩した可能性がある。"},
		{"dangling particle joined across a blank", "サービス利用者から、インターネット上で氏名が閲覧できる状態に\n\nなっている旨のご連絡をいただきました。",
			"サービス利用者から、インターネット上で氏名が閲覧できる状態になっている旨のご連絡をいただきました。"},
		{"heading not joined", "本件の経緯等について下記のとおりご報告いたします\n経緯", "本件の経緯等について下記のとおりご報告いたします\n経緯"},
		{"new sentence not joined", "当社のサーバーが第三者による不正アクセスを受けたことが判明しました\nなお、現時点で被害は確認されておりません。",
			"当社のサーバーが第三者による不正アクセスを受けたことが判明しました\nなお、現時点で被害は確認されておりません。"},
		{"bullets not joined", "漏えいした可能性のある個人情報は次のとおりです\n・氏名\n・住所", "漏えいした可能性のある個人情報は次のとおりです\n・氏名\n・住所"},
		{"invalid utf-8 dropped", "a\xffb", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCompact(t *testing.T) {
	if got := Compact("本件サーバー) のページ 情報"); got != "本件サーバー)のページ情報" {
		t.Errorf("Compact = %q", got)
	}
}

// TestGolden normalizes each testdata/normalize/*.txt and compares with its
// .golden file.
func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob("../../testdata/normalize/*.txt")
	if len(inputs) == 0 {
		t.Fatal("no inputs in testdata/normalize")
	}
	for _, in := range inputs {
		b, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		got := Text(string(b))
		golden := strings.TrimSuffix(in, ".txt") + ".golden"
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (go test ./stages/normalize -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s: output differs from %s", in, golden)
		}
	}
}

// FuzzText: normalization never panics, yields valid UTF-8 and is
// idempotent.
func FuzzText(f *testing.F) {
	for _, s := range []string{"⽇本", "①②", "a①\u3000b\r\x01c", "ok\xffok", "\ufffd", "2023 年 7 月", "a\n\n\nb", "約 25 万人", "〜～", "\xff\xfe", "状態に\n\nなって",
		"長い行がここで途中で切れていて次の行に続いていることがあるのでそれを\nつなぐ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Text(s)
		if !utf8.ValidString(once) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		if twice := Text(once); twice != once {
			t.Fatalf("not idempotent:\n in %q\n 1x %q\n 2x %q", s, once, twice)
		}
		if got, want := string(appendMapped(nil, s)), mapRunesPlain(strings.ToValidUTF8(s, "")); got != want {
			t.Fatalf("appendMapped(%q) = %q, want %q", s, got, want)
		}
	})
}

// mapRunesPlain is the rune map applied to each rune of s, every rune
// looked up and written out.
func mapRunesPlain(s string) string {
	var b strings.Builder
	for _, r := range s {
		if rep, ok := premap[r]; ok {
			b.WriteString(rep)
			continue
		}
		switch {
		case r == '\r':
			continue
		case r == '\u00a0' || r == '\u3000' || r == '\t' || r == '\u200b' || r == '\ufeff':
			b.WriteByte(' ')
			continue
		case r != '\n' && unicode.IsControl(r):
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wideOracle is wide by golang.org/x/text/width alone: Wide, Fullwidth,
// and Ambiguous from U+1100 on but the replacement character (an invalid
// byte is one column).
func wideOracle(r rune) bool {
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth || k == width.EastAsianAmbiguous && r >= 0x1100 && r != utf8.RuneError
}

// TestWideMatchesWidth: wide's ranges agree with golang.org/x/text/width
// over the Basic Multilingual Plane.
func TestWideMatchesWidth(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if want := wideOracle(r); wide(r) != want {
			t.Fatalf("wide(%U) = %v, width says %v", r, wide(r), want)
		}
	}
}

// TestColumnsUpTo: columns by rune, as width has them.
func TestColumnsUpTo(t *testing.T) {
	for _, s := range []string{"", "abc", "個人情報", "ｱｲｳ", "ＡＢＣ", "令和6年4月1日、漏えい", "𠮷野家", "\xe4\xb8", "é", "①※■→“", "±°§"} {
		want := 0
		for _, r := range s {
			if wideOracle(r) {
				want += 2
			} else {
				want++
			}
		}
		if got := columnsUpTo(s, 1000); got != want {
			t.Errorf("columnsUpTo(%q) = %d, want %d", s, got, want)
		}
		if got := columnsUpTo(s, 3); got != min(want, 3) {
			t.Errorf("columnsUpTo(%q, 3) = %d, want %d", s, got, min(want, 3))
		}
	}
}

// TestIsJapaneseFastPaths: IsJapanese's ranges agree with its Unicode
// definition over the Basic Multilingual Plane and the first planes above.
func TestIsJapaneseFastPaths(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r++ {
		want := unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) ||
			(r >= 0x3000 && r <= 0x303f) || r == 'ー' || r == '々' || r == '〆' || r == 'ヶ' ||
			(r >= 0xff61 && r <= 0xff9f)
		if IsJapanese(r) != want {
			t.Fatalf("IsJapanese(%U) = %v, want %v", r, IsJapanese(r), want)
		}
	}
}

// TestDatedRow: the lines that open as a dated list's row does, and the
// ones that only open with a number or a date a sentence goes on from.
func TestDatedRow(t *testing.T) {
	for l, want := range map[string]bool{
		"6月5日(水) 外部の調査会社が報告": true,
		"令和6年6月5日(水) 報告":     true,
		"令和元年5月1日 施行":        true,
		"2024/6/5 委託事業者が検知":  true,
		"6/5 委託事業者が検知":       true,
		"2024.6.5 委託事業者が検知":  true,
		"10月15日の期間中に登録した":    false, // a particle: the sentence goes on
		"2020年11月17日に調査が完了し": false,
		"1.5倍に増加":            false,
		"5日(水) 報告":           false, // no month
		"2024年度 予算":          false,
		"6月上旬 報告":            false,
		"6月5日":               false, // nothing after it: a dateline alone
	} {
		if got := datedRow(l); got != want {
			t.Errorf("datedRow(%q) = %v, want %v", l, got, want)
		}
	}
}
