package load

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
)

// A notice of the kind the pipeline reads: every line is real Japanese
// prose with a count, dates and full-width punctuation.
const (
	noticeTitle = "不正アクセスによる個人情報流出に関するお知らせ"
	noticeJA    = "株式会社サンプル商事\n" +
		"このたび、弊社が運営するオンラインショップにおいて、第三者による不正アクセスを受け、お客様の個人情報（氏名、住所、電話番号）1,234件が流出した可能性があることが判明いたしました。\n" +
		"お客様をはじめ、関係者の皆様に多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。\n" +
		"2024年3月15日、決済代行会社からの連絡により本件が発覚し、同日中に外部の調査機関へ調査を依頼いたしました。\n" +
		"なお、本件は個人情報保護委員会へ報告済みであり、所轄警察署にも被害申告を行っております。"
)

// numbersJA is a notice's timeline, digits among kanji at every turn: in
// ISO-2022-JP each change costs an escape sequence, over a tenth of its
// bytes ESC (TestISO2022JPDense checks that it stays so).
const numbersJA = "経過\n" +
	"6月3日10時15分 1件目の誤送信(5社128件)\n" +
	"6月3日11時2分 2件目の誤送信(3社42件)\n" +
	"6月4日9時30分 受信者1社から連絡、計170件を確認\n" +
	"6月5日15時 170件のうち168件の削除を確認、残り2件は確認中"

// encode returns s in the given legacy encoding, failing the test if any
// character cannot be encoded.
func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

func sjis(t testing.TB, s string) []byte  { return encode(t, japanese.ShiftJIS, s) }
func eucjp(t testing.TB, s string) []byte { return encode(t, japanese.EUCJP, s) }

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeFile writes data to name (slash-separated, directories created)
// under dir and returns the Input Walk would make for it.
func writeFile(t testing.TB, dir, name string, data []byte) Input {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return Input{Path: p, Rel: name, Size: int64(len(data))}
}

// checkRejects asserts the invariants every reject of this package keeps.
func checkRejects(t testing.TB, in Input, rejects []schemas.Reject) {
	t.Helper()
	for _, r := range rejects {
		if r.Stage != "load" || r.Source != in.Rel || r.Reason == "" || r.Detail == "" {
			t.Errorf("malformed reject %+v for %s", r, in.Rel)
		}
	}
}

func reasons(rejects []schemas.Reject) []string {
	var out []string
	for _, r := range rejects {
		out = append(out, r.Reason)
	}
	return out
}

func iso2022jp(t testing.TB, s string) []byte { return encode(t, japanese.ISO2022JP, s) }

// utf16LE and utf16BE encode s, with a byte order mark when bom is set.
func utf16LE(s string, bom bool) []byte { return wideEncode(s, 2, false, bom) }
func utf16BE(s string) []byte           { return wideEncode(s, 2, true, false) }

// utf32Bytes encodes s in UTF-32, big- or little-endian, with or without a mark.
func utf32Bytes(s string, big, bom bool) []byte { return wideEncode(s, 4, big, bom) }

func wideEncode(s string, unit int, big, bom bool) []byte {
	var units []uint32
	if bom {
		units = append(units, 0xFEFF)
	}
	for _, r := range s {
		if unit == 2 && r > 0xFFFF {
			r -= 0x10000
			units = append(units, uint32(0xD800+(r>>10)), uint32(0xDC00+(r&0x3FF)))
			continue
		}
		units = append(units, uint32(r))
	}
	var out []byte
	for _, u := range units {
		b := make([]byte, unit)
		for i := range unit {
			shift := 8 * i
			if big {
				shift = 8 * (unit - 1 - i)
			}
			b[i] = byte(u >> shift)
		}
		out = append(out, b...)
	}
	return out
}
