package fetchtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Post is one post of the fake Blogger blog.
type Post struct {
	ID        int // the post id: tag:blogger.com,1999:blog-7.post-<ID>
	Title     string
	HTML      string
	Published time.Time
	Updated   time.Time
	Labels    []string
	Path      string // /YYYY/MM/YYYY-NNN.html
}

// Page is a static page of the fake site.
type Page struct {
	ContentType string
	Body        []byte
}

// Request is one request the server answered.
type Request struct {
	Path, RawQuery string
	Header         http.Header
	Time           time.Time
}

// Server is a local web site in the shape of the blog and of a city's
// site: a Blogger feed (/feeds/posts/default, JSON or Atom, paged with
// start-index and max-results and a rel="next" link, orderby=updated and
// updated-min, ETags), a robots.txt that disallows /search as the blog's
// does, and static pages with ETags. It logs every request.
type Server struct {
	*httptest.Server

	// mu guards everything below: the test sets the server's behaviour
	// (SetPageCap, Fail503, SetBefore) while the server's goroutines, or
	// those of a client in another process, are answering.
	mu       sync.Mutex
	posts    []Post
	pages    map[string]Page
	requests []Request
	// pageCap is the most entries a feed page holds, whatever max-results
	// asks (the real cap changed over the years).
	pageCap int
	// fail503 answers that many next feed requests with a 503 and
	// Retry-After: retryAfter.
	fail503    int
	retryAfter string
	// before, when set, runs before each request is answered, with the
	// request's number (from 1).
	before func(n int, r *http.Request)
}

// NewServer starts a Server, closed when the test ends.
func NewServer(t testing.TB) *Server {
	s := &Server{pages: map[string]Page{}, pageCap: 500, retryAfter: "1"}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// SetPosts replaces the blog's posts.
func (s *Server) SetPosts(posts []Post) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.posts = append([]Post(nil), posts...)
}

// SetPage serves body at path.
func (s *Server) SetPage(path, contentType string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = Page{contentType, body}
}

// SetPageCap makes n the most entries a feed page holds, whatever
// max-results asks (the real cap changed over the years; 500 at first).
func (s *Server) SetPageCap(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pageCap = n
}

// Fail503 answers the next n feed requests with a 503 and a Retry-After
// of retryAfter.
func (s *Server) Fail503(n int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail503, s.retryAfter = n, retryAfter
}

// SetBefore makes f run before each request is answered, with the
// request's number (from 1), outside the server's lock, so that f may
// block; nil runs nothing.
func (s *Server) SetBefore(f func(n int, r *http.Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.before = f
}

// Requests returns the requests so far, and forgets them when reset.
func (s *Server) Requests(reset bool) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]Request(nil), s.requests...)
	if reset {
		s.requests = nil
	}
	return out
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, Request{Path: r.URL.Path, RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Time: time.Now()})
	n, before := len(s.requests), s.before
	s.mu.Unlock()
	if before != nil {
		before(n, r)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /search\nAllow: /\n\nSitemap: "+s.URL+"/sitemap.xml\n")
	case r.URL.Path == "/feeds/posts/default":
		if s.fail503 > 0 {
			s.fail503--
			w.Header().Set("Retry-After", s.retryAfter)
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		s.feed(w, r)
	default:
		p, ok := s.pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		sum := sha256.Sum256(p.Body)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		w.Header().Set("Content-Type", p.ContentType)
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(p.Body)
	}
}

const blogTime = "2006-01-02T15:04:05.000-07:00"

var jst = time.FixedZone("JST", 9*3600)

func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	posts := append([]Post(nil), s.posts...)
	byUpdated := q.Get("orderby") == "updated"
	if min, err := time.Parse(time.RFC3339, q.Get("updated-min")); err == nil && byUpdated {
		kept := posts[:0]
		for _, p := range posts {
			if !p.Updated.Before(min) {
				kept = append(kept, p)
			}
		}
		posts = kept
	}
	sort.SliceStable(posts, func(i, j int) bool {
		if byUpdated {
			return posts[i].Updated.After(posts[j].Updated)
		}
		return posts[i].Published.After(posts[j].Published)
	})
	start, _ := strconv.Atoi(q.Get("start-index"))
	start = max(start, 1)
	size, err := strconv.Atoi(q.Get("max-results"))
	if err != nil {
		size = 25
	}
	size = min(size, s.pageCap)
	from, to := min(start-1, len(posts)), min(start-1+size, len(posts))
	next := ""
	if to < len(posts) {
		nq := q
		nq.Set("start-index", strconv.Itoa(to+1))
		nq.Set("max-results", strconv.Itoa(size))
		// Blogger's next links name www.blogger.com, not the blog.
		next = "http://www.blogger.com/feeds/7/posts/default?" + nq.Encode()
	}
	var body []byte
	if q.Get("alt") == "json" {
		body = s.jsonFeed(posts[from:to], len(posts), start, next)
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	} else {
		body = s.atomFeed(posts[from:to], len(posts), start, next)
		w.Header().Set("Content-Type", "application/atom+xml; charset=UTF-8")
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(body)
}

type jt struct {
	T string `json:"$t"`
}

func (s *Server) jsonFeed(posts []Post, total, start int, next string) []byte {
	type link struct {
		Rel   string `json:"rel"`
		Type  string `json:"type,omitempty"`
		Href  string `json:"href"`
		Title string `json:"title,omitempty"`
	}
	type cat struct {
		Scheme string `json:"scheme"`
		Term   string `json:"term"`
	}
	type entry struct {
		ID        jt             `json:"id"`
		Published jt             `json:"published"`
		Updated   jt             `json:"updated"`
		Category  []cat          `json:"category,omitempty"`
		Title     map[string]any `json:"title"`
		Content   map[string]any `json:"content"`
		Link      []link         `json:"link"`
		Author    []any          `json:"author"`
	}
	links := []link{{Rel: "self", Type: "application/atom+xml", Href: s.URL + "/feeds/posts/default"}}
	if next != "" {
		links = append(links, link{Rel: "next", Type: "application/atom+xml", Href: next})
	}
	var entries []entry
	for _, p := range posts {
		e := entry{
			ID: jt{fmt.Sprintf("tag:blogger.com,1999:blog-7.post-%d", p.ID)}, Published: jt{p.Published.In(jst).Format(blogTime)},
			Updated: jt{p.Updated.In(jst).Format(blogTime)}, Title: map[string]any{"type": "text", "$t": p.Title},
			Content: map[string]any{"type": "html", "$t": p.HTML},
			Link: []link{{Rel: "replies", Type: "text/html", Href: s.URL + p.Path + "#comment-form"},
				{Rel: "edit", Type: "application/atom+xml", Href: fmt.Sprintf("https://www.blogger.com/feeds/7/posts/default/%d", p.ID)},
				{Rel: "alternate", Type: "text/html", Href: s.URL + p.Path, Title: p.Title}},
			Author: []any{map[string]any{"name": jt{"ブログ管理人"}}},
		}
		for _, l := range p.Labels {
			e.Category = append(e.Category, cat{"http://www.blogger.com/atom/ns#", l})
		}
		entries = append(entries, e)
	}
	doc := map[string]any{"version": "1.0", "encoding": "UTF-8", "feed": map[string]any{
		"xmlns": "http://www.w3.org/2005/Atom", "id": jt{"tag:blogger.com,1999:blog-7"},
		"title": map[string]any{"type": "text", "$t": "セキュリティ事件簿"}, "link": links,
		"openSearch$totalResults": jt{strconv.Itoa(total)}, "openSearch$startIndex": jt{strconv.Itoa(start)},
		"openSearch$itemsPerPage": jt{strconv.Itoa(len(posts))}, "entry": entries,
	}}
	b, _ := json.Marshal(doc)
	return b
}

func (s *Server) atomFeed(posts []Post, total, start int, next string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:blogger='http://schemas.google.com/blogger/2008'>`)
	fmt.Fprintf(&b, "<id>tag:blogger.com,1999:blog-7</id><title type='text'>セキュリティ事件簿</title><link rel='self' type='application/atom+xml' href='%s/feeds/posts/default'/>", s.URL)
	if next != "" {
		fmt.Fprintf(&b, "<link rel='next' type='application/atom+xml' href='%s'/>", esc(next))
	}
	fmt.Fprintf(&b, "<openSearch:totalResults>%d</openSearch:totalResults><openSearch:startIndex>%d</openSearch:startIndex><openSearch:itemsPerPage>%d</openSearch:itemsPerPage>", total, start, len(posts))
	for _, p := range posts {
		fmt.Fprintf(&b, "<entry><id>tag:blogger.com,1999:blog-7.post-%d</id><published>%s</published><updated>%s</updated>",
			p.ID, p.Published.In(jst).Format(blogTime), p.Updated.In(jst).Format(blogTime))
		for _, l := range p.Labels {
			fmt.Fprintf(&b, "<category scheme='http://www.blogger.com/atom/ns#' term='%s'/>", esc(l))
		}
		fmt.Fprintf(&b, "<title type='text'>%s</title><content type='html'>%s</content>", esc(p.Title), esc(p.HTML))
		fmt.Fprintf(&b, "<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/7/posts/default/%d'/><link rel='alternate' type='text/html' href='%s%s' title='%s'/><author><name>ブログ管理人</name></author></entry>",
			p.ID, s.URL, p.Path, esc(p.Title))
	}
	b.WriteString("</feed>")
	return []byte(b.String())
}

func esc(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&apos;", `"`, "&quot;")
	return r.Replace(s)
}
