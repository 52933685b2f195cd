package segment

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

var update = flag.Bool("update", false, "rewrite testdata/segment/*.golden")

func TestParseHeader(t *testing.T) {
	tests := []struct {
		line, caseID, rest string
		ok                 bool
	}{
		{"【セキュリティ事件簿#2023-265】ライフイズテック株式会社 申込者宛当選メール誤送信 2023年6月29日", "2023-265", "ライフイズテック株式会社 申込者宛当選メール誤送信 2023年6月29日", true},
		{"【セキュリティ事件簿＃２０２４－０３９】北海道大病院 フィッシングメールの送信について", "2024-039", "北海道大病院 フィッシングメールの送信について", true},
		{"【セキュリティ事件簿#2022】大阪急性期・総合医療センター 調査報告書", "", "大阪急性期・総合医療センター 調査報告書", true},
		{"【重要】不正アクセスによる個人情報流出に関する調査結果のご報告(最終報)", "", "", false},
		{"本文", "", "", false},
		// A byte order mark (files joined by cat, each saved with one) and
		// a Markdown heading's marks before the header.
		{"\uFEFF【セキュリティ事件簿#2024-102】ベータ市 誤送信について", "2024-102", "ベータ市 誤送信について", true},
		{"## 【セキュリティ事件簿#2024-101】株式会社アルファ 不正アクセス", "2024-101", "株式会社アルファ 不正アクセス", true},
		{"# 本文", "", "", false},
	}
	for _, tt := range tests {
		h, ok := ParseHeader(tt.line)
		if ok != tt.ok || h.CaseID != tt.caseID || h.Rest != tt.rest {
			t.Errorf("ParseHeader(%q) = %+v, %v; want %q, %q, %v", tt.line, h, ok, tt.caseID, tt.rest, tt.ok)
		}
	}
}

// TestSplitJoinedFiles: notices from files joined as they were saved (a
// byte order mark opening each) or as a Markdown archive's headings are a
// segment each, titled by their header without the marks.
func TestSplitJoinedFiles(t *testing.T) {
	body := "\n当社において、お客様の個人情報が漏えいしたことが判明しました。深くお詫び申し上げます。\n"
	for name, text := range map[string]string{
		"byte order marks": "\uFEFF【セキュリティ事件簿#2024-101】株式会社アルファ 不正アクセス" + body + "\uFEFF【セキュリティ事件簿#2024-102】ベータ市 誤送信について" + body,
		"markdown":         "## 【セキュリティ事件簿#2024-101】株式会社アルファ 不正アクセス" + body + "\n## 【セキュリティ事件簿#2024-102】ベータ市 誤送信について" + body,
	} {
		segs := Split(text)
		if len(segs) != 2 || segs[0].Header == nil || segs[1].Header == nil ||
			segs[0].Header.CaseID != "2024-101" || segs[1].Header.CaseID != "2024-102" {
			t.Errorf("%s: %d segments %+v", name, len(segs), segs)
			continue
		}
		if want := "【セキュリティ事件簿#2024-102】ベータ市誤送信について"; segs[1].Title != want {
			t.Errorf("%s: title %q, want %q", name, segs[1].Title, want)
		}
	}
}

func TestClassify(t *testing.T) {
	notices := []string{
		"このたび、当社が運営するオンラインショップにおいて第三者による不正アクセスを受け、お客様のクレジットカード情報が漏えいした可能性があることが判明いたしました。深くお詫び申し上げます。",
		"本市職員が、児童の氏名を記載した書類を紛失する事案が発生しました。関係者の皆様に深くお詫び申し上げます。",
		"令和6年5月10日、本校教員が保護者あてのメールを誤送信し、保護者のメールアドレスが他の保護者に表示される事案が発生しました。",
		// A system bug that showed one member's data to another.
		"当社会員サイトにおいて、システムの不具合により、ログインした会員に別の会員の登録情報が表示される誤表示が発生しておりました。",
		// A support scam on a staff PC, told without an apology.
		"令和5年6月28日、当会職員のパソコンに偽の警告画面が表示され、遠隔操作ソフトをインストールさせられるサポート詐欺の被害に遭いました。パソコンには登録者約三百名分の氏名が保存されていました。",
		// No apology, no 個人情報: a school's lost report cards.
		"市立第二小学校において、1学期の通知表(児童32名分)を紛失する事案が発生しました。学級担任がバスの車内に置き忘れたものです。",
		// No apology and no leak word: an account takeover, a follow-up.
		"本学教員のメールアカウントへの不正ログインについて(第2報)。調査の結果、フィッシングメールによりアカウント情報が窃取されたことが判明しました。",
	}
	for _, s := range notices {
		if ok, m := Classify(s); !ok {
			t.Errorf("Classify(notice) = false (margin %.1f): %s", m, s)
		}
	}
	articles := []string{
		"クロスサイトスクリプティングとは何か?この記事ではペイロードの作り方とテストに使えるツールを紹介します。GitHubで公開されている手法は研究者にとって興味深いものです。",
		"本日は新しいセキュリティツールの使い方を解説します。ペネトレーションテスターにおすすめの方法を紹介しましょう。",
	}
	for _, s := range articles {
		if ok, m := Classify(s); ok {
			t.Errorf("Classify(article) = true (margin %.1f): %s", m, s)
		}
	}
}

// segmentSummary is what the golden files record of each segment.
type segmentSummary struct {
	Index    int    `json:"index"`
	CaseID   string `json:"case_id,omitempty"`
	Notice   bool   `json:"is_notice"`
	Runes    int    `json:"runes"`
	Title    string `json:"title"`
	LastLine string `json:"last_line"`
}

// TestGoldenSeeds splits each seed file and compares the segments with
// testdata/segment/<file>.golden.
func TestGoldenSeeds(t *testing.T) {
	inputs, texts := testcorpus.SampleFiles(t), testcorpus.SampleTexts(t)
	for i, in := range inputs {
		var lines []string
		for _, s := range Split(texts[i]) {
			sum := segmentSummary{Index: s.Index, Notice: IsNotice(normalize.Text(s.Text), s.Header != nil),
				Runes: utf8.RuneCountInString(s.Text), Title: s.Title}
			if s.Header != nil {
				sum.CaseID = s.Header.CaseID
			}
			ls := strings.Split(strings.TrimSpace(s.Text), "\n")
			sum.LastLine = strings.TrimSpace(ls[len(ls)-1])
			j, _ := json.Marshal(sum)
			lines = append(lines, string(j))
		}
		got := strings.Join(lines, "\n") + "\n"
		golden := filepath.Join("../../testdata/segment", filepath.Base(in)+".golden")
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (go test ./stages/segment -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s: segments differ from %s:\n%s", in, golden, got)
		}
	}
}

// TestSeedSegments holds the counts the GUIDE states: 26 segments, 2 of
// them non-notices, both in 003.
func TestSeedSegments(t *testing.T) {
	inputs, texts := testcorpus.SampleFiles(t), testcorpus.SampleTexts(t)
	total, non := 0, 0
	for i, in := range inputs {
		for _, s := range Split(texts[i]) {
			total++
			if !IsNotice(normalize.Text(s.Text), s.Header != nil) {
				non++
				if !strings.HasPrefix(filepath.Base(in), "003") {
					t.Errorf("non-notice in %s: %s", in, s.Title)
				}
			}
		}
	}
	if total != 26 || non != 2 {
		t.Errorf("got %d segments, %d non-notices; want 26 and 2", total, non)
	}
}

// FuzzSplit: no panic; every input with text comes out as segments that
// together hold all of its non-blank lines, in order.
func FuzzSplit(f *testing.F) {
	f.Add("【セキュリティ事件簿#2023-1】A社 お知らせ\n本文。\n\n【セキュリティ事件簿#2023-2】B社\n本文")
	f.Add("タイトル\n\n\u00a0\n\n本文です。")
	f.Add("")
	f.Add("【#】\n\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		segs := Split(s)
		var want, got []string
		for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
			if bodyLen(l) > 0 {
				want = append(want, l)
			}
		}
		for i, sg := range segs {
			if sg.Index != i {
				t.Fatalf("segment %d has index %d", i, sg.Index)
			}
			for _, l := range strings.Split(sg.Text, "\n") {
				if bodyLen(l) > 0 {
					got = append(got, l)
				}
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("segments lose or reorder lines of %q", s)
		}
	})
}

func TestHeaderOnly(t *testing.T) {
	const header = "【セキュリティ事件簿#2023-265】ライフイズテック株式会社 申込者宛当選メール誤送信 2023年6月29日"
	body := "このたび、弊社において不正アクセスが発生し、お客様の個人情報が流出した可能性があることが判明いたしました。"
	text := strings.Repeat(header+"\n\n", 3) + header + "\n" + body + "\n" + header + "\n　\n"
	segs := Split(text)
	var only []bool
	for _, s := range segs {
		only = append(only, s.HeaderOnly())
	}
	// Every header starts a segment; the ones with nothing under them
	// (blank lines and ideographic spaces are nothing) are header-only.
	want := []bool{true, true, true, false, true}
	if len(segs) != len(want) {
		t.Fatalf("got %d segments, want %d", len(segs), len(want))
	}
	for i := range want {
		if only[i] != want[i] {
			t.Errorf("segment %d %q: HeaderOnly %v, want %v", i, segs[i].Text, only[i], want[i])
		}
	}
	if (Segment{Text: "お知らせ"}).HeaderOnly() {
		t.Error("a segment without a header is never header-only")
	}
}
