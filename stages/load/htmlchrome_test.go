package load

import (
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

// body is a notice long enough (minContentRunes) that a page keeps only it
// once its chrome is left out.
const chromeTestBody = "<p>令和6年5月10日、職員が個人情報を含む書類を紛失したことが判明しました。</p>" +
	"<p>対象となる方には個別に連絡し、お詫びを申し上げております。再発防止に努めてまいります。</p>"

const chromeTestText = "令和6年5月10日、職員が個人情報を含む書類を紛失したことが判明しました。\n" +
	"対象となる方には個別に連絡し、お詫びを申し上げております。再発防止に努めてまいります。"

// TestHTMLChrome: the menus, breadcrumbs, side columns and form controls
// of a page (rules/text/html_chrome.tsv) are not part of its text; a
// menu item with a title cue (お知らせ一覧) once became the notice's title.
func TestHTMLChrome(t *testing.T) {
	tests := []struct {
		name, html, text string
		tokens           string // extractTokens' text when it differs (ids and classes are not read there)
	}{
		{
			name: "nav menu",
			html: `<body><nav><ul><li><a>お知らせ一覧</a></li><li><a>くらし</a></li></ul></nav><main><h1>書類の紛失について</h1>` + chromeTestBody + `</main></body>`,
			text: "書類の紛失について\n" + chromeTestText,
		},
		{
			name:   "role navigation and search",
			html:   `<body><div role="navigation">新着情報一覧</div><div role="search">サイト内検索</div><div>` + chromeTestBody + `</div></body>`,
			text:   chromeTestText,
			tokens: "新着情報一覧\nサイト内検索\n" + chromeTestText,
		},
		{
			name: "breadcrumb, skip link and share buttons by class and id",
			html: `<body><div id="skip">本文へスキップ</div><div class="c-breadcrumb"><a>トップ</a> &gt; <a>報道発表</a></div>` +
				`<ul class="pankuzuList"><li>ホーム</li></ul><div class="sns-area">ツイート シェア</div>` + chromeTestBody + `</body>`,
			text:   chromeTestText,
			tokens: "本文へスキップ\nトップ > 報道発表\nホーム\nツイート シェア\n" + chromeTestText,
		},
		{
			name: "side column and form controls",
			html: `<body>` + chromeTestBody + `<aside><h2>関連情報</h2><p>他のお知らせ</p></aside>` +
				`<form><p>このページの情報は役に立ちましたか</p><select><option>はい</option><option>いいえ</option></select><button>送信</button></form></body>`,
			text: chromeTestText + "\nこのページの情報は役に立ちましたか",
		},
		{
			name: "a CMS's local menu and a side column by id, a related-links box by class",
			html: `<body><div id="tmp_lnavi"><h2>新着情報</h2><ul><li>個人情報の流出について(2022年12月7日)</li></ul></div>` +
				`<div id="side"><p>くらし・手続き</p></div>` + chromeTestBody + `<div class="related"><p>他のお知らせ</p></div></body>`,
			text:   chromeTestText,
			tokens: "新着情報\n個人情報の流出について(2022年12月7日)\nくらし・手続き\n" + chromeTestText + "\n他のお知らせ",
		},
		{
			name: "after a page's only article, its other news is chrome; a heading before it and the footer stay",
			html: `<body><main><h1>お知らせ</h1><article>` + chromeTestBody + `</article><section class="p-news__other"><h2>最新のニュース</h2>` +
				`<ul><li><time>2023.06.20</time><a>ランサムウェア被害について(第2報)</a></li></ul></section></main><footer>株式会社青葉</footer></body>`,
			text:   "お知らせ\n" + chromeTestText + "\n株式会社青葉",
			tokens: "お知らせ\n" + chromeTestText + "\n最新のニュース\n2023.06.20ランサムウェア被害について(第2報)\n株式会社青葉",
		},
		{
			name: "a page of two articles, a listing, keeps both",
			html: `<body><main><article>` + chromeTestBody + `</article><article><p>ランサムウェア被害について(第2報)</p></article></main></body>`,
			text: chromeTestText + "\nランサムウェア被害について(第2報)",
		},
		{
			name: "header and footer stay: the organization may be named only there",
			html: `<body><header><div class="logo">青葉市</div></header>` + chromeTestBody + `<footer>青葉市役所 総務課</footer></body>`,
			text: "青葉市\n" + chromeTestText + "\n青葉市役所 総務課",
		},
		{
			name: "content marked as such stays whatever its class says",
			html: `<body><div id="main" class="has-sidebar">` + chromeTestBody + `</div></body>`,
			text: chromeTestText,
		},
		{
			name: "a word that only holds a short mark is no mark",
			html: `<body><div class="canvas-wrap snsd">` + chromeTestBody + `</div></body>`,
			text: chromeTestText,
		},
		{
			name: "a page that would keep too little keeps its chrome",
			html: `<body><nav><p>個人情報を含む書類の紛失について</p></nav><p>詳細は後日お知らせします。</p></body>`,
			text: "個人情報を含む書類の紛失について\n詳細は後日お知らせします。",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if text, _ := extractHTML(tc.html); text != tc.text {
				t.Errorf("extractHTML:\n got %q\nwant %q", text, tc.text)
			}
			want := tc.text
			if tc.tokens != "" {
				want = tc.tokens
			}
			if text, _ := extractTokens(tc.html); text != want {
				t.Errorf("extractTokens:\n got %q\nwant %q", text, want)
			}
		})
	}
}

// TestHTMLChromeRules reads the bundled file and refuses what it must.
func TestHTMLChromeRules(t *testing.T) {
	c, err := parseHTMLChrome(rules.Table(FileHTMLChrome, 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.elements) == 0 || len(c.roles) == 0 || len(c.marks) == 0 {
		t.Fatalf("empty kinds: %+v", c)
	}
	for _, bad := range [][]string{
		{"element", "blink2"}, // no HTML element
		{"element", "main"},   // the content itself
		{"mark", "Nav"},       // not lower case
		{"class", "nav"},      // no such kind
	} {
		row := rules.Row{File: FileHTMLChrome, Line: 1, Fields: bad}
		if _, err := parseHTMLChrome([]rules.Row{row}); err == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
}
