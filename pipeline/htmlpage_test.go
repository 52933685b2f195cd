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

// TestHTMLPageExtractsAsItsText: a notice on a web page, menus and all,
// gives the fields its text alone gives. The sample corpus's notices
// without a blog header (own pages) are run as text and as pages; a menu
// item (お知らせ一覧) once became their title and cost their organization
// and dates.
func TestHTMLPageExtractsAsItsText(t *testing.T) {
	dir := t.TempDir()
	texts, pages := filepath.Join(dir, "texts"), filepath.Join(dir, "pages")
	for _, d := range []string{texts, pages} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
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
	}
	if n == 0 {
		t.Fatalf("no notice without a blog header in %s", corpus)
	}
	const fields = `SELECT regexp_replace(source_path, '\.(txt|html)$', '') AS file, segment_index, is_incident,
		report_seq, organization, published_date, discovered_date, occurred_date, affected_count,
		cause, data_types, title FROM notices ORDER BY ALL`
	var got [2][]string
	for i, in := range []string{texts, pages} {
		out := filepath.Join(dir, "out-"+filepath.Base(in))
		run(t, out, 2, in)
		got[i] = rowsJSON(t, open(t, out), fields)
	}
	if len(got[0]) != len(got[1]) {
		t.Fatalf("%d notices from the texts, %d from the pages", len(got[0]), len(got[1]))
	}
	for i := range got[0] {
		if got[0][i] != got[1][i] {
			t.Errorf("as text:\n%s\nas a page:\n%s", got[0][i], got[1][i])
		}
	}
}
