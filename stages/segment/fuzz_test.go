package segment

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/normalize"
)

// FuzzSplitCover (beside FuzzSplit, which checks lines): Split never
// panics, its segments are pieces of the text in order, numbered from 0,
// and together they hold every character of the text that is not white
// space: each is emitted as a notice or, when HeaderOnly, rejected, so no
// text vanishes.
//
//	go test ./stages/segment -run '^$' -fuzz FuzzSplitCover -fuzztime 60s
func FuzzSplitCover(f *testing.F) {
	const header = "【セキュリティ事件簿#2023-265】ライフイズテック株式会社 誤送信 2023年6月29日"
	body := "このたび、弊社において不正アクセスが発生し、お客様の個人情報が流出した可能性があることが判明いたしました。深くお詫び申し上げます。"
	for _, s := range []string{
		"",
		"\n\n",
		body,
		header + "\n" + body,
		header + "\n\n" + header + "\n" + body + "\r\n" + header,
		"前書き\n" + header + "\n" + body + "\n\nリリース文アーカイブ\n\n新しい記事のタイトル\n\u00a0\n" + strings.Repeat("ツールの使い方を解説します。", 20),
		"【#2024】\n　\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // the loader hands on valid UTF-8 only
		}
		segs := Split(text)
		flat := strings.ReplaceAll(text, "\r\n", "\n")
		at := 0
		var got strings.Builder
		for i, s := range segs {
			if s.Index != i {
				t.Fatalf("segment %d has Index %d", i, s.Index)
			}
			if bodyLen(s.Text) == 0 {
				t.Fatalf("segment %d is blank: %q", i, s.Text)
			}
			k := strings.Index(flat[at:], s.Text)
			if k < 0 {
				t.Fatalf("segment %d %q is not in the text after byte %d", i, s.Text, at)
			}
			at += k + len(s.Text)
			_ = s.HeaderOnly() // emitted or rejected: either way accounted for
			got.WriteString(s.Text)
		}
		if want, have := nonBlank(flat), nonBlank(got.String()); want != have {
			t.Fatalf("segments lose text:\n text %q\n segs %q", want, have)
		}
	})
}

// nonBlank is s without the white space bodyLen does not count.
func nonBlank(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\u00a0' || r == '\u3000' || r == '\t' || r == '\r' {
			return -1
		}
		return r
	}, s)
}

// FuzzSplitNormalized: a segment's Normalized, when Split sets it, is
// normalize.Text of its text, which the pipeline would work out otherwise.
//
//	go test ./stages/segment -run '^$' -fuzz FuzzSplitNormalized -fuzztime 60s
func FuzzSplitNormalized(f *testing.F) {
	for _, s := range []string{
		"令和5年1月1日、当社において不正アクセスが発生し、お客様10名の個人情報が漏えいした可能性があります。",
		"\n\n　個人情報の漏えいについて　\n\n",
		"【セキュリティ事件簿#2023-101】株式会社サンプル 不正アクセス\n本文",
		"ｱｲｳ① ２０２３年 \u00a0 か\u3099\r\n",
		" \u200b\n\x01\n約 25 万人",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // the loader hands on valid UTF-8 only
		}
		for _, s := range Split(text) {
			if s.Normalized != "" && s.Normalized != normalize.Text(s.Text) {
				t.Fatalf("segment %q: Normalized %q, normalize.Text %q", s.Text, s.Normalized, normalize.Text(s.Text))
			}
		}
	})
}

// FuzzSplitLine: Split of a text of one line (splitLine) is what
// splitLines, its way for every text, makes of it.
//
//	go test ./stages/segment -run '^$' -fuzz FuzzSplitLine -fuzztime 60s
func FuzzSplitLine(f *testing.F) {
	for _, s := range oneLineTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.Contains(text, "\n") {
			return // the loader hands on valid UTF-8 only; splitLine takes one line
		}
		if got, want := Split(text), splitLines(text); !reflect.DeepEqual(got, want) {
			t.Fatalf("Split(%q) = %+v, splitLines %+v", text, got, want)
		}
	})
}
