package fetch

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/breachtrend/breachtrend/internal/fetch/fetchtest"
)

func shiftJIS(t *testing.T, s string) []byte {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const rss2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>報道発表</title><link>{{URL}}/press/</link>
<item><title>個人情報を含む書類の誤送付について</title><link>{{URL}}/press/2024/0501.html</link><pubDate>Wed, 01 May 2024 15:00:00 +0900</pubDate></item>
<item><title>市民まつりの開催について</title><link>{{URL}}/press/2024/0502.html</link><pubDate>Thu, 02 May 2024 10:00:00 +0900</pubDate></item>
<item><title>委託事業者への不正アクセスによる情報流出の可能性について</title><link>{{URL}}/press/2024/0503.pdf</link><pubDate>Fri, 03 May 2024 17:00:00 +0900</pubDate></item>
</channel></rss>`

const rss1 = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{{URL}}/rss/10/list1.xml"><title>新着情報</title><items><rdf:Seq><rdf:li rdf:resource="{{URL}}/soshiki/1.html"/></rdf:Seq></items></channel>
<item rdf:about="{{URL}}/soshiki/1.html"><title>USBメモリの紛失について</title><link>{{URL}}/soshiki/1.html</link><dc:date>2024-05-07T09:00:00+09:00</dc:date></item>
<item rdf:about="{{URL}}/soshiki/2.html"><title>図書館の臨時休館</title><link>{{URL}}/soshiki/2.html</link><dc:date>2024-05-08T09:00:00+09:00</dc:date></item>
</rdf:RDF>`

func needPDFTool(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed: `make test` installs poppler-utils; run it once, or apt-get install poppler-utils")
	}
}

// TestSyncFeeds: an RSS 2.0 and an RSS 1.0 feed; the items about an
// incident are fetched (a Shift_JIS HTML page, a Japanese PDF, a UTF-8
// page) and the others skipped; a second sync fetches no page again.
func TestSyncFeeds(t *testing.T) {
	needPDFTool(t)
	srv := fetchtest.NewServer(t)
	srv.SetPage("/press/rss.xml", "application/rss+xml", []byte(strings.ReplaceAll(rss2, "{{URL}}", srv.URL)))
	srv.SetPage("/rss/10/list1.xml", "application/rdf+xml", []byte(strings.ReplaceAll(rss1, "{{URL}}", srv.URL)))
	srv.SetPage("/press/2024/0501.html", "text/html", shiftJIS(t, `<html><head><meta charset="Shift_JIS"><title>個人情報を含む書類の誤送付について｜テスト市</title></head>`+
		`<body><nav>ホーム</nav><h1>個人情報を含む書類の誤送付について</h1><p>令和6年5月1日</p><p>市民課において、市民3名の住民票の写しを別の方に誤って送付する事案が発生しました。</p></body></html>`))
	srv.SetPage("/press/2024/0503.pdf", "application/pdf", fetchtest.PDF([]string{"令和6年5月3日", "委託事業者への不正アクセスによる情報流出の可能性について", "テスト市⽇本課", "対象者は最大で12,345人です。"}))
	srv.SetPage("/soshiki/1.html", "text/html; charset=utf-8", []byte(`<html><head><title>USBメモリの紛失について</title></head><body><p>職員がUSBメモリを紛失しました。</p></body></html>`))
	list := filepath.Join(t.TempDir(), "feeds.txt")
	os.WriteFile(list, []byte("# press releases\n"+srv.URL+"/press/rss.xml\n\n"+srv.URL+"/rss/10/list1.xml\n"), 0o644)

	c, _ := testClient(ClientOptions{})
	o := testOptions(t, c)
	sum, err := SyncFeeds(context.Background(), o, list)
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 3 || sum.Skipped != 2 || len(sum.Failed) != 0 {
		t.Errorf("summary %s, want 3 new, 2 skipped", sum)
	}
	recs := readRecords(t, o.Corpus)
	checks := []struct {
		id, published, title string
		text                 []string
	}{
		{srv.URL + "/press/2024/0501.html", "2024-05-01", "個人情報を含む書類の誤送付について", []string{"市民3名の住民票の写し", "令和6年5月1日"}},
		{srv.URL + "/press/2024/0503.pdf", "2024-05-03", "委託事業者への不正アクセスによる情報流出の可能性について", []string{"テスト市⽇本課", "最大で12,345人"}},
		{srv.URL + "/soshiki/1.html", "2024-05-07", "USBメモリの紛失について", []string{"職員がUSBメモリを紛失しました。"}},
	}
	for _, w := range checks {
		r, ok := recs[w.id]
		if !ok {
			t.Errorf("no record of %s (have %v)", w.id, ids(recs))
			continue
		}
		if r.URL != w.id || r.Published != w.published || r.Title != w.title || r.RetrievedAt == "" || r.Raw == "" {
			t.Errorf("record %+v, want url, published %s, title %s, retrieved_at and raw", r, w.published, w.title)
		}
		for _, s := range w.text {
			if !strings.Contains(r.Text, s) {
				t.Errorf("%s: text lacks %q:\n%s", w.id, s, r.Text)
			}
		}
		if _, err := os.Stat(filepath.Join(o.Corpus, r.Raw)); err != nil {
			t.Errorf("raw bytes of %s: %v", w.id, err)
		}
		meta := strings.TrimSuffix(r.Raw, filepath.Ext(r.Raw)) + ".meta.json"
		if b, err := os.ReadFile(filepath.Join(o.Corpus, meta)); err != nil || !strings.Contains(string(b), `"url": "`+w.id+`"`) {
			t.Errorf("sidecar %s: %v %s", meta, err, b)
		}
	}
	srv.Requests(true)
	c2, _ := testClient(ClientOptions{})
	o.Client = c2
	sum, err = SyncFeeds(context.Background(), o, list)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Requests(false) {
		if !strings.HasSuffix(r.Path, ".xml") && r.Path != "/robots.txt" {
			t.Errorf("second sync fetched %s again", r.Path)
		}
	}
	if sum.New+sum.Updated != 0 {
		t.Errorf("second sync: %s, want nothing new", sum)
	}
}

// TestParseFeed: the three feed shapes and a Shift_JIS RSS.
func TestParseFeed(t *testing.T) {
	atom := `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>個人情報の漏えいについて</title><link rel="alternate" href="https://x.example/1"/><published>2024-05-01T10:00:00+09:00</published></entry></feed>`
	sjis := append([]byte(`<?xml version="1.0" encoding="Shift_JIS"?>`), shiftJIS(t, `<rss version="2.0"><channel><item><title>メール誤送信</title><link>https://x.example/2</link></item></channel></rss>`)...)
	tests := []struct {
		name string
		body []byte
		want []feedItem
	}{
		{"rss2", []byte(strings.ReplaceAll(rss2, "{{URL}}", "https://c.example")), []feedItem{
			{Title: "個人情報を含む書類の誤送付について", Link: "https://c.example/press/2024/0501.html", Date: "Wed, 01 May 2024 15:00:00 +0900"},
			{Title: "市民まつりの開催について", Link: "https://c.example/press/2024/0502.html", Date: "Thu, 02 May 2024 10:00:00 +0900"},
			{Title: "委託事業者への不正アクセスによる情報流出の可能性について", Link: "https://c.example/press/2024/0503.pdf", Date: "Fri, 03 May 2024 17:00:00 +0900"}}},
		{"rss1", []byte(strings.ReplaceAll(rss1, "{{URL}}", "https://c.example")), []feedItem{
			{Title: "USBメモリの紛失について", Link: "https://c.example/soshiki/1.html", Date: "2024-05-07T09:00:00+09:00"},
			{Title: "図書館の臨時休館", Link: "https://c.example/soshiki/2.html", Date: "2024-05-08T09:00:00+09:00"}}},
		{"atom", []byte(atom), []feedItem{{Title: "個人情報の漏えいについて", Link: "https://x.example/1", Date: "2024-05-01T10:00:00+09:00"}}},
		{"shift_jis", sjis, []feedItem{{Title: "メール誤送信", Link: "https://x.example/2"}}},
		// Microsoft's name of the encoding, which the WHATWG labels lack.
		{"cp932", append([]byte(`<?xml version="1.0" encoding="cp932"?>`), shiftJIS(t, `<rss version="2.0"><channel><item><title>メール誤送信</title><link>https://x.example/2</link></item></channel></rss>`)...),
			[]feedItem{{Title: "メール誤送信", Link: "https://x.example/2"}}},
		// No encoding declared: the HTTP header's charset says it.
		{"shift_jis by Content-Type", feedBody(shiftJIS(t, `<?xml version="1.0"?><rss version="2.0"><channel><item><title>メール誤送信</title><link>https://x.example/2</link></item></channel></rss>`), "application/rss+xml; charset=Shift_JIS"),
			[]feedItem{{Title: "メール誤送信", Link: "https://x.example/2"}}},
		// A declaration wins over the header (the bytes are as declared).
		{"declared over Content-Type", feedBody(sjis, "application/rss+xml; charset=EUC-JP"), []feedItem{{Title: "メール誤送信", Link: "https://x.example/2"}}},
	}
	for _, tt := range tests {
		got, err := parseFeed(tt.body)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s item %d: %+v, want %+v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
	if _, err := parseFeed([]byte(`<html><body>not a feed</body></html>`)); err == nil {
		t.Error("an HTML page parsed as a feed")
	}
}

// TestSyncFeedRetriesFailedItems: while an item's page fails, the feed is
// fetched in full (no conditional GET that a 304 would answer) so the item
// is tried again; once all are done, the feed is asked conditionally.
func TestSyncFeedRetriesFailedItems(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.SetPage("/rss/10/list1.xml", "application/rdf+xml", []byte(strings.ReplaceAll(rss1, "{{URL}}", srv.URL)))
	list := filepath.Join(t.TempDir(), "feeds.txt")
	os.WriteFile(list, []byte(srv.URL+"/rss/10/list1.xml\n"), 0o644)
	o := Options{Corpus: t.TempDir()}
	sync := func() (Summary, []fetchtest.Request) {
		t.Helper()
		o.Client, _ = testClient(ClientOptions{})
		srv.Requests(true)
		sum, err := SyncFeeds(context.Background(), o, list)
		if err != nil {
			t.Fatal(err)
		}
		return sum, srv.Requests(false)
	}
	if sum, _ := sync(); len(sum.Failed) != 1 || sum.Failed[0].Reason != "HTTP 404" {
		t.Fatalf("first sync: %s, want the missing page failed", sum)
	}
	srv.SetPage("/soshiki/1.html", "text/html", []byte(`<p>職員がUSBメモリを紛失しました。</p>`))
	sum, reqs := sync()
	if sum.New != 1 || reqs[1].Header.Get("If-None-Match") != "" {
		t.Errorf("second sync: %s, If-None-Match %q, want the feed read in full and the page fetched", sum, reqs[1].Header.Get("If-None-Match"))
	}
	sum, reqs = sync()
	if len(reqs) != 2 || reqs[1].Header.Get("If-None-Match") == "" || sum.New+sum.Unchanged != 0 {
		t.Errorf("third sync: %s, %d requests, want one conditional GET of the feed answered 304", sum, len(reqs))
	}
}
