package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/internal/fetch/fetchtest"
)

// TestSyncBlogPages: five numbered posts and one announcement on three
// pages of two (the server's cap, smaller than what was asked) linked by
// next, in both feed formats; every numbered post becomes one record with
// its provenance, the announcement is skipped.
func TestSyncBlogPages(t *testing.T) {
	for _, format := range []string{"json", "atom"} {
		t.Run(format, func(t *testing.T) {
			srv := fetchtest.NewServer(t)
			srv.SetPosts(fetchtest.Posts(5))
			srv.SetPageCap(2)
			c, _ := testClient(ClientOptions{})
			o := testOptions(t, c)
			sum, err := SyncBlog(context.Background(), o, BlogOptions{Base: srv.URL, PageSize: 150, Format: format})
			if err != nil {
				t.Fatal(err)
			}
			if sum.New != 5 || sum.Skipped != 1 || len(sum.Failed) != 0 {
				t.Errorf("summary %s, want 5 new, 1 skipped", sum)
			}
			reqs := srv.Requests(false)
			feed := feedRequests(reqs)
			if len(feed) != 3 || len(reqs) != 4 || reqs[0].Path != "/robots.txt" {
				t.Errorf("requests %+v, want robots.txt then 3 feed pages", reqs)
			}
			for i, r := range feed {
				q, _ := url.ParseQuery(r.RawQuery)
				if q.Get("orderby") != "updated" || q.Get("alt") != format || (i > 0 && q.Get("start-index") != fmt.Sprint(2*i+1)) {
					t.Errorf("feed request %d: %s", i, r.RawQuery)
				}
				if ua := r.Header.Get("User-Agent"); !strings.Contains(ua, "breachtrend") || !strings.Contains(ua, "https://github.com/breachtrend/breachtrend") {
					t.Errorf("User-Agent %q does not name breachtrend and its project URL", ua)
				}
			}
			recs := readRecords(t, o.Corpus)
			if len(recs) != 5 {
				t.Fatalf("records %v, want 5", ids(recs))
			}
			r := recs["tag:blogger.com,1999:blog-7.post-9002"]
			want := Record{
				ID: "tag:blogger.com,1999:blog-7.post-9002", URL: srv.URL + "/2024/05/2024-103.html", Published: "2024-05-03",
				PublishedAt: "2024-05-03T09:30:00.000+09:00", Updated: "2024-05-03T10:30:00.000+09:00",
				Title:  "【セキュリティ事件簿#2024-103】株式会社テスト商事3 不正アクセスによる個人情報漏えいのお知らせ 2024年5月3日",
				Labels: []string{"不正アクセス", "個人情報"}, RetrievedAt: r.RetrievedAt, Source: "blog " + strings.TrimPrefix(srv.URL, "http://"),
			}
			text := r.Text
			r.Text = ""
			if !reflect.DeepEqual(r, want) {
				t.Errorf("record\n got %+v\nwant %+v", r, want)
			}
			if !strings.HasPrefix(text, want.Title+"\n\nこのたび、株式会社テスト商事3が") || !strings.Contains(text, "個人情報1,002件") ||
				strings.Contains(text, "<p>") || strings.Contains(text, "広告") || !strings.Contains(text, "メールアドレスです。\nお客様には") {
				t.Errorf("text is not the title and the post's visible text, one block a line:\n%s", text)
			}
			if _, err := time.Parse(time.RFC3339, r.RetrievedAt); err != nil {
				t.Errorf("retrieved_at %q: %v", r.RetrievedAt, err)
			}
		})
	}
}

// TestSyncBlogIncremental: the second sync asks for what changed since the
// first (orderby=updated&updated-min) and gets it in one page: an edited
// post replaces its older version, a new post is added, nothing is
// duplicated. A third sync with nothing new gets a 304 for its ETag.
func TestSyncBlogIncremental(t *testing.T) {
	srv := fetchtest.NewServer(t)
	posts := fetchtest.Posts(6)
	srv.SetPosts(posts)
	srv.SetPageCap(2)
	c, _ := testClient(ClientOptions{})
	o := testOptions(t, c)
	blog := BlogOptions{Base: srv.URL, PageSize: 150}
	if _, err := SyncBlog(context.Background(), o, blog); err != nil {
		t.Fatal(err)
	}
	srv.Requests(true)

	edited := posts[1]
	edited.HTML += "<p>【追記】調査の結果、漏えい件数は2,000件と確定しました。</p>"
	edited.Updated = posts[len(posts)-1].Updated.Add(48 * time.Hour)
	posts[1] = edited
	title, html := fetchtest.Notice(199, "新規株式会社", 50, edited.Updated)
	posts = append(posts, fetchtest.Post{ID: 9999, Title: title, HTML: html, Published: edited.Updated, Updated: edited.Updated.Add(time.Minute), Path: "/2024/05/2024-199.html"})
	srv.SetPosts(posts)
	srv.SetPageCap(150) // the blog's page size: the changes fit on one page
	c2, _ := testClient(ClientOptions{})
	o.Client = c2
	sum, err := SyncBlog(context.Background(), o, blog)
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 1 || sum.Updated != 1 || len(sum.Failed) != 0 {
		t.Errorf("second sync: %s, want 1 new, 1 updated", sum)
	}
	feed := feedRequests(srv.Requests(true))
	if len(feed) != 1 {
		t.Fatalf("second sync made %d feed requests, want 1 (only the changes, on one page): %+v", len(feed), feed)
	}
	q, _ := url.ParseQuery(feed[0].RawQuery)
	if q.Get("orderby") != "updated" || q.Get("updated-min") != "2024-05-06T01:30:00Z" {
		t.Errorf("second sync asked %s, want orderby=updated&updated-min=<greatest updated seen>", feed[0].RawQuery)
	}
	recs := readRecords(t, o.Corpus)
	if len(recs) != 7 {
		t.Errorf("records %v, want 7", ids(recs))
	}
	if r := recs["tag:blogger.com,1999:blog-7.post-9001"]; !strings.Contains(r.Text, "2,000件と確定") || r.Updated != edited.Updated.In(time.FixedZone("", 9*3600)).Format("2006-01-02T15:04:05.000-07:00") {
		t.Errorf("edited post not replaced: %+v", r)
	}

	// Nothing new: the third sync asks the same URL as the one before
	// would next time, and the fourth sends its ETag back and gets a 304.
	for i := 3; i <= 4; i++ {
		c3, _ := testClient(ClientOptions{})
		o.Client = c3
		sum, err = SyncBlog(context.Background(), o, blog)
		if err != nil {
			t.Fatal(err)
		}
		feed = feedRequests(srv.Requests(true))
		if len(feed) != 1 || sum.New+sum.Updated != 0 || sum.Requests != 2 {
			t.Errorf("sync %d: %s, %d feed requests, want one and nothing new", i, sum, len(feed))
		}
		if inm := feed[0].Header.Get("If-None-Match"); i == 4 && (inm == "" || sum.Unchanged != 0) {
			t.Errorf("sync %d: If-None-Match %q, %d unchanged, want a 304 with nothing to read", i, inm, sum.Unchanged)
		}
	}
	if again := readRecords(t, o.Corpus); !reflect.DeepEqual(again, recs) {
		t.Error("a sync with nothing new changed the corpus")
	}
}

// TestSyncBlogRetryAfter: a 503 with Retry-After is waited out, as long as
// the server says, and the sync completes.
func TestSyncBlogRetryAfter(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.SetPosts(fetchtest.Posts(2))
	srv.Fail503(2, "7")
	c, w := testClient(ClientOptions{})
	o := testOptions(t, c)
	sum, err := SyncBlog(context.Background(), o, BlogOptions{Base: srv.URL})
	if err != nil || sum.New != 2 {
		t.Fatalf("sync: %s, %v", sum, err)
	}
	var backoffs []time.Duration
	for _, d := range w.d {
		if d > 100*time.Millisecond { // not the per-host delay
			backoffs = append(backoffs, d)
		}
	}
	if !reflect.DeepEqual(backoffs, []time.Duration{7 * time.Second, 7 * time.Second}) {
		t.Errorf("waits %v, want two of Retry-After's 7 s", w.d)
	}
}

// TestSyncBlogResume: a sync cancelled after each number of requests, then
// run again, ends with exactly the records of an uninterrupted sync; the
// rerun resumes at the page it stopped at.
func TestSyncBlogResume(t *testing.T) {
	posts := fetchtest.Posts(7) // 8 entries, 4 pages of 2
	whole := func() map[string]Record {
		srv := fetchtest.NewServer(t)
		srv.SetPosts(posts)
		srv.SetPageCap(2)
		c, _ := testClient(ClientOptions{})
		o := testOptions(t, c)
		if _, err := SyncBlog(context.Background(), o, BlogOptions{Base: srv.URL}); err != nil {
			t.Fatal(err)
		}
		return readRecords(t, o.Corpus)
	}()
	for killAt := 2; killAt <= 5; killAt++ {
		t.Run(fmt.Sprint("cancel at request ", killAt), func(t *testing.T) {
			srv := fetchtest.NewServer(t)
			srv.SetPosts(posts)
			srv.SetPageCap(2)
			ctx, cancel := context.WithCancel(context.Background())
			srv.SetBefore(func(n int, r *http.Request) {
				if n == killAt {
					cancel()
					// Answer only once the client has given up the
					// request: otherwise the answer may reach it before
					// it sees the cancel, and a last page completes.
					select {
					case <-r.Context().Done():
					case <-time.After(5 * time.Second):
					}
				}
			})
			c, _ := testClient(ClientOptions{})
			o := testOptions(t, c)
			_, err := SyncBlog(ctx, o, BlogOptions{Base: srv.URL})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled sync: %v, want context.Canceled", err)
			}
			before := len(feedRequests(srv.Requests(true)))
			srv.SetBefore(nil)
			c2, _ := testClient(ClientOptions{})
			o.Client = c2
			sum, err := SyncBlog(context.Background(), o, BlogOptions{Base: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			got := readRecords(t, o.Corpus)
			if !sameRecords(got, whole) {
				t.Errorf("after a resume: %v, want %v", ids(got), ids(whole))
			}
			if again := len(feedRequests(srv.Requests(false))); before+again > 4+1 {
				t.Errorf("%d feed requests before the cancel and %d after, want the rerun to resume (%s)", before, again, sum)
			}
		})
	}
}

// sameRecords compares two corpora but for retrieved_at and the server's
// port in urls and sources.
func sameRecords(a, b map[string]Record) bool {
	if len(a) != len(b) {
		return false
	}
	for id, r := range a {
		o, ok := b[id]
		if !ok || r.Text != o.Text || r.Updated != o.Updated || r.Published != o.Published || !reflect.DeepEqual(r.Labels, o.Labels) {
			return false
		}
	}
	return true
}

// TestSyncBlogSince: a first sync with --since asks for posts updated
// since then and keeps only those published since then.
func TestSyncBlogSince(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.SetPosts(fetchtest.Posts(5))
	c, _ := testClient(ClientOptions{})
	o := testOptions(t, c)
	since := time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC)
	sum, err := SyncBlog(context.Background(), o, BlogOptions{Base: srv.URL, Since: since})
	if err != nil {
		t.Fatal(err)
	}
	recs := readRecords(t, o.Corpus)
	for _, r := range recs {
		if r.Published < "2024-05-03" {
			t.Errorf("post of %s kept with --since 2024-05-03", r.Published)
		}
	}
	if len(recs) != 3 {
		t.Errorf("%d records (%s), want the 3 posts of May 3rd to 5th", len(recs), sum)
	}
	q, _ := url.ParseQuery(feedRequests(srv.Requests(false))[0].RawQuery)
	if q.Get("updated-min") != "2024-05-03T00:00:00Z" {
		t.Errorf("first request %v, want updated-min of --since", q)
	}
}

// TestNextPage: next links are followed on the blog's own host; a link
// that does not move forward stops the sync instead of looping.
func TestNextPage(t *testing.T) {
	cur := "https://blog.example/feeds/posts/default?alt=json&orderby=updated&start-index=1"
	page := feedPage{Posts: []post{{}}, Total: -1, Next: "http://www.blogger.com/feeds/7/posts/default?alt=json&start-index=3&max-results=2"}
	got, err := nextPage(cur, page)
	if err != nil || got != "https://blog.example/feeds/posts/default?alt=json&max-results=2&orderby=updated&start-index=3" {
		t.Errorf("nextPage = %q, %v", got, err)
	}
	page.Next = "http://www.blogger.com/feeds/7/posts/default?start-index=1"
	if _, err := nextPage(cur, page); err == nil {
		t.Error("a next link back to the start was followed")
	}
	page.Next, page.Total = "http://x/?start-index=3", 2
	if got, err := nextPage(cur, page); got != "" || err != nil {
		t.Errorf("past totalResults: %q, %v, want the end", got, err)
	}
}

// TestSyncBlogFailedPostsAskedAgain: posts a sync cannot store (a corpus
// file someone edited into a line that is no record) are not skipped for
// good: once the file is mended, the next sync asks for them again and
// stores them, though the feed has not changed since.
func TestSyncBlogFailedPostsAskedAgain(t *testing.T) {
	srv := fetchtest.NewServer(t)
	posts := fetchtest.Posts(4)
	srv.SetPosts(posts)
	c, _ := testClient(ClientOptions{})
	o := testOptions(t, c)
	blog := BlogOptions{Base: srv.URL, PageSize: 150}
	if _, err := SyncBlog(context.Background(), o, blog); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(o.Corpus, "blog", "*", "2024.jsonl"))
	if len(files) != 1 {
		t.Fatalf("corpus files %v, want one", files)
	}
	file := files[0]
	kept, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(append([]byte{}, kept...), "{\"text\":\"手で追加したメモ\"}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	last := posts[len(posts)-1].Updated
	for i := range 2 {
		title, html := fetchtest.Notice(300+i, fmt.Sprintf("追加商事%d", i), 10, last.Add(time.Duration(i+1)*time.Hour))
		posts = append(posts, fetchtest.Post{ID: 9500 + i, Title: title, HTML: html, Published: last.Add(time.Duration(i+1) * time.Hour),
			Updated: last.Add(time.Duration(i+1) * time.Hour), Path: fmt.Sprintf("/2024/05/2024-%d.html", 300+i)})
	}
	srv.SetPosts(posts)
	o.Client, _ = testClient(ClientOptions{})
	sum, err := SyncBlog(context.Background(), o, blog)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) != 2 || !strings.Contains(sum.Failed[0].Reason, "no id") {
		t.Fatalf("sync over an edited file: %s, want the 2 new posts failed, the line's fault named", sum)
	}
	if err := os.WriteFile(file, kept, 0o644); err != nil { // the edit undone
		t.Fatal(err)
	}
	o.Client, _ = testClient(ClientOptions{})
	sum, err = SyncBlog(context.Background(), o, blog)
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 2 || len(sum.Failed) != 0 {
		t.Errorf("sync after the file is mended: %s, want the 2 posts stored", sum)
	}
	if recs := readRecords(t, o.Corpus); len(recs) != 6 {
		t.Errorf("records %v, want 6", ids(recs))
	}
}
