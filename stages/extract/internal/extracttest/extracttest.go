// Package extracttest holds what the tests of the extraction packages
// share: the sample corpus as normalized texts, the fuzz seeds every
// text parser starts from, and random strings drawn from pieces.
package extracttest

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// FuzzSeeds are the seeds of the fuzz tests of text parsing: dates of every
// form, counts, report numbers, a blog header, brackets and the words of
// data types and causes.
var FuzzSeeds = []string{
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

// SeedTexts is the normalized text of every file of the sample corpus.
func SeedTexts(t testing.TB) []string {
	t.Helper()
	return NormalizedFiles(t, testcorpus.SampleFiles(t))
}

// NormalizedFiles is the normalized text of each file.
func NormalizedFiles(t testing.TB, files []string) []string {
	t.Helper()
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, normalize.Text(string(data)))
	}
	return out
}

// RandomStrings yields strings of up to maxPieces pieces drawn at random
// (the same ones on every run, from the PCG seeds): 20000 of them, 5000
// under -short. They reach the corners where a pattern's choices meet,
// which the fuzzer takes long to find.
func RandomStrings(seed1, seed2 uint64, pieces []string, maxPieces int) iter.Seq[string] {
	return func(yield func(string) bool) {
		rng := rand.New(rand.NewPCG(seed1, seed2))
		n := 20000
		if testing.Short() {
			n = 5000
		}
		for range n {
			var b strings.Builder
			for range rng.IntN(maxPieces) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			if !yield(b.String()) {
				return
			}
		}
	}
}

// NaiveHits is AppendHits by strings.Index: every occurrence of every
// word, by position and, at one position, by word.
func NaiveHits(words []string, s string) []wordscan.Hit {
	var out []wordscan.Hit
	for at := 0; at < len(s); at++ {
		for id, w := range words {
			if strings.HasPrefix(s[at:], w) {
				out = append(out, wordscan.Hit{Word: id, At: at})
			}
		}
	}
	return out
}

// CheckHits fails when x's hits in s are not those of its words found by
// strings.HasPrefix at every byte.
func CheckHits(t *testing.T, x *wordscan.Index, s string) {
	t.Helper()
	if got, want := x.AppendHits(nil, s), NaiveHits(x.Words(), s); !slices.Equal(got, want) {
		t.Fatalf("hits in %q = %v, want %v", s, got, want)
	}
}

// OracleTexts are the sample corpus's notices, normalized, the fuzz seeds
// and crafted sentences: the oracle tests compare on each. The folder of
// .txt files that BREACHTREND_BENCH_CORPUS names, if any, is added.
func OracleTexts(t testing.TB) []string {
	t.Helper()
	out := SeedTexts(t)
	if dir := os.Getenv("BREACHTREND_BENCH_CORPUS"); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		out = append(out, NormalizedFiles(t, more)...)
	}
	return append(append(out, FuzzSeeds...), CraftedCauses...)
}

// CraftedCauses hold the words that change how cues count: data and
// devices stolen, overlapping cues, masked titles, lists and consequences,
// headings and lemma verbs.
var CraftedCauses = []string{
	"■原因\nパスワードが盗まれた。鞄とパスワードが盗まれた。ID情報が盗難に遭い窃取された。",
	"■原因\nパソコンに保存し、IDとパスワードを盗み取られた。パスワードのメモが入った鞄が、車から盗まれた。車上荒らしで書類、IDが窃取された。",
	"■経緯\nサイバー攻撃による不正アクセスの攻撃。ランサムウェアのランサムウェア被害。設定ミスの設定の誤り。",
	"『不正アクセス対策』という件名のメール。顧客リストに掲載されたアドレスがホームページに掲載された。",
	"なりすましメールの送信が確認されたため、フィッシングサイトの被害者が発生した原因は誤送信です。",
	"■今後の対応\n誤ってBCCではなくTOに入れて送信した。他のお客様の情報が表示される不具合によるもの。",
	"■概要\n社員がパソコンを置き忘れ、紛失した。USBを落としたことが原因。書類を捨てた。持ち出した元社員による。",
	"アカウントが不正に利用され、パスワードが窃取された。誤って添付ファイルを送付したことによる。",
	"ああああ誤送信誤送信誤送信誤送付。転送転送設定設定設定不備。",
	"■原因\n不正アクセス制限の設定を誤り、サイバー攻撃を受けた。",
	"■原因\nランサムウェアではなく、不正アクセスによるものではなく誤送信ではなく、紛失でなく盗難によるもの。",
	"■原因\n暗号化だけではなく、ランサムウェアのみではなく、不正アクセスではなく誤送信。",
}

// RuleRows builds rows of file from tab-separated lines, numbered from 1.
func RuleRows(file string, lines ...string) []rules.Row {
	rows := make([]rules.Row, len(lines))
	for i, l := range lines {
		rows[i] = rules.Row{File: file, Line: i + 1, Fields: strings.Split(l, "\t")}
	}
	return rows
}

// RuleLoadPanic runs f, a rule file's parser, and returns what it panicked
// with, "" when it did not.
func RuleLoadPanic(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// Sentences is every sentence of the sample corpus, as split cuts each
// normalized text.
func Sentences[S any](t testing.TB, split func(string) []S) []S {
	t.Helper()
	var out []S
	for _, txt := range SeedTexts(t) {
		out = append(out, split(txt)...)
	}
	return out
}

// MustDate is the date s (YYYY-MM-DD), the zero date for "".
func MustDate(t *testing.T, s string) schemas.Date {
	t.Helper()
	if s == "" {
		return schemas.Date{}
	}
	d, err := schemas.ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

// HostileKinds are the characters of the hostile runs: each kind is one
// class of the characters a name, a date or a count is made of, cycled.
// The kanji hold a legal form (株式会社) and words of the rules (個人,
// 情報, 流出, 不正), so that the scanners find candidates all along.
var HostileKinds = []struct{ Name, Chars string }{
	{"kanji", "漢字情報株式会社個人流出不正"},
	{"digits", "0123456789"},
	{"katakana", "アイウエオカキクケコサシスセソ"},
	{"latin", "abcdefghijklmnopqrstuvwxyz"},
}

// HostileRun is n characters cycled from chars.
func HostileRun(chars string, n int) string {
	rs := []rune(chars)
	var b strings.Builder
	b.Grow(n * 3)
	for i := range n {
		b.WriteRune(rs[i%len(rs)])
	}
	return b.String()
}

// CheckGolden compares got with the .golden file beside fixture (its .txt
// replaced), or rewrites that file when rewrite is set; flag names the
// flag that does.
func CheckGolden(t *testing.T, fixture, got string, rewrite bool, flag string) {
	t.Helper()
	golden := strings.TrimSuffix(fixture, ".txt") + ".golden"
	if rewrite {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run Golden %s)", err, flag)
	}
	if got != string(want) {
		t.Errorf("%s differs from its golden file:\n%s\nwant:\n%s", fixture, got, want)
	}
}
