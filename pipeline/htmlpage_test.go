package pipeline

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pageChromeTemplate is a municipal or corporate site's page around a
// notice: a tools bar, a menu whose items hold title cues (お知らせ一覧),
// breadcrumbs, share buttons, a side column, a survey form and a footer,
// as real pages have them. %s is the notice, one <p> a paragraph.
const pageChromeTemplate = `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>お知らせ</title>
<script>var dataLayer = [];</script></head>
<body>
<div id="skip"><a href="#main">本文へスキップ</a></div>
<header><div class="tools">ホーム サイトマップ Foreign Language 文字サイズ 標準 拡大 背景色 白 黒</div>
<form role="search"><input type="text"><button>検索</button></form>
<nav class="gnav"><ul><li><a>くらし・手続き</a></li><li><a>お知らせ一覧</a></li><li><a>報道発表一覧</a></li></ul></nav></header>
<div class="breadcrumb"><a>トップページ</a> &gt; <a>新着情報</a></div>
<main id="main">
<div class="sns"><a>ツイート</a> <a>シェア</a></div>
%s</main>
<aside><h2>関連情報</h2><ul><li><a>個人情報保護方針</a></li><li><a>過去のお知らせ一覧</a></li></ul></aside>
<form><p>このページの情報は役に立ちましたか</p><select><option>役に立った</option></select><button>送信</button></form>
<footer><p>このページに関するお問い合わせ</p><p>ページの先頭へ戻る</p><p>Copyright © All Rights Reserved.</p></footer>
</body></html>
`

// pageChromeTop and pageChromeFoot are the same chrome as a copy of the
// page's text holds it, above and below the notice.
const (
	pageChromeTop = "本文へスキップ\nホーム サイトマップ Foreign Language 文字サイズ 標準 拡大 背景色 白 黒\n検索\n" +
		"くらし・手続き\n子育て・教育\n健康・福祉\nお知らせ一覧\n報道発表一覧\nトップページ > 新着情報\nツイート\nシェア\n"
	pageChromeFoot = "\n関連情報\n個人情報保護方針\n過去のお知らせ一覧\nこのページの情報は役に立ちましたか\n" +
		"このページに関するお問い合わせ\nページの先頭へ戻る\nCopyright © All Rights Reserved.\n"
)

// signedNotice is a hospital's letter: dated in its first line, signed
// at its foot. A page's menu above pushed its date past the lines a
// letterhead's date is read from.
const signedNotice = "令和6年5月10日\n(2024年)\n個人情報を含む書類の盗難のお詫び\n" +
	"この度、当院におきまして、患者さんの個人情報を含む書類の盗難事案が発生いたしました。\n" +
	"対象の患者さんには個別に連絡し、お詫びを申し上げております。\n" +
	"今後は書類の管理を徹底し、再発防止に取り組んでまいります。\n" +
	"青葉市立青葉病院\n病院長 青葉太郎\n"

// TestHTMLPageExtractsAsItsText: a notice on a web page, menus and all,
// gives the fields its text alone gives, as HTML and as a copy of the
// page's text. The sample corpus's notices without a blog header (own
// pages) are run as text, as pages and as copies; a menu item (お知らせ
// 一覧) once became their title, and the menu above them and the footer
// below cost their organization and dates.
func TestHTMLPageExtractsAsItsText(t *testing.T) {
	dir := t.TempDir()
	texts, pages, copies := filepath.Join(dir, "texts"), filepath.Join(dir, "pages"), filepath.Join(dir, "copies")
	for _, d := range []string{texts, pages, copies} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	// And a hospital's letter, dated at its head and signed at its foot.
	signed := filepath.Join(dir, "signed.txt")
	if err := os.WriteFile(signed, []byte(signedNotice), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, signed)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := strings.ReplaceAll(string(b), "\r\n", "\n")
		if strings.Contains(src, "【セキュリティ事件簿") {
			continue // a blog archive: its header, not a page, says what it is
		}
		n++
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		var body strings.Builder
		for _, para := range strings.Split(src, "\n\n") {
			if p := strings.TrimSpace(para); p != "" {
				body.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(p), "\n", "<br>") + "</p>\n")
			}
		}
		if err := os.WriteFile(filepath.Join(texts, name+".txt"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		page := strings.Replace(pageChromeTemplate, "%s", body.String(), 1)
		if err := os.WriteFile(filepath.Join(pages, name+".html"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(copies, name+".txt"), []byte(pageChromeTop+src+pageChromeFoot), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatalf("no notice without a blog header in %s", corpus)
	}
	const fields = `SELECT regexp_replace(source_path, '\.(txt|html)$', '') AS file, segment_index, is_incident,
		report_seq, organization, published_date, discovered_date, occurred_date, affected_count,
		cause, data_types, title FROM notices ORDER BY ALL`
	var got [3][]string
	for i, in := range []string{texts, pages, copies} {
		out := filepath.Join(dir, "out-"+filepath.Base(in))
		run(t, out, 2, in)
		got[i] = rowsJSON(t, open(t, out), fields)
	}
	for k, as := range []string{"", "as a page", "as a copy of the page's text"} {
		if k == 0 {
			continue
		}
		if len(got[0]) != len(got[k]) {
			t.Fatalf("%d notices from the texts, %d %s", len(got[0]), len(got[k]), as)
		}
		for i := range got[0] {
			if got[0][i] != got[k][i] {
				t.Errorf("as text:\n%s\n%s:\n%s", got[0][i], as, got[k][i])
			}
		}
	}
}
