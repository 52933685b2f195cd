package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// numberedTitle marks the blog's incident posts; the others (news,
// announcements) are skipped unless BlogOptions.AllPosts.
var numberedTitle = regexp.MustCompile(`【セキュリティ事件簿[#＃]\d{4}-\d+】`)

// BlogOptions say which blog and which posts.
type BlogOptions struct {
	Base     string    // scheme and host of the blog, e.g. https://NAME.blogspot.com
	Since    time.Time // first sync: posts published on or after it (zero: all)
	PageSize int       // max-results asked for; the server may send fewer
	Format   string    // "json" (default) or "atom"
	AllPosts bool      // keep posts without a case number too
}

// post is one feed entry, from either feed format.
type post struct {
	ID, Title, HTML, Published, Updated, URL string
	Labels                                   []string
}

// feedPage is one page of a Blogger feed.
type feedPage struct {
	Posts []post
	Next  string // the rel="next" link, "" on the last page
	Total int    // openSearch totalResults, -1 when absent
}

// SyncBlog brings the corpus's copy of the blog up to date: on the first
// sync every post (published since b.Since), then only what changed since
// the last one (orderby=updated&updated-min). It resumes an interrupted
// sync at the page it stopped at.
func SyncBlog(ctx context.Context, o Options, b BlogOptions) (Summary, error) {
	o = o.withDefaults()
	return locked(o.Corpus, func() (Summary, error) {
		return counted(o.Client, func() (Summary, error) { return syncBlog(ctx, o, b) })
	})
}

func syncBlog(ctx context.Context, o Options, b BlogOptions) (Summary, error) {
	base, err := url.Parse(strings.TrimRight(b.Base, "/"))
	if err != nil || base.Host == "" {
		return Summary{}, fmt.Errorf("blog base %q: not a URL", b.Base)
	}
	source := "blog " + base.Host
	st, err := loadState(o.Corpus, source)
	if err != nil {
		return Summary{}, err
	}
	s := &syncRun{o: o, st: st, store: newStore(o.Corpus), source: source}

	pageURL := st.NextURL
	resumed := pageURL != ""
	if !resumed {
		q := url.Values{}
		q.Set("alt", "json")
		if b.Format == "atom" {
			q.Set("alt", "atom")
		}
		q.Set("orderby", "updated") // without it updated-min is ignored
		if b.PageSize > 0 {
			q.Set("max-results", strconv.Itoa(b.PageSize))
		}
		switch {
		case st.Watermark != "":
			q.Set("updated-min", st.Watermark)
		case !b.Since.IsZero():
			q.Set("updated-min", b.Since.UTC().Format(time.RFC3339)) // published ≥ since implies updated ≥ since
		}
		pageURL = base.String() + "/feeds/posts/default?" + q.Encode()
		st.SyncMax = ""
	}
	firstURL := pageURL
	for pages := 0; pageURL != ""; pages++ {
		var v Validators
		if st.Complete && !resumed && pages == 0 {
			v = st.Validators[firstURL] // a 304 is trusted only after a full sync
		}
		resp, err := o.Client.Get(ctx, pageURL, v)
		if err != nil {
			return s.stop(pageURL, err)
		}
		if resp.Status == 304 {
			o.Log.Info("fetch blog: not modified", "url", pageURL)
			break
		}
		page, err := parseBlogPage(feedBody(resp.Body, resp.ContentType))
		if err != nil {
			return s.stop(pageURL, fmt.Errorf("%s: %w", pageURL, err))
		}
		for _, p := range page.Posts {
			s.blogPost(p, base.Host, b, resp.Retrieved)
		}
		next, err := nextPage(pageURL, page)
		if err != nil {
			return s.stop(pageURL, err)
		}
		if pages == 0 && !resumed {
			// Only the next sync's first URL can use them: keep one.
			st.Validators = map[string]Validators{firstURL: resp.Validators}
		}
		// Data first, then the state that says it is there.
		st.NextURL = next
		if err := s.commit(); err != nil {
			return s.sum, err
		}
		o.Log.Info("fetch blog: page", "url", pageURL, "posts", len(page.Posts), "total", page.Total)
		pageURL = next
	}
	if st.SyncMax > st.Watermark {
		st.Watermark = st.SyncMax
	}
	if st.Held != "" {
		// A post this sync failed to store is asked for again: no
		// watermark past it, and no validators, whose 304 would answer
		// for the whole feed.
		if earlierTime(st.Held, st.Watermark) {
			st.Watermark = st.Held
		}
		st.Validators = nil
	}
	st.SyncMax, st.NextURL, st.Complete, st.Held = "", "", true, ""
	return s.sum, s.commit()
}

// earlierTime reports whether RFC 3339 time a is before b; an unreadable
// or empty b is later than any a.
func earlierTime(a, b string) bool {
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	return errA == nil && (errB != nil || ta.Before(tb))
}

// nextPage is the URL of the page after cur: cur with the start-index and
// max-results of the feed's rel="next" link. Blogger's next links name
// www.blogger.com and sometimes http; asking the blog's own host keeps
// one host's robots.txt and one politeness queue. It fails on a next link
// that does not move forward, which would loop.
func nextPage(cur string, page feedPage) (string, error) {
	if page.Next == "" || len(page.Posts) == 0 {
		return "", nil
	}
	nu, err := url.Parse(page.Next)
	if err != nil {
		return "", fmt.Errorf("next link %q: %w", page.Next, err)
	}
	cu, _ := url.Parse(cur)
	q := cu.Query()
	ns, err := strconv.Atoi(nu.Query().Get("start-index"))
	cs, _ := strconv.Atoi(q.Get("start-index"))
	if err != nil || ns <= max(cs, 1) {
		return "", fmt.Errorf("next link %q after %s does not move forward", page.Next, cur)
	}
	if page.Total >= 0 && ns > page.Total {
		return "", nil
	}
	q.Set("start-index", strconv.Itoa(ns))
	if m := nu.Query().Get("max-results"); m != "" {
		q.Set("max-results", m)
	}
	cu.RawQuery = q.Encode()
	return cu.String(), nil
}

// blogPost stores one post unless it is unchanged or skipped.
func (s *syncRun) blogPost(p post, host string, b BlogOptions, retrieved time.Time) {
	updated, ok := feedTime(p.Updated)
	published, okP := feedTime(p.Published)
	if p.ID == "" || !ok || !okP {
		s.fail(p.URL+" "+p.ID, fmt.Sprintf("entry without id, published or updated (%q, %q)", p.Published, p.Updated))
		return
	}
	upd := updated.UTC().Format(time.RFC3339Nano)
	if upd > s.st.SyncMax {
		s.st.SyncMax = upd
	}
	switch {
	case !b.AllPosts && !numberedTitle.MatchString(p.Title):
		s.sum.Skipped++
		return
	case !b.Since.IsZero() && published.Before(b.Since):
		s.sum.Skipped++
		return
	}
	text := htmlText(p.HTML)
	if strings.TrimSpace(text) == "" {
		s.fail(p.URL, "post has no text (empty content)")
		s.hold(upd)
		return
	}
	r := Record{
		ID: p.ID, Text: strings.TrimSpace(p.Title) + "\n\n" + text, URL: p.URL,
		Published: dayOf(published), PublishedAt: p.Published, Updated: p.Updated,
		Title: strings.TrimSpace(p.Title), Labels: p.Labels,
		RetrievedAt: retrieved.UTC().Format(time.RFC3339), Source: s.source,
	}
	file := fmt.Sprintf("blog/%s/%04d.jsonl", host, published.Year())
	if !s.put(file, r, upd, "") {
		s.hold(upd)
	}
}

// hold keeps the next sync's watermark at or before updated, the time of
// a post this sync could not store (State.Held).
func (s *syncRun) hold(updated string) {
	if s.st.Held == "" || earlierTime(updated, s.st.Held) {
		s.st.Held = updated
	}
}

// parseBlogPage reads a page of a Blogger feed, JSON (alt=json) or Atom,
// told apart by its first byte.
func parseBlogPage(body []byte) (feedPage, error) {
	trimmed := bytes.TrimLeft(body, " \t\r\n\xef\xbb\xbf")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return parseBloggerJSON(trimmed)
	}
	if len(trimmed) > 0 && trimmed[0] == '<' {
		return parseBloggerAtom(trimmed)
	}
	return feedPage{}, errors.New("neither a JSON nor an Atom feed")
}

type jsonText struct {
	T string `json:"$t"`
}

type jsonLink struct {
	Rel  string `json:"rel"`
	Href string `json:"href"`
	Type string `json:"type"`
}

type bloggerJSON struct {
	Feed *struct {
		Total jsonText   `json:"openSearch$totalResults"`
		Link  []jsonLink `json:"link"`
		Entry []struct {
			ID        jsonText `json:"id"`
			Published jsonText `json:"published"`
			Updated   jsonText `json:"updated"`
			Title     jsonText `json:"title"`
			Content   jsonText `json:"content"`
			Summary   jsonText `json:"summary"`
			Category  []struct {
				Term string `json:"term"`
			} `json:"category"`
			Link []jsonLink `json:"link"`
		} `json:"entry"`
	} `json:"feed"`
}

func parseBloggerJSON(body []byte) (feedPage, error) {
	var f bloggerJSON
	if err := json.Unmarshal(body, &f); err != nil {
		return feedPage{}, fmt.Errorf("reading the Blogger JSON feed: %w", err)
	}
	if f.Feed == nil {
		return feedPage{}, errors.New(`reading the Blogger JSON feed: no "feed" object`)
	}
	page := feedPage{Total: total(f.Feed.Total.T)}
	for _, l := range f.Feed.Link {
		if l.Rel == "next" {
			page.Next = l.Href
		}
	}
	for _, e := range f.Feed.Entry {
		p := post{ID: e.ID.T, Title: e.Title.T, HTML: e.Content.T, Published: e.Published.T, Updated: e.Updated.T}
		if p.HTML == "" {
			p.HTML = e.Summary.T // a summary-only feed
		}
		for _, c := range e.Category {
			p.Labels = append(p.Labels, c.Term)
		}
		for _, l := range e.Link {
			if l.Rel == "alternate" {
				p.URL = l.Href
			}
		}
		page.Posts = append(page.Posts, p)
	}
	return page, nil
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID         string `xml:"id"`
	Published  string `xml:"published"`
	Updated    string `xml:"updated"`
	Title      string `xml:"title"`
	Content    string `xml:"content"`
	Summary    string `xml:"summary"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
	Links []atomLink `xml:"link"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Total   string      `xml:"http://a9.com/-/spec/opensearchrss/1.0/ totalResults"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

func parseBloggerAtom(body []byte) (feedPage, error) {
	var f atomFeed
	if err := xmlDecoder(body).Decode(&f); err != nil {
		return feedPage{}, fmt.Errorf("reading the Atom feed: %w", err)
	}
	page := feedPage{Total: total(f.Total)}
	for _, l := range f.Links {
		if l.Rel == "next" {
			page.Next = l.Href
		}
	}
	for _, e := range f.Entries {
		p := post{ID: e.ID, Title: e.Title, HTML: e.Content, Published: e.Published, Updated: e.Updated, URL: alternate(e.Links)}
		if p.HTML == "" {
			p.HTML = e.Summary
		}
		for _, c := range e.Categories {
			p.Labels = append(p.Labels, c.Term)
		}
		page.Posts = append(page.Posts, p)
	}
	return page, nil
}

// alternate is the rel="alternate" link (Atom's default rel).
func alternate(links []atomLink) string {
	for _, l := range links {
		if l.Rel == "alternate" || l.Rel == "" {
			return l.Href
		}
	}
	return ""
}

func total(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return -1
	}
	return n
}
