// Package pageforms writes a notice the ways real inputs bring an
// organization's own notice: as a copy of its page's text with the site's
// chrome around it, as the HTML page itself, and wrapped at a fixed width
// as PDF text is. bench/wrapcheck measures extraction over these forms and
// the pipeline's tests check that they give the plain notice's fields.
package pageforms

import (
	"html"
	"strings"

	"golang.org/x/text/width"
)

// Top and Foot are a municipal or corporate site's chrome as a copy of its
// page's text holds it: skip link, tools bar, search, a menu whose items
// hold title cues (お知らせ一覧), breadcrumb and share buttons above the
// notice; related links, a survey and the contact footer below.
const (
	Top = "本文へスキップ\nホーム サイトマップ Foreign Language 文字サイズ 標準 拡大 背景色 白 黒\n検索\n" +
		"くらし・手続き\n子育て・教育\n健康・福祉\nお知らせ一覧\n報道発表一覧\nトップページ > 新着情報\nツイート\nシェア\n"
	Foot = "\n関連情報\n個人情報保護方針\n過去のお知らせ一覧\nこのページの情報は役に立ちましたか\n" +
		"このページに関するお問い合わせ\nページの先頭へ戻る\nCopyright © All Rights Reserved.\n"
)

// Copy is the notice s as a copy of its page's text: Top, s, Foot.
func Copy(s string) string { return Top + s + Foot }

// CMSTop and CMSFoot are the chrome of another common municipal CMS page,
// as a copy of its text holds it: a top anchor, a tool bar of colours,
// reading aloud and languages, a menu of the city's sections and a
// breadcrumb filed under a fiscal year above the notice; below it the PDF
// viewer's notice, a feedback form, a contact block that names no office,
// the site's policy links and its credit. Their words (情報, ファイル,
// メール, 個人情報, 市政) are no words of the notice.
const (
	CMSTop = "ページの先頭です\nメニューを飛ばして本文へ\n文字サイズ 小 中 大\n色合い 標準 青 黄 黒\n音声読み上げ\n" +
		"English 中文 한국어\nサイト内検索\nくらしの情報\n健康・福祉\n子育て・教育\n市政情報\n" +
		"現在位置 ホーム > 市政情報 > 報道発表 > 令和7年度\n"
	CMSFoot = "\nPDF形式のファイルをご覧いただく場合には、Adobe社が提供するAdobe Readerが必要です。\n" +
		"Adobe Readerをお持ちでない方は、バナーのリンク先からダウンロードしてください。(無料)\n" +
		"このページの情報は役に立ちましたか\n役に立った どちらともいえない 役に立たなかった\n送信\n" +
		"お問い合わせ\n電話:000-000-0000 ファクス:000-000-0001\nメールでのお問い合わせはこちら\n" +
		"サイトマップ\n個人情報の取り扱い\nリンク・著作権・免責事項\nウェブアクセシビリティ\nCopyright © All Rights Reserved.\n"
)

// CMS is the notice s as a copy of such a page's text: CMSTop, s,
// CMSFoot.
func CMS(s string) string { return CMSTop + s + CMSFoot }

// Page is the notice s on its site's HTML page, the same chrome as Top
// and Foot in the elements a site puts it in (nav, breadcrumb, aside,
// forms, footer), every line of s that is not blank a paragraph. The
// page's <title> is the site's generic お知らせ and the content has no
// <h1>, as on many sites: the notice's title has to come from its text,
// where a menu item (お知らせ一覧) once took its place.
func Page(s string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>お知らせ</title>
<script>var dataLayer = [];</script></head>
<body>
<div id="skip"><a href="#main">本文へスキップ</a></div>
<header><div class="tools">ホーム サイトマップ Foreign Language 文字サイズ 標準 拡大 背景色 白 黒</div>
<form role="search"><input type="text"><button>検索</button></form>
<nav class="gnav"><ul><li><a>くらし・手続き</a></li><li><a>子育て・教育</a></li><li><a>お知らせ一覧</a></li><li><a>報道発表一覧</a></li></ul></nav></header>
<div class="breadcrumb"><a>トップページ</a> &gt; <a>新着情報</a></div>
<main id="main">
<div class="sns"><a>ツイート</a> <a>シェア</a></div>
`)
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			b.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
		}
	}
	b.WriteString(`</main>
<aside><h2>関連情報</h2><ul><li><a>個人情報保護方針</a></li><li><a>過去のお知らせ一覧</a></li></ul></aside>
<form><p>このページの情報は役に立ちましたか</p><select><option>役に立った</option></select><button>送信</button></form>
<footer><p>このページに関するお問い合わせ</p><p>ページの先頭へ戻る</p><p>Copyright © All Rights Reserved.</p></footer>
</body></html>
`)
	return b.String()
}

// PageBR is Page with each paragraph broken by <br> every cols columns,
// as old pages were set by hand (「…個人情報が記載された書類を紛<br>失しました」).
func PageBR(s string, cols int) string {
	const brMark = "\ue000" // a private-use rune: Page escapes no such
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(wrapLine(l, cols), brMark)
	}
	return strings.ReplaceAll(Page(strings.Join(lines, "\n")), brMark, "<br>")
}

// TablePage is s in a page laid out in a table, as many of 2006–2012 were:
// a banner row, a menu of links in the left cell, the notice in the right
// one with a <br> after each line, a footer row; no tag says which is the
// menu.
func TablePage(s string) string {
	var b strings.Builder
	b.WriteString(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>お知らせ</title></head>
<body bgcolor="#ffffff">
<table width="760" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="logo.gif" alt="ホームページ"><a href="/">トップページ</a>｜<a href="/sitemap">サイトマップ</a>｜<a href="/english">English</a></td></tr>
<tr><td width="160" valign="top">
<a href="/kurashi">くらし・手続き</a><br><a href="/kenko">健康・福祉</a><br><a href="/kyoiku">教育・文化</a><br><a href="/sangyo">産業・しごと</a><br><a href="/news">新着情報一覧</a>
</td>
<td width="600" valign="top"><font size="2">
`)
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("<br>\n")
		}
		b.WriteString(html.EscapeString(l))
	}
	b.WriteString(`
</font></td></tr>
<tr><td colspan="2"><hr>このページの先頭へ<br>Copyright(C) All Rights Reserved.</td></tr>
</table></body></html>
`)
	return b.String()
}

// Wide writes the ASCII of s full-width (「令和７年７月１５日（火曜日）」),
// as many offices' documents do: each such rune takes two columns where the
// text is laid out, and one once normalized.
func Wide(s string) string {
	return width.Widen.String(s)
}

// Wrap breaks every line of s but the first (the title, which a PDF sets
// apart) at cols columns, a wide or full-width rune counting two, and an
// ambiguous one from U+1100 on (①, ※, ■), which Japanese type sets
// full-width.
func Wrap(s string, cols int) string {
	lines := strings.Split(s, "\n")
	out := lines[:1:1]
	for _, l := range lines[1:] {
		out = append(out, wrapLine(l, cols)...)
	}
	return strings.Join(out, "\n")
}

// wrapLine is l broken every cols columns, as Wrap counts them.
func wrapLine(l string, cols int) []string {
	var out []string
	var cur strings.Builder
	w := 0
	for _, r := range l {
		rw := 1
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth || k == width.EastAsianAmbiguous && r >= 0x1100 {
			rw = 2
		}
		if w+rw > cols {
			out = append(out, cur.String())
			cur.Reset()
			w = 0
		}
		cur.WriteRune(r)
		w += rw
	}
	return append(out, cur.String())
}
