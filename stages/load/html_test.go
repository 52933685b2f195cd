package load

import (
	"runtime"
	"strings"
	"testing"
)

func TestExtractHTML(t *testing.T) {
	tests := []struct {
		name, html, text, title string
		// treeOnly: a rule that reads a table cell whole before its text
		// (tableCells); the token-stream fallback, for pages too big or
		// too deep for a tree, reads a token at a time and has none.
		treeOnly bool
	}{
		{
			name: "script style comment noscript template head dropped",
			html: `<html><head><title> お知らせ </title><style>p{color:red}</style><script>alert("head")</script></head>
<body><script>document.write("不可視")</script><noscript>JavaScriptを有効に</noscript>
<!-- 社内メモ: 公開前に削除 --><template><p>雛形</p></template>
<p>本文です。</p><style>.x{}</style></body></html>`,
			text:  "本文です。",
			title: "お知らせ",
		},
		{
			name: "XSS payload in text stays literal text, live script dropped",
			html: `<p>攻撃文字列 &lt;script&gt;alert(1)&lt;/script&gt; が送信されました。</p>` +
				`<script>alert(document.cookie)</script><img src=x onerror="alert(2)"><p onclick="alert(3)">以上</p>`,
			text: "攻撃文字列 <script>alert(1)</script> が送信されました。\n以上",
		},
		{
			name: "blocks on their own lines, inline runs on",
			html: `<h1>第1報</h1><div>概要<span>：</span><b>不正アクセス</b></div><ul><li>氏名</li><li>住所</li></ul>` +
				`<p>一行目<br>二行目<br/><br>三行目</p><section><article>記事</article></section>`,
			text: "第1報\n概要：不正アクセス\n氏名\n住所\n一行目\n二行目\n三行目\n記事",
		},
		{
			name: "ruby readings dropped",
			html: `<p>市の<ruby>職員<rp>(</rp><rt>しょくいん</rt><rp>)</rp></ruby>が<ruby>個<rt>こ</rt>人<rt>じん</rt>情<rt>じょう</rt>報<rt>ほう</rt></ruby>を紛失しました。</p>`,
			text: "市の職員が個人情報を紛失しました。",
		},
		{
			name: "spaces collapsed, nbsp and entities",
			html: "<p>  Acme\t&amp;   Co.&nbsp;&nbsp;Ltd  &#x3042;&#12354; </p>",
			text: "Acme & Co. Ltd ああ",
		},
		{
			name: "hard-wrapped Japanese joins without a space, Latin keeps one",
			html: "<p>第三者による\n  不正アクセスを受け、\nお客様の\nWeb\nsite</p>",
			text: "第三者による不正アクセスを受け、お客様の Web site",
		},
		{
			name: "pre keeps its lines",
			html: "<pre>経緯\n  3月1日 発覚\n\n  3月2日 公表</pre>",
			text: "経緯\n  3月1日 発覚\n  3月2日 公表",
		},
		{
			name: "table row on one line, cells separated",
			html: "<table><tr><th>項目</th><th>件数</th></tr><tr><td>氏名</td><td>1,234件</td></tr></table>",
			text: "項目 件数\n氏名 1,234件",
		},
		{
			name: "layout table: a cell of lines is lines of its own, a menu cell of links is chrome",
			html: `<table><tr><td><a href="/">トップページ</a>｜<a href="/map">サイトマップ</a>｜<a href="/en">English</a></td></tr>` +
				`<tr><td width="160"><a href="/a">くらし・手続き</a><br><a href="/b">健康・福祉</a><br><a href="/c">新着情報一覧</a></td>` +
				`<td>個人情報の紛失について<br>令和6年8月8日<br>市民の方の氏名と住所が記載された書類を、職員が市役所から出張先へ移動する途中で紛失しました。関係者の皆様に深くお詫び申し上げます。詳しくは<a href="/d">こちら</a>。` +
				`<table><tr><th>発生日時</th><td>令和6年8月1日</td></tr></table></td></tr></table>`,
			text:     "個人情報の紛失について\n令和6年8月8日\n市民の方の氏名と住所が記載された書類を、職員が市役所から出張先へ移動する途中で紛失しました。関係者の皆様に深くお詫び申し上げます。詳しくはこちら。\n発生日時 令和6年8月1日",
			treeOnly: true,
		},
		{
			name: "layout table: a menu cell with a news list, its dates beside the links, is chrome too",
			html: `<table><tr><td width="160"><a href="/0/">くらし・手続き</a><br><a href="/1/">健康・福祉</a><br><br><b>新着情報</b><br>` +
				`・<a href="/n/0.html">児童215名分の個人情報を含むUSBメモリの紛失について</a>(2023年8月10日)<br>` +
				`・<a href="/n/1.html">ランサムウェア被害によるシステム停止について(第2報)</a>(2023年6月20日)</td>` +
				`<td>電子メールの誤配信について<br>平成20年5月20日<br>財団が会員へ送信した電子メールで、他の会員のメールアドレスが表示される誤配信がありました。関係者の皆様に深くお詫び申し上げます。</td></tr></table>`,
			text:     "電子メールの誤配信について\n平成20年5月20日\n財団が会員へ送信した電子メールで、他の会員のメールアドレスが表示される誤配信がありました。関係者の皆様に深くお詫び申し上げます。",
			treeOnly: true,
		},
		{
			name: "dl dt dd",
			html: "<dl><dt>発覚日</dt><dd>2024年3月15日</dd></dl>",
			text: "発覚日\n2024年3月15日",
		},
		{
			name: "svg title is not the page title",
			html: "<html><head><title>本当の題</title></head><body><svg><title>アイコン</title></svg><p>本文</p></body></html>",
			text: "本文", title: "本当の題",
		},
		{
			name: "no markup at all",
			html: "ただのテキスト",
			text: "ただのテキスト",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, title := extractHTML(tc.html)
			if text != tc.text {
				t.Errorf("text:\n got %q\nwant %q", text, tc.text)
			}
			if title != tc.title {
				t.Errorf("title: got %q want %q", title, tc.title)
			}
			// The token-stream fallback follows the same rules.
			if text, title := extractTokens(tc.html); !tc.treeOnly && (text != tc.text || title != tc.title) {
				t.Errorf("extractTokens: got %q %q", text, title)
			}
		})
	}
}

// The parser refuses nesting deeper than 512 elements; the token-stream
// fallback still finds the text.
func TestExtractHTMLDeep(t *testing.T) {
	const depth = 100000
	src := strings.Repeat("<div>", depth) + "深い本文" + strings.Repeat("</div>", depth)
	if text, _ := extractHTML(src); text != "深い本文" {
		t.Fatalf("got %q", text)
	}
}

// A page of more tags than maxHTMLTags is read by the tokenizer, in memory
// about its own size: its tree would take ~40 times it (a 60 MB page of
// empty tags once peaked at 1.5 GB).
func TestExtractHTMLManyTagsBounded(t *testing.T) {
	src := "<html><head><title>題名</title></head><body>" + strings.Repeat("<span></span><b></b>", maxHTMLTags/2+1) + "<p>本文です。</p><p>二行目</p></body></html>"
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	text, title := extractHTML(src)
	runtime.ReadMemStats(&after)
	if text != "本文です。\n二行目" || title != "題名" {
		t.Errorf("got %q %q", text, title)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(4*len(src)*raceAllocFactor) {
		t.Errorf("allocated %d bytes for a %d-byte page: the tree parse, not the tokenizer", alloc, len(src))
	}
}

// TestPageTitle: the <title> without the site's name, or the <h1> of the
// content when the <title> is chrome or only the site's name.
func TestPageTitle(t *testing.T) {
	body := "<p>この度、個人情報が漏えいしました。</p>"
	for _, c := range []struct{ name, html, want string }{
		{"site name suffix goes",
			"<html><head><title>個人情報の漏えいについて | 青葉市</title></head><body><h1>青葉市</h1>" + body + "</body></html>",
			"個人情報の漏えいについて"},
		{"title is the site's name: the h1 of the main content",
			`<html><head><title>青葉市ホームページ</title></head><body><header><h1>青葉市</h1></header><div id="main"><h1>個人情報の漏えいについて</h1>` + body + "</div></body></html>",
			"個人情報の漏えいについて"},
		{"title without a cue, h1 with one",
			`<html><head><title>青葉市</title></head><body><main><h1>不正アクセスに関するお知らせ</h1>` + body + "</main></body></html>",
			"不正アクセスに関するお知らせ"},
		{"title is chrome: the first h1",
			"<html><head><title>トップページ</title></head><body><h1>メール誤送信のお詫び</h1>" + body + "</body></html>",
			"メール誤送信のお詫び"},
		{"a title with a cue wins over an h1",
			`<html><head><title>メール誤送信のお詫び｜青葉県</title></head><body><article><h1>新着情報</h1>` + body + "</article></body></html>",
			"メール誤送信のお詫び"},
		{"nothing usable: the title as written",
			"<html><head><title>お知らせ</title></head><body>" + body + "</body></html>",
			"お知らせ"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, got := extractHTML(c.html); got != c.want {
				t.Errorf("title %q, want %q", got, c.want)
			}
		})
	}
}
