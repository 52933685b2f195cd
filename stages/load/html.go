package load

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/breachtrend/breachtrend/stages/title"
)

// hidden elements hold no text a reader sees. <head> is dropped too, but its
// <title> is read for Document.Title (pageTitle). A ruby's reading (<rt>)
// and its fallback brackets (<rp>) are no part of the words they annotate:
// <ruby>職員<rt>しょくいん</rt></ruby> reads 職員, as a page for children or
// in easy Japanese sets its kanji.
var hidden = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Svg: true, atom.Math: true, atom.Rt: true, atom.Rp: true,
}

// blocks start and end a line, so that each paragraph, heading, list item
// and table row of a notice stays on its own line for the segmenter.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Br: true, atom.Caption: true, atom.Center: true,
	atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Legend: true, atom.Li: true, atom.Listing: true, atom.Main: true,
	atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.Option: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Tfoot: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// cells are separated by a space: the cells of one table row share a line.
var cells = map[atom.Atom]bool{atom.Td: true, atom.Th: true}

// maxHTMLTags bounds the tags (counted as "<" bytes, an upper bound) of a
// page parsed into a tree; a bigger page goes through the tokenizer
// (extractTokens), in memory proportional to its text. Real notice pages
// hold a few thousand tags; a tree node costs ~200 bytes plus its strings.
const maxHTMLTags = 100_000

// extractHTML returns the visible text of an HTML document, one block a
// line, and its title (pageTitle: the <title> or the <h1>). The parser decodes entities, so "&lt;script&gt;" in
// a notice comes out as the literal text a reader sees, never as markup.
// The page's chrome (menus, breadcrumbs, side columns, form controls:
// rules/text/html_chrome.tsv) is left out, unless the page then holds
// less than minContentRunes of text.
func extractHTML(src string) (text, title string) {
	if strings.Count(src, "<") > maxHTMLTags {
		// A tree of a million nodes takes a gigabyte (a 60 MB page of empty
		// tags peaked at 1.5 GB); the tokenizer holds one token at a time.
		return extractTokens(src)
	}
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// The parser refuses pages nested deeper than 512 elements; the
		// tokenizer has no such limit and still finds their text.
		return extractTokens(src)
	}
	layout := tableCells(root)
	layout.beside = besideOnlyArticle(root)
	text, title = treeText(root, layout, true)
	if tooLittleText(text) {
		text, title = treeText(root, layout, false)
	}
	mainH1, firstH1 := headings(root)
	return text, pageTitle(title, mainH1, firstH1)
}

// treeText is the visible text of the tree under root, whose table cells
// are layout (tableCells), and the text of its first <title>; without the
// page's chrome, menu cells among it, when skipChrome.
func treeText(root *html.Node, layout layoutCells, skipChrome bool) (text, title string) {
	var b lineBuilder
	pre := 0
	walkTree(root, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			b.write(n.Data, pre > 0)
			return false
		case html.ElementNode:
			if n.Namespace == "" && n.DataAtom == atom.Title {
				if title == "" {
					title = titleText(n)
				}
				return false
			}
			if hidden[n.DataAtom] {
				if n.DataAtom == atom.Head && title == "" {
					title = findTitle(n)
				}
				return false
			}
			if skipChrome && (pageChrome.isChrome(n) || layout.menu[n] || layout.beside[n]) {
				// A block of its own: the text on either side of it does
				// not run together.
				b.endBlock(true)
				return false
			}
			if n.DataAtom == atom.Pre {
				pre++
			}
			b.endBlock(blocks[n.DataAtom] || layout.lines[n])
			b.gap(cells[n.DataAtom])
			return true
		case html.DocumentNode:
			return true
		}
		return false // comments, doctypes, raw nodes: nothing visible
	}, func(n *html.Node) { // exits close blocks
		if n.DataAtom == atom.Pre {
			pre--
		}
		b.endBlock(blocks[n.DataAtom] || layout.lines[n])
		b.gap(cells[n.DataAtom])
	})
	return b.String(), title
}

// walkTree visits the tree under root depth-first in document order, over
// an explicit stack rather than recursion: enter(n) for each node, and
// when that returns true, n's children and then exit(n).
func walkTree(root *html.Node, enter func(*html.Node) bool, exit func(*html.Node)) {
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f.exit {
			exit(f.n)
			continue
		}
		if !enter(f.n) {
			continue
		}
		stack = append(stack, frame{n: f.n, exit: true})
		for c := f.n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c})
		}
	}
}

// layoutCells are the table cells of a page laid out in a table, which
// puts its menu in one cell and the notice in the next. lines hold a
// block or a line break (blocks): such a cell's lines are lines of their
// own, where the cells of a data row (発生日時 | 令和6年…) share one. menu
// are its menus: at least menuCellLinks links, whose text is at least
// menuCellLinkPercent of the cell's (a link-dense block, as boilerplate
// detectors read it), which no tag or class marks as chrome.
// beside are the elements beside a page's only <article> (besideOnlyArticle).
type layoutCells struct{ lines, menu, beside map[*html.Node]bool }

// besideOnlyArticle returns, when the page holds one <article>, the
// elements that share its parent after it, but a <footer>: a list of the
// site's other news (「最新のニュース」, each title with its date), whose
// dates, causes and counts are other notices'. What stands before it
// stays (a heading over the article, its date); so does a page of several
// articles (a listing).
func besideOnlyArticle(root *html.Node) map[*html.Node]bool {
	var only *html.Node
	n := 0
	walkTree(root, func(e *html.Node) bool {
		if e.Type == html.ElementNode && e.DataAtom == atom.Article {
			only = e
			n++
			return false // an article inside it is a part of it
		}
		return e.Type == html.DocumentNode || e.Type == html.ElementNode && !hidden[e.DataAtom]
	}, func(*html.Node) {})
	if n != 1 || only.Parent == nil {
		return nil
	}
	beside := map[*html.Node]bool{}
	for e := only.NextSibling; e != nil; e = e.NextSibling {
		if e.Type == html.ElementNode && e.DataAtom != atom.Footer {
			beside[e] = true
		}
	}
	return beside
}

// tableCells sorts the table cells under root, in one pass from the
// leaves up, so nested layout tables cost no more.
func tableCells(root *html.Node) layoutCells {
	type count struct{ text, linkText, links int }
	counts := map[*html.Node]count{} // what stands below a node not yet exited
	holds := map[*html.Node]bool{}   // nodes below which a block stands
	layout := layoutCells{lines: map[*html.Node]bool{}, menu: map[*html.Node]bool{}}
	walkTree(root, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			if p := n.Parent; p != nil {
				k := counts[p]
				k.text += utf8.RuneCountInString(strings.TrimSpace(n.Data))
				counts[p] = k
			}
			return false
		case html.ElementNode:
			return !hidden[n.DataAtom]
		}
		return n.Type == html.DocumentNode
	}, func(n *html.Node) {
		below, k := holds[n], counts[n]
		delete(holds, n)
		delete(counts, n)
		if n.DataAtom == atom.A {
			k.linkText, k.links = k.text, k.links+1
		}
		if cells[n.DataAtom] && below {
			layout.lines[n] = true
		}
		if cells[n.DataAtom] && k.links >= menuCellLinks && k.linkText*100 >= k.text*menuCellLinkPercent {
			layout.menu[n] = true
		}
		if p := n.Parent; p != nil {
			if below || blocks[n.DataAtom] {
				holds[p] = true
			}
			pk := counts[p]
			pk.text, pk.linkText, pk.links = pk.text+k.text, pk.linkText+k.linkText, pk.links+k.links
			counts[p] = pk
		}
	})
	return layout
}

// menuCellLinks and menuCellLinkPercent tell a table cell that is a menu
// (tableCells): three links or more, and three fifths of its text theirs.
// Not four fifths: an old page's left column lists its news beside its
// menu, each title's date outside its link (「・<a>…について</a>(2023年8月
// 10日)」), and the dates and bullets made a third of the cell's text.
const (
	menuCellLinks       = 3
	menuCellLinkPercent = 60
)

// pageTitle is the title of a page: its <title> without the site's name
// (「… | 青葉市」), unless that is chrome or only the site's name, or holds
// no title cue where the <h1> of the content (else the first <h1>) does:
// then the <h1>. When neither is usable the <title> is kept as written;
// the pipeline's title.Clean drops it if it is chrome.
func pageTitle(tag, mainH1, firstH1 string) string {
	page := title.Clean(tag)
	h1 := title.Clean(mainH1)
	if h1 == "" {
		h1 = title.Clean(firstH1)
	}
	switch {
	case h1 == "" && page == "":
		return tag
	case h1 == "":
		return page
	case page == "" || title.IsSiteName(page):
		return h1
	case !title.HasCue(page) && title.HasCue(h1):
		return h1
	}
	return page
}

// headings returns the text of the first <h1> inside the page's content
// (<main>, <article>, role="main", or an element whose id or class names
// the content) and of the first <h1> anywhere: municipal sites often put
// the site's logo in an <h1> of the header and the notice's in the main.
func headings(root *html.Node) (inMain, first string) {
	inContent := 0 // content elements open around the node
	walkTree(root, func(n *html.Node) bool {
		if inMain != "" {
			return false // found: the walk winds down
		}
		if n.Type != html.ElementNode {
			return true
		}
		if n.Namespace != "" || hidden[n.DataAtom] {
			return false
		}
		if n.DataAtom == atom.H1 {
			t := innerText(n)
			if first == "" {
				first = t
			}
			if (inContent > 0 || isContent(n)) && t != "" {
				inMain = t
			}
			return false
		}
		if isContent(n) {
			inContent++
		}
		return true
	}, func(n *html.Node) {
		if n.Type == html.ElementNode && isContent(n) {
			inContent--
		}
	})
	return inMain, first
}

// contentMarks are words of an id or a class that mark the main content.
var contentMarks = []string{"main", "content", "honbun", "article"}

// isContent reports whether n holds a page's main content.
func isContent(n *html.Node) bool {
	if isContentAtom(n.DataAtom) {
		return true
	}
	for _, a := range n.Attr {
		v := strings.ToLower(a.Val)
		switch a.Key {
		case "role":
			if v == "main" {
				return true
			}
		case "id", "class":
			for _, m := range contentMarks {
				if strings.Contains(v, m) {
					return true
				}
			}
		}
	}
	return false
}

// innerText is the visible text under n on one line.
func innerText(n *html.Node) string {
	var b lineBuilder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case c.Type == html.TextNode:
			b.write(c.Data, false)
		case c.Type == html.ElementNode && hidden[c.DataAtom]:
			continue
		case c.Type == html.ElementNode && (blocks[c.DataAtom] || cells[c.DataAtom]):
			b.gap(true)
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return b.String()
}

// extractTokens is extractHTML without a tree, for pages the parser
// rejects: the same hidden, block and cell rules, applied to the token
// stream. Missing end tags cost some accuracy, never the text.
// Of the page's chrome only its elements (html_chrome.tsv: nav, aside, …)
// are left out: an id or a class would need the end tag that closes it,
// and a layout table's cells (tableCells) the cell read whole first.
func extractTokens(src string) (text, title string) {
	text, title = tokenText(src, true)
	if tooLittleText(text) {
		text, title = tokenText(src, false)
	}
	return text, pageTitle(title, "", "")
}

// tokenText is the visible text of the token stream of src and the text
// of its first <title>; without the chrome elements when skipChrome.
func tokenText(src string, skipChrome bool) (text, title string) {
	var b lineBuilder
	z := html.NewTokenizer(strings.NewReader(src))
	hide, pre, inTitle := 0, 0, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken: // io.EOF: a strings.Reader has no other error
			return b.String(), title
		case html.TextToken:
			if inTitle && title == "" {
				var t lineBuilder
				t.write(string(z.Text()), false)
				title = t.String()
			} else if hide == 0 && !inTitle {
				b.write(string(z.Text()), pre > 0)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			start := tt == html.StartTagToken
			switch {
			case a == atom.Title:
				inTitle = start
			case (hidden[a] || skipChrome && pageChrome.elements[a]) && tt != html.SelfClosingTagToken:
				if start {
					hide++
				} else if hide > 0 {
					hide--
				}
			case a == atom.Pre && tt != html.SelfClosingTagToken:
				if start {
					pre++
				} else if pre > 0 {
					pre--
				}
			}
			if hide == 0 {
				b.endBlock(blocks[a])
				b.gap(cells[a])
			}
		}
	}
}

// findTitle returns the text of the first HTML <title> under n.
func findTitle(n *html.Node) string {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Namespace == "" && c.DataAtom == atom.Title {
			return titleText(c)
		}
	}
	return ""
}

// titleText collapses the text of a <title> (RCDATA: text children only).
func titleText(n *html.Node) string {
	var b lineBuilder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.write(c.Data, false)
		}
	}
	return b.String()
}

// lineBuilder assembles visible text the way a browser lays it out: runs of
// white space inside a line become one space, blocks become line breaks, and
// empty lines are dropped.
type lineBuilder struct {
	out        strings.Builder
	lineLen    int
	last       rune // last rune of the current line
	space, brk bool // white space pending; whether it held a line break
}

func isHTMLSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\u00a0': // &nbsp; is layout, not text
		return true
	}
	return false
}

// wide reports whether r is a CJK character. A source line break between two
// of them is dropped, not turned into a space (CSS Text 3 segment break
// rules): Japanese HTML is often hard-wrapped mid-sentence, and a space
// inside 「不正アクセス」 would split words for the tokenizer.
func wide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

func (b *lineBuilder) write(s string, pre bool) {
	for _, r := range s {
		if pre {
			if r == '\n' {
				b.endBlock(true)
				continue
			}
			if r == '\r' {
				continue
			}
		} else if isHTMLSpace(r) {
			b.space = true
			b.brk = b.brk || r == '\n' || r == '\r'
			continue
		}
		if b.space && b.lineLen > 0 && !(b.brk && wide(b.last) && wide(r)) {
			b.out.WriteByte(' ')
			b.lineLen++
		}
		b.space, b.brk = false, false
		b.out.WriteRune(r)
		b.lineLen += utf8.RuneLen(r)
		b.last = r
	}
}

// gap marks a word boundary when on is true: white space that collapses
// with its neighbours and never starts or ends a line.
func (b *lineBuilder) gap(on bool) {
	if on {
		b.space = true
	}
}

// endBlock ends the current line when block is true; inline elements run on.
func (b *lineBuilder) endBlock(block bool) {
	if !block {
		return
	}
	if b.lineLen > 0 {
		b.out.WriteByte('\n')
		b.lineLen = 0
	}
	b.space, b.brk = false, false
}

func (b *lineBuilder) String() string {
	return strings.TrimSuffix(b.out.String(), "\n")
}
