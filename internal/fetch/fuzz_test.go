package fetch

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Feeds come from the web: no body makes the parsers panic.
func FuzzParseBlogPage(f *testing.F) {
	f.Add([]byte(`{"feed":{"entry":[{"id":{"$t":"x"},"title":{"$t":"【セキュリティ事件簿#2024-001】"}}],"link":[{"rel":"next","href":"?start-index=2"}]}}`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id></entry></feed>`))
	f.Add([]byte(`{"feed": null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := parseBlogPage(body)
		if err == nil {
			nextPage("https://b.example/feeds/posts/default?start-index=1", page)
		}
	})
}

func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(rss1))
	f.Add([]byte(rss2))
	f.Add([]byte(`<?xml version="1.0" encoding="EUC-JP"?><rss><channel><item><title>&amp;</title></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		parseFeed(body)
	})
}

// The text of a post is valid UTF-8 whenever its HTML is, with no markup
// and no script.
func FuzzHTMLText(f *testing.F) {
	f.Add(`<p>個人情報</p><script>x<p>y</p></script><br>漏えい`)
	f.Add(`<style>`)
	f.Fuzz(func(t *testing.T, fragment string) {
		got := htmlText(fragment)
		if utf8.ValidString(fragment) && !utf8.ValidString(got) {
			t.Errorf("htmlText(%q) = %q, not UTF-8", fragment, got)
		}
		if strings.Contains(got, "\n\n\n") {
			t.Errorf("htmlText(%q) has two blank lines in a row", fragment)
		}
	})
}

func TestHTMLText(t *testing.T) {
	got := htmlText(`<div>第一段落<br/>二行目</div><p>  第二段落 &amp; 記号 </p><script>var s = "<p>x</p>";</script><style>p{}</style><ul><li>氏名</li><li>住所</li></ul>`)
	want := "第一段落\n二行目\n\n第二段落 & 記号\n\n氏名\n\n住所"
	if got != want {
		t.Errorf("htmlText = %q, want %q", got, want)
	}
}
